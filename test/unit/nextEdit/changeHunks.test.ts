import * as assert from 'node:assert/strict';
import { changeHunks } from '../../../src/nextEdit/changeHunks';

describe('editor changes as history hunks', () => {
  it('turns a change inside a line into that line before and after', () => {
    const old = 'const count = 1;\nuse(count);\n';
    const { text, hunks } = changeHunks(old, [{ rangeOffset: 6, rangeLength: 5, text: 'total' }]);
    assert.equal(text, 'const total = 1;\nuse(count);\n');
    assert.deepEqual(hunks, [{ startLine: 0, before: ['const count = 1;'], after: ['const total = 1;'] }]);
  });

  it('covers the lines a change spans and the lines it adds', () => {
    const { hunks } = changeHunks('a\nb\nc', [{ rangeOffset: 2, rangeLength: 3, text: 'x\ny\nz' }]);
    assert.deepEqual(hunks, [{ startLine: 1, before: ['b', 'c'], after: ['x', 'y', 'z'] }]);
  });

  it('applies several changes in order, each to the text the previous left', () => {
    // Two cursors typing: VS Code reports the lower change first.
    const { text, hunks } = changeHunks('ab\nab', [{ rangeOffset: 4, rangeLength: 0, text: 'X' }, { rangeOffset: 1, rangeLength: 0, text: 'X' }]);
    assert.equal(text, 'aXb\naXb');
    assert.deepEqual(hunks.map((h) => h.startLine), [1, 0]);
  });
});
