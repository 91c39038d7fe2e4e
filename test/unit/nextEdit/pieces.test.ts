import * as assert from 'node:assert/strict';
import { atCursor, editPieces, insertedLabel, jumpTarget } from '../../../src/nextEdit/pieces';
import { splitLines } from '../../../src/nextEdit/lines';

describe('next-edit pieces (what the editor shows and applies)', () => {
  const lines = splitLines('const total = 1;\n\nuse(count);\n\nlog(count, count);\n');

  it('narrows a line edit to the characters it changes', () => {
    assert.deepEqual(editPieces(lines, [{ startLine: 2, endLine: 2, text: 'use(total);' }]), [{ from: { line: 2, character: 4 }, to: { line: 2, character: 9 }, text: 'total' }]);
  });

  it('places every edit in the current document although the pipeline applies them one after another', () => {
    const pieces = editPieces(lines, [
      { startLine: 2, endLine: 2, text: 'use(total);\nuse(total);' },
      { startLine: 5, endLine: 5, text: 'log(total, count);' },
    ]);
    assert.deepEqual(pieces[1], { from: { line: 4, character: 4 }, to: { line: 4, character: 9 }, text: 'total' });
    assert.deepEqual(pieces[0], { from: { line: 2, character: 4 }, to: { line: 2, character: 9 }, text: 'total);\nuse(total' });
  });

  it('shows an insertion of whole lines at the end of the line above', () => {
    assert.deepEqual(editPieces(lines, [{ startLine: 1, endLine: 0, text: 'let a;\nlet b;' }]), [{ from: { line: 0, character: 16 }, to: { line: 0, character: 16 }, text: '\nlet a;\nlet b;' }]);
    assert.deepEqual(editPieces(lines, [{ startLine: 0, endLine: -1, text: 'x' }])[0].text, 'x\n');
  });

  it('labels a multi-line insertion by its first line and the count of the rest', () => {
    assert.equal(insertedLabel('total'), 'total');
    assert.equal(insertedLabel('a(\n  b,\n)'), 'a(…(+2 lines)');
    assert.equal(insertedLabel('\nlet a;\nlet b;'), 'let a;…(+1 lines)');
  });

  it('is at the cursor on its own lines and the lines next to them, and jumps to its start', () => {
    const pieces = editPieces(lines, [{ startLine: 4, endLine: 4, text: 'log(total, total);' }]);
    assert.equal(atCursor(pieces, 3), true);
    assert.equal(atCursor(pieces, 5), true);
    assert.equal(atCursor(pieces, 2), false);
    assert.deepEqual(jumpTarget(pieces), { line: 4, character: 4 });
  });
});
