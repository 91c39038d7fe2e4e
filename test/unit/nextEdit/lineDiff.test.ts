import * as assert from 'node:assert/strict';
import { diffLines, hunksToEdits } from '../../../src/nextEdit/lineDiff';
import { applyLineEdits } from '../../../src/nextEdit/lines';

describe('next edit: minimal line diff and line edits', () => {
  it('trims common lines and splits separate changes into hunks', () => {
    const old = ['a', 'b', 'c', 'd', 'e'];
    const next = ['a', 'B', 'c', 'd', 'E'];
    assert.deepEqual(diffLines(old, next), [
      { oldStart: 1, oldEnd: 2, lines: ['B'] },
      { oldStart: 4, oldEnd: 5, lines: ['E'] },
    ]);
    assert.deepEqual(diffLines(old, old), []);
  });

  it('turns hunks into edits applied in order, each relative to the document the previous left', () => {
    const doc = ['0', 'a', 'b', 'c', 'd', 'e'];
    const region = doc.slice(1);
    const rewrite = ['a', 'B1', 'B2', 'c', 'd', 'E'];
    const edits = hunksToEdits(diffLines(region, rewrite), doc, 1);
    assert.deepEqual(edits, [
      { startLine: 2, endLine: 2, text: 'B1\nB2' },
      { startLine: 6, endLine: 6, text: 'E' },
    ]);
    assert.deepEqual(applyLineEdits(doc, edits), ['0', ...rewrite]);
  });

  it('widens a pure insertion or deletion by one unchanged line, so every edit replaces lines', () => {
    const doc = ['x', 'a', 'b'];
    const inserted = hunksToEdits(diffLines(doc, ['x', 'a', 'new', 'b']), doc, 0);
    assert.deepEqual(inserted, [{ startLine: 1, endLine: 1, text: 'a\nnew' }]);
    const deleted = hunksToEdits(diffLines(doc, ['x', 'b']), doc, 0);
    assert.deepEqual(deleted, [{ startLine: 0, endLine: 1, text: 'x' }]);
    const atTop = hunksToEdits(diffLines(doc, ['top', 'x', 'a', 'b']), doc, 0);
    assert.deepEqual(applyLineEdits(doc, atTop), ['top', 'x', 'a', 'b']);
  });
});
