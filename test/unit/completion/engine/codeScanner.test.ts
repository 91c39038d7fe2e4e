import * as assert from 'node:assert/strict';
import { CodeScanner, scanFamily } from '../../../../src/completion/engine/codeScanner';

const scan = (text: string, languageId = 'typescript', prime = '') => new CodeScanner(scanFamily(languageId)).prime(prime).scan(text);

describe('codeScanner: brackets outside strings and comments', () => {
  it('counts depth relative to where the scan starts, and reports closers of earlier brackets', () => {
    const s = scan(' a, b) + f(c));');
    assert.equal(s.depth, -2);
    assert.deepEqual(s.unmatched.map((u) => [u.char, u.index]), [[')', 5], [')', 13]]);
  });

  it('ignores brackets in strings, template literals, comments and regular expressions', () => {
    assert.equal(scan(`x = "(" + '[' + \`{\`; // )\n/* } */ y = /[(]/.test(s);`).depth, 0);
    assert.equal(scan('s = f"{a}(" # )', 'python').depth, 0);
    assert.equal(scan('doc = """\n(\n"""', 'python').depth, 0);
  });

  it('follows code inside a template literal expression', () => {
    const s = scan('`a ${f(b)} c`)');
    assert.equal(s.depth, -1);
  });

  it('tells a division from a regular expression', () => {
    assert.equal(scan('a = b / c; d = (e) / 2)').depth, -1);
    assert.equal(scan('return /\\)/.test(x))').depth, -1);
  });

  it('reads a C-family quote as a character literal or a lifetime', () => {
    assert.equal(scan("c = '(';", 'java').depth, 0);
    assert.equal(scan("fn f<'a>(x: &'a str) {", 'rust').depth, 1);
  });

  it('ends a one-line string left open at the end of its line', () => {
    assert.equal(scan("it's\n(", 'ruby').depth, 1);
    assert.equal(scan("it's (\n)", 'ruby').depth, -1);
  });

  it('starts in the lexical state the primed text leaves: inside a string, its quote closes it', () => {
    const s = scan("abc')", 'typescript', "foo('");
    assert.equal(s.inCode, true);
    assert.deepEqual(s.unmatched.map((u) => u.char), [')']);
    assert.equal(scan('', 'typescript', '/* open').inMultilineToken, true);
  });

  it('remembers the last code character, skipping comments', () => {
    assert.equal(scan('if x:  # why', 'python').lastCode, ':');
    assert.equal(scan('foo({ // note').lastCode, '{');
  });
});
