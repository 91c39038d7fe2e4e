/** What a chat answer says about the workspace index, from the index service's status. */
import * as assert from 'node:assert/strict';
import { offStatus, type CodebaseStatus } from '../../../../src/codebase/indexStatus';
import { readiness } from '../../../../src/vscode/chat/chatCodebase';

const status = (change: Partial<CodebaseStatus>): CodebaseStatus => ({ state: 'ready', files: 10, chunks: 40, complete: true, folders: [], ...change });

describe('chat: the index service status as the chat sees it', () => {
  it('ready, off (whatever the reason) and failed (with its error)', () => {
    assert.deepEqual(readiness(status({})), { kind: 'ready' });
    assert.deepEqual(readiness(offStatus('disabled')), { kind: 'off' });
    assert.deepEqual(readiness(offStatus('untrusted')), { kind: 'off' });
    assert.deepEqual(readiness(status({ state: 'failed', error: 'snapshot unreadable' })), { kind: 'failed', message: 'snapshot unreadable' });
  });

  it('building with its progress; waiting to start counts as building with nothing counted yet', () => {
    assert.deepEqual(readiness(status({ state: 'building', progress: { done: 1234, total: 10000 } })), { kind: 'building', indexed: 1234, total: 10000 });
    assert.deepEqual(readiness(status({ state: 'waiting' })), { kind: 'building', indexed: 0, total: 0 });
  });
});
