import * as assert from 'node:assert/strict';
import { findBlockEnd } from '../../../../src/completion/analysis/blockEnd';
import { decideShape } from '../../../../src/completion/analysis/multiline';
import { cursorAt } from '../cursorFixture';

/** The completion as kept: `output` cut where findBlockEnd says (or all of it when undecided). */
function kept(doc: string, output: string, languageId = 'typescript', final = true): string | undefined {
  const cursor = cursorAt(doc, languageId);
  const cut = findBlockEnd(output, cursor, decideShape(cursor), final);
  return cut && output.slice(0, cut.end);
}

describe('blockEnd: where a multi-line completion ends', () => {
  it('keeps the closing line when the document lacks it, and drops what follows', () => {
    const doc = 'export function pairs(obj) {█\n\n/** Next. */\nexport const x = 1;\n';
    const output = '\n  return from(Object.entries(obj));\n}\n\n/** Unrelated. */\nfunction other() {}\n';
    assert.equal(kept(doc, output), '\n  return from(Object.entries(obj));\n}');
  });

  it('drops the closing line when the same closer already stands below the cursor', () => {
    const doc = 'const config = {\n  █\n};\n';
    assert.equal(kept(doc, 'name: "x",\n  size: 2,\n}\n\nconst other = 1;\n'), 'name: "x",\n  size: 2,');
  });

  it("keeps the closing line when the closer below belongs to an outer block (less indented)", () => {
    const doc = 'if (a) {\n  if (b) {█\n}\n';
    assert.equal(kept(doc, '\n    run();\n  }\n}\n'), '\n    run();\n  }');
  });

  it('ends a call whose arguments close on the first line at the end of that line', () => {
    assert.equal(kept('  super(new Camera(█\n  next();\n', ' 50, 1 ) );\n  next();\n'), ' 50, 1 ) );');
  });

  it('JSX: a returned element ends at the `);` closing the return, closing tags (`</li>`, `</>`) being markup', () => {
    const doc = 'export function List({ items }: { items: string[] }) {\n  return (█\n}\n';
    const output = '\n    <ul>\n      {items.map((i) => <li key={i}>{i}</li>)}\n    </ul>\n  );\n}\n';
    for (const languageId of ['typescriptreact', 'javascriptreact', 'javascript']) {
      assert.equal(kept(doc, output, languageId), '\n    <ul>\n      {items.map((i) => <li key={i}>{i}</li>)}\n    </ul>\n  );', languageId);
    }
    const fragment = '\n    <>\n      <Header title="Don\'t panic" />\n      <p>It\'s {count} (or more)</p>\n    </>\n  );\n}\n';
    assert.equal(kept(doc, fragment, 'typescriptreact'), fragment.slice(0, fragment.indexOf(');') + 2));
  });

  it('Ruby: a method body ends before the `end` already below, and brings its `end` when there is none', () => {
    const doc = 'class Greeter\n  def greet(name)█\n  end\nend\n';
    assert.equal(kept(doc, '\n    "Hello, #{name}!"\n  end\nend\n', 'ruby'), '\n    "Hello, #{name}!"');
    const last = 'class Greeter\n  def greet(name)█\nend\n';
    assert.equal(kept(last, '\n    "Hello, #{name}!"\n  end\nend\n', 'ruby'), '\n    "Hello, #{name}!"\n  end');
    const each = 'items.each do |item|█\nend\nputs "done"\n';
    assert.equal(kept(each, '\n  puts item\nend\nputs "done"\n', 'ruby'), '\n  puts item');
  });

  it('Lua: a function body ends at its `end`', () => {
    assert.equal(kept('local function add(a, b)█\n\nreturn M\n', '\n  return a + b\nend\n\nreturn M\n', 'lua'), '\n  return a + b\nend');
  });

  it('Python: ends before the first line indented no deeper than the header', () => {
    const doc = 'def f(x):\n    try:█\n    except KeyError:\n        pass\n';
    assert.equal(kept(doc, '\n        return table[x]\n    except KeyError:\n        pass\n', 'python'), '\n        return table[x]');
  });

  it('Python: blank lines and lines inside brackets or strings do not end the block', () => {
    const doc = 'def f():\n    █\n\nx = 1\n';
    const output = 'y = g(\n1)\n\n    s = """\nraw\n"""\n    return y\n\nx = 1\n';
    assert.equal(kept(doc, output, 'python'), 'y = g(\n1)\n\n    s = """\nraw\n"""\n    return y');
  });

  it('a block that closes and reopens on one line (`} else {`) goes on to the end of the statement', () => {
    const doc = 'if (a) {█\n\nnext();\n';
    assert.equal(kept(doc, '\n  x();\n} else {\n  y();\n}\nnext();\n'), '\n  x();\n} else {\n  y();\n}');
  });

  it('offers the other choice about the closing line as an alternative when indentation disagrees', () => {
    const doc = 'const config = {\n  █\n  };\n';
    const cursor = cursorAt(doc);
    const output = 'a: 1,\n}\n';
    // The model's `}` is less indented than the `};` below: keep it, but dropping it is the alternative.
    assert.deepEqual(findBlockEnd(output, cursor, decideShape(cursor), true), { end: 7, alternative: 5 });
  });

  it('on text still arriving, waits until the line that ends the block is known', () => {
    const doc = 'function f() {█\n\nconst x = 1;\n';
    assert.equal(kept(doc, '\n  return 1;\n}', 'typescript', false), undefined);
    assert.equal(kept(doc, '\n  return 1;\n}\n', 'typescript', false), '\n  return 1;\n}');
    assert.equal(kept('def f():█\n', '\n    return 1\nx', 'python', false), '\n    return 1');
  });
});
