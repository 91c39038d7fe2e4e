import * as assert from 'node:assert/strict';
import { CodeScanner, scanFamily } from '../../../../src/completion/analysis/codeScanner';

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

describe('codeScanner: JSX markup in JavaScript, JSX and TSX', () => {
  const tsx = (text: string, languageId = 'typescriptreact', prime = '') => scan(text, languageId, prime);
  const unmatched = (text: string, languageId = 'typescriptreact', prime = '') => tsx(text, languageId, prime).unmatched.map((u) => [u.char, u.index]);

  it('reads a closing tag as markup, not as the start of a regular expression', () => {
    const line = '{items.map((i) => <li key={i}>{i}</li>)}';
    for (const languageId of ['typescriptreact', 'javascriptreact', 'javascript']) {
      assert.equal(tsx(line, languageId).depth, 0, languageId);
      assert.equal(tsx(line, languageId).inCode, true, languageId);
    }
    const body = '\n    <ul>\n      {items.map((i) => <li key={i}>{i}</li>)}\n    </ul>\n  );\n}\n';
    assert.deepEqual(unmatched(body, 'typescriptreact', '  return ('), [[')', body.indexOf(')', body.indexOf('</ul>'))], ['}', body.lastIndexOf('}')]]);
  });

  it('self-closing tags and fragments', () => {
    assert.equal(tsx('const a = (<div><br />{x}<img src="a.png"/></div>);').depth, 0);
    assert.equal(tsx('const a = (<Foo bar={f(x)} baz="(" />);').depth, 0);
    assert.equal(tsx('return (<>\n  <A />\n  {b}\n</>\n);').depth, 0);
    assert.equal(tsx('const a = cond ? <A /> : <B>{c}</B>; f(').depth, 1);
  });

  it("quotes and `//` in an element's text are text", () => {
    const apostrophe = "{list.map((x) => <p>Don't {x} it</p>)})";
    assert.deepEqual(unmatched(apostrophe), [[')', apostrophe.length - 1]]);
    const link = 'return (<a href="https://x.org">https://x.org</a>))';
    assert.deepEqual(unmatched(link), [[')', link.length - 1]]);
  });

  it('real regular expressions after `(`, `=` and `return`, also ones holding `</`', () => {
    for (const languageId of ['typescriptreact', 'javascript']) {
      assert.equal(tsx('if (/[)]/.test(s)) {', languageId).depth, 1, languageId);
      assert.equal(tsx('const re = /<\\/li>[)]/g; f(', languageId).depth, 1, languageId);
      assert.equal(tsx('return /\\)/.test(x))', languageId).depth, -1, languageId);
      assert.equal(tsx('a = b / c; d = (e) / 2)', languageId).depth, -1, languageId);
    }
  });

  it('comparisons, shifts and TypeScript type parameters are not tags', () => {
    assert.equal(tsx('if (i <n && a < b) {').depth, 1);
    assert.equal(tsx('const x = y << 2; f(').depth, 1);
    assert.equal(tsx('const f = <T,>(x: T) => {').depth, 1);
    assert.equal(tsx('const g = <T extends object>(x: T) => {').depth, 1);
    assert.equal(tsx('let h: <T>(x: T) => T = (y) => {').depth, 1);
    assert.equal(tsx('const s = useState<string>("(");').depth, 0);
  });

  it('plain TypeScript has no JSX: `<T>` is a type assertion', () => {
    assert.equal(tsx('const n = <number>(value); f(', 'typescript').depth, 1);
    assert.equal(tsx('const n = <Foo>bar; f(', 'typescript').depth, 1);
  });

  it('a scan that begins among an element\'s children closes its element and its siblings', () => {
    const rest = '{item}</li>\n      <li>{other}</li>\n    </ul>\n  );\n';
    assert.deepEqual(unmatched(rest, 'typescriptreact', '      <li>'), [[')', rest.indexOf(');')]]);
  });
});
