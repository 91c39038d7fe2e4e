import * as assert from 'node:assert/strict';
import { combineStatus, offStatus, type FolderIndexStatus } from '../../../src/codebase/indexStatus';

const folder = (over: Partial<FolderIndexStatus>): FolderIndexStatus => ({ name: 'f', root: '/f', state: 'ready', files: 10, chunks: 30, fromSnapshot: true, complete: true, syncedAt: 1000, snapshotBytes: 500, ...over });

describe('codebase: the workspace index status over its folders', () => {
  it('adds up files, chunks, sizes and the progress of the folders building', () => {
    const s = combineStatus([folder({ name: 'a' }), folder({ name: 'b', state: 'building', complete: false, progress: { done: 3, total: 8 }, syncedAt: 500 })]);
    assert.equal(s.state, 'building');
    assert.deepEqual({ files: s.files, chunks: s.chunks, bytes: s.snapshotBytes, progress: s.progress, complete: s.complete, syncedAt: s.syncedAt }, { files: 20, chunks: 60, bytes: 1000, progress: { done: 3, total: 8 }, complete: false, syncedAt: 500 });
  });

  it('a failed folder makes the workspace failed, with its error', () => {
    const s = combineStatus([folder({}), folder({ state: 'failed', error: 'disk gone' })]);
    assert.deepEqual([s.state, s.error], ['failed', 'disk gone']);
  });

  it('ready and complete when every folder finished; no age until every folder has one', () => {
    assert.deepEqual([combineStatus([folder({})]).state, combineStatus([folder({})]).complete], ['ready', true]);
    assert.equal(combineStatus([folder({}), folder({ syncedAt: undefined })]).syncedAt, undefined);
    assert.deepEqual(offStatus('untrusted'), { state: 'off', reason: 'untrusted', files: 0, chunks: 0, complete: false, folders: [] });
  });
});
