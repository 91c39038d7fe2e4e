import * as assert from 'node:assert/strict';
import { alignedStart } from '../../../../src/vscode/commands/alignment';

/** `█` marks where the target starts in the document. */
function at(marked: string): { text: string; start: number } {
  return { text: marked.replace('█', ''), start: marked.indexOf('█') };
}

describe('alignedStart: where a replacement of an indented target begins', () => {
  const doc = at('class A {\n  █add(a, b) {\n    return a + b;\n  }\n}\n');

  it('keeps the target start when the answer begins bare, as the code sent did', () => {
    assert.equal(alignedStart(doc.text, doc.start, 'add(a, b) {\n    return a + b;\n  }'), doc.start);
  });

  it('moves to the line start when the answer indents its first line like the file', () => {
    const start = alignedStart(doc.text, doc.start, '  add(a, b) {\n    return a + b;\n  }');
    assert.equal(start, doc.text.indexOf('  add'));
    const result = doc.text.slice(0, start) + '  add(a, b) {\n    return a + b;\n  }' + doc.text.slice(doc.text.indexOf('  }') + 3);
    assert.equal(result, doc.text, 'replacing with the same code leaves the file as it was');
  });

  it('keeps the start of a target that is not at the beginning of its line (code before it)', () => {
    const inline = at('const f = █(x) => x;\n');
    assert.equal(alignedStart(inline.text, inline.start, '  (x) => x'), inline.start);
  });

  it('keeps the start of a target at column 0', () => {
    const top = at('█function f() {}\n');
    assert.equal(alignedStart(top.text, top.start, 'function f() {}'), 0);
  });
});
