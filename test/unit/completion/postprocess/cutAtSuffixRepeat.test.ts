import * as assert from 'node:assert/strict';
import { cutAtSuffixRepeat, suffixRepeatStart } from '../../../../src/completion/postprocess/cutAtSuffixRepeat';
import { contextAt, cursorAt } from '../cursorFixture';

describe('postprocess/cutAtSuffixRepeat', () => {
  const run = (doc: string, text: string, replaceLength = 0, replacementEnd?: number) => cutAtSuffixRepeat({ text, replaceLength, replacementEnd }, contextAt(doc))!.text;

  it('mid-line: drops the part that repeats the rest of the line', () => {
    assert.equal(run('add(a, █c);\n', 'b, c);'), 'b, ');
  });

  it('keeps the closers that stand in for the auto-closed ones replaced, cutting only what follows them', () => {
    // `c)` replaces the first of `))` (replaceAutoClosed): its `)` is no repeat of the second.
    assert.equal(run('a(b(█))\n', 'c)', 1, 2), 'c)');
    assert.equal(run('a(b(█));\n', 'c);', 1, 2), 'c)');
    assert.equal(run('a(b(█))\n', 'c);\n  next();', 1, 2), 'c);\n  next();');
  });

  it('keeps closers that close what the completion opened itself', () => {
    assert.equal(run('console.log(█)\n', 'JSON.stringify(x)'), 'JSON.stringify(x)');
    assert.equal(run('print(█)\n', 'len(items)'), 'len(items)');
    assert.equal(run('console.log(█);\n', 'JSON.stringify(x));'), 'JSON.stringify(x)');
  });

  it('drops a single line that just repeats the next line', () => {
    assert.equal(run('  a();\n  █\n  b();\n', 'b();'), '');
    assert.equal(run('  a();\n  █\n  b();\n', 'c();'), 'c();');
  });

  it('cuts a multi-line completion where it starts repeating the lines below', () => {
    const doc = 'foo(█\n  first(),\n  second(),\n);\n';
    assert.equal(run(doc, '\n  zero(),\n\n  first(),\n  second(),\n);\n'), '\n  zero(),');
  });

  it('does not count a repeat at another indentation, or of bare punctuation', () => {
    const doc = 'if (a) {\n  █\n}\nreturn x;\n';
    assert.equal(run(doc, 'y();\n    return x;'), 'y();\n    return x;');
    assert.equal(suffixRepeatStart(['a', '}'], cursorAt('{\n  █\n}\n')), undefined);
  });

  it('while text is still arriving, waits for enough lines to compare', () => {
    const cursor = cursorAt('f(█\n  a,\n  b,\n  c,\n);\n');
    assert.equal(suffixRepeatStart(['', '  a,'], cursor, false), undefined);
    assert.equal(suffixRepeatStart(['', '  a,', '  b,', '  c,'], cursor, false), 1);
    assert.equal(suffixRepeatStart(['', '  a,'], cursor, true), 1);
  });
});
