import * as assert from 'node:assert/strict';
import { convertIndentation, documentIndentStyle, fixIndentation } from '../../../../src/completion/postprocess/fixIndentation';
import { contextAt } from '../cursorFixture';

describe('postprocess/fixIndentation', () => {
  const run = (doc: string, text: string, languageId = 'typescript') => fixIndentation({ text, replaceLength: 0 }, contextAt(doc, languageId))!.text;

  it('on an indented empty line, drops the first line’s own indentation (the cursor is already there)', () => {
    assert.equal(run('function f() {\n  █\n}\n', '  return 1;'), 'return 1;');
  });

  it('converts spaces to the tabs the document uses', () => {
    const doc = 'class A {\n\tf() {\n\t\tg();\n\t}\n\th() {█\n\t}\n}\n';
    assert.equal(run(doc, '\n        a();\n        if (b) {\n            c();\n        }'), '\n\t\ta();\n\t\tif (b) {\n\t\t\tc();\n\t\t}');
  });

  it('converts tabs to the spaces the document uses', () => {
    const doc = 'def f():\n    a()\n    if b:█\n';
    assert.equal(run(doc, '\n\t\tc()'), '\n        c()');
  });

  it('leaves lines inside a multi-line string alone: they are text, not indentation', () => {
    const doc = 'def f():\n    a()\n    if b:█\n';
    assert.equal(run(doc, '\n\t\ts = """\n\tkeep\n"""', 'python'), '\n        s = """\n\tkeep\n"""');
  });

  it('leaves indentation alone when the document does not say clearly', () => {
    assert.equal(documentIndentStyle('/**\n * doc\n */\n'), undefined);
    assert.equal(documentIndentStyle('\tx\n  y\n'), undefined);
    assert.deepEqual(documentIndentStyle('a\n  b\n    c\n'), { tabs: false, width: 2 });
    assert.equal(convertIndentation('x\n * comment', { tabs: true }), 'x\n * comment');
  });
});
