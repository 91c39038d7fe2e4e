import * as assert from 'node:assert/strict';
import { EditHistory, trimHunk } from '../../../src/nextEdit/history';

describe('next edit: edit history', () => {
  it('keeps hunks as plain data, trimmed to the changed lines', () => {
    const h = new EditHistory();
    h.record('a.ts', 3, ['x', 'let a = 1;', 'y'], ['x', 'let b = 1;', 'y']);
    assert.deepEqual(h.list('a.ts'), [{ path: 'a.ts', startLine: 4, before: ['let a = 1;'], after: ['let b = 1;'], source: 'user' }]);
  });

  it('ignores a change that changes nothing', () => {
    const h = new EditHistory();
    h.record('a.ts', 0, ['same'], ['same']);
    assert.deepEqual(h.list('a.ts'), []);
    assert.equal(trimHunk({ path: 'a', startLine: 0, before: ['q'], after: ['q'], source: 'user' }), undefined);
  });

  it('merges typing on the lines the newest hunk produced into that hunk', () => {
    const h = new EditHistory();
    h.record('a.ts', 0, ['const count = 0;'], ['const c = 0;']);
    h.record('a.ts', 0, ['const c = 0;'], ['const co = 0;']);
    h.record('a.ts', 0, ['const co = 0;'], ['const total = 0;']);
    assert.deepEqual(h.list('a.ts').map((x) => [x.before, x.after]), [[['const count = 0;'], ['const total = 0;']]]);
  });

  it('lists the current file first, then the others, each oldest first, and knows the last user edit', () => {
    const h = new EditHistory();
    h.record('b.ts', 0, ['1'], ['2']);
    h.record('a.ts', 5, ['3'], ['4']);
    h.record('b.ts', 9, ['5'], ['6']);
    h.record('a.ts', 7, ['7'], ['8'], 'suggestion');
    assert.deepEqual(h.list('a.ts').map((x) => `${x.path}:${x.startLine}`), ['a.ts:5', 'a.ts:7', 'b.ts:0', 'b.ts:9']);
    assert.equal(h.lastUserEdit('a.ts')?.startLine, 5);
  });

  it('is bounded in count and in the size of one hunk', () => {
    const h = new EditHistory(3, 50);
    for (let i = 0; i < 5; i++) h.record('a.ts', i * 10, [`old ${i}`], [`new ${i}`]);
    h.record('a.ts', 100, ['x'], ['y'.repeat(60)]);
    assert.deepEqual(h.list('a.ts').map((x) => x.startLine), [20, 30, 40]);
  });
});
