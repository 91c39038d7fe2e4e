import * as assert from 'node:assert/strict';
import { reanchor } from '../../../src/commands/reanchor';

const DOC = 'import x from "x";\n\nfunction a() {\n  return 1;\n}\n\nfunction b() {\n  return 2;\n}\n';
const rangeOf = (text: string, part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
const B = 'function b() {\n  return 2;\n}';

describe('commands: finding the target again after the document changed', () => {
  it('unchanged document: the same range', () => {
    assert.deepEqual(reanchor(DOC, rangeOf(DOC, B), DOC), rangeOf(DOC, B));
  });

  it('typing above the target moves it; typing below leaves it', () => {
    const above = DOC.replace('return 1;', 'return 1 + 41; // answer');
    const moved = reanchor(DOC, rangeOf(DOC, B), above)!;
    assert.deepEqual(moved, rangeOf(above, B));
    assert.equal(above.slice(moved.start, moved.end), B);
    const below = `${DOC}\nconst c = 3;\n`;
    assert.deepEqual(reanchor(DOC, rangeOf(DOC, 'function a() {\n  return 1;\n}'), below), rangeOf(below, 'function a() {\n  return 1;\n}'));
  });

  it('edits above and below at once: found again by its text', () => {
    const current = `// header\n${DOC}// footer\n`;
    assert.deepEqual(reanchor(DOC, rangeOf(DOC, B), current), rangeOf(current, B));
  });

  it('the target itself edited: refused', () => {
    assert.equal(reanchor(DOC, rangeOf(DOC, B), DOC.replace('return 2;', 'return 3;')), undefined);
    assert.equal(reanchor(DOC, rangeOf(DOC, B), DOC.replace(B, '')), undefined, 'deleted');
  });

  it('several identical copies: the one whose surroundings are unchanged', () => {
    const twice = 'class A {\n  run() {\n    go();\n  }\n}\nclass B {\n  run() {\n    go();\n  }\n}\n';
    const second = twice.lastIndexOf('run() {');
    const target = { start: second, end: second + 'run() {\n    go();\n  }'.length };
    // Edits above and below (so the copy cannot be followed by shifting), the second class keeps its header.
    const current = `// top\n${twice.replace('class A {', 'class A extends Base {')}// end\n`;
    const found = reanchor(twice, target, current)!;
    assert.equal(found.start, current.lastIndexOf('run() {'));
  });

  it('several copies that nothing tells apart: refused', () => {
    const same = 'h();\n'.repeat(300);
    const target = { start: 5 * 150, end: 5 * 150 + 4 };
    assert.equal(reanchor(same, target, `// a\n${same}// b\n`), undefined);
  });

  it('a range outside the original text is refused', () => {
    assert.equal(reanchor('abc', { start: 2, end: 10 }, 'abcd'), undefined);
  });
});
