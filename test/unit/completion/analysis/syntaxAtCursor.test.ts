import * as assert from 'node:assert/strict';
import { insideCommentOrString, syntaxAtCursor } from '../../../../src/completion/analysis/syntaxAtCursor';
import { Parsers } from '../../../../src/syntax/parsers';
import { devGrammar } from '../../syntax/grammars';
import { snapshotOf } from '../cursorFixture';

describe('syntaxAtCursor: inside a comment or a string?', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  after(() => parsers.dispose());

  async function inside(doc: string, languageId = 'typescript', withTree = true): Promise<boolean> {
    const { text, offset } = snapshotOf(doc, languageId);
    const tree = withTree ? await parsers.parseText(languageId, text) : undefined;
    try {
      return insideCommentOrString(tree, text, offset, languageId);
    } finally {
      tree?.delete();
    }
  }

  it('inside comments and strings, including multi-line ones the tree knows about', async () => {
    assert.equal(await inside('// call f({█\nx();\n'), true);
    assert.equal(await inside('/* a\n b {█\n */\n'), true);
    assert.equal(await inside('const s = `line\n${a} more {█\n`;\n'), true);
    assert.equal(await inside('def f():\n    """Doc {█\n    """\n', 'python'), true);
    assert.equal(await inside('x = "abc█"\n', 'python'), true);
  });

  it('not in code, right after a string or block comment, or in a template expression', async () => {
    assert.equal(await inside('const s = "abc"█\n'), false);
    assert.equal(await inside('/* a */█\n'), false);
    assert.equal(await inside('const s = `a ${f(█)}`;\n'), false);
    assert.equal(await inside('if (x) {█\n'), false);
  });

  it('without a tree, still sees a string or comment opened on the cursor line', async () => {
    assert.equal(await inside('x = "abc█\n', 'python', false), true);
    assert.equal(await inside('foo(); // note {█\n', 'typescript', false), true);
    assert.equal(await inside('foo({█\n', 'typescript', false), false);
  });
});

describe('syntaxAtCursor: what the trigger is told about the cursor', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  after(() => parsers.dispose());

  async function at(doc: string, languageId = 'typescript') {
    const { text, offset } = snapshotOf(doc, languageId);
    const tree = await parsers.parseText(languageId, text);
    assert.ok(tree, 'the text parses');
    try {
      return syntaxAtCursor(tree, text, offset, languageId);
    } finally {
      tree.delete();
    }
  }

  it('an interpolation hole holds code: `${…}`, f-string `{…}`, Ruby `#{…}`, PHP `{$…}`', async () => {
    const code = { inComment: false };
    assert.deepEqual(await at('const msg = `total: ${█}`;\n', 'javascript'), code);
    assert.deepEqual(await at('const el = <p>{`${█}`}</p>;\n', 'typescriptreact'), code);
    assert.deepEqual(await at('def show(total):\n    print(f"total: {█}")\n', 'python'), code);
    assert.deepEqual(await at('x = f"{value:>{█}}"\n', 'python'), code);
    assert.deepEqual(await at('def greet(name)\n  puts "Hello, #{█}"\nend\n', 'ruby'), code);
    assert.deepEqual(await at('<?php $s = "Hello, {$█}";\n', 'php'), code);
  });

  it('in a string: the string text right of the cursor, up to its closing quote and the line end', async () => {
    assert.deepEqual(await at('const s = "abc█ def";\n'), { inComment: false, stringTextRightOfCursor: ' def' });
    assert.deepEqual(await at('const s = "█";\n'), { inComment: false, stringTextRightOfCursor: '' });
    assert.deepEqual(await at('const s = `${a}█ b`;\n'), { inComment: false, stringTextRightOfCursor: ' b' });
    // A multi-line template literal: the characters of this line alone look like code.
    assert.deepEqual(await at('const s = `first\nsecond █ -\nthird`;\n'), { inComment: false, stringTextRightOfCursor: ' -' });
    assert.deepEqual(await at('x = "total: █x"\n', 'python'), { inComment: false, stringTextRightOfCursor: 'x' });
    assert.deepEqual(await at("let c = '█';\n", 'rust'), { inComment: false, stringTextRightOfCursor: '' });
    assert.deepEqual(await at('let s = r#"a █ b"#;\n', 'rust'), { inComment: false, stringTextRightOfCursor: ' b' });
    assert.deepEqual(await at('#include <█>\n', 'c'), { inComment: false, stringTextRightOfCursor: '' });
  });

  it('comments, and Python docstrings as comments', async () => {
    assert.deepEqual(await at('f(); // note █\n'), { inComment: true });
    assert.deepEqual(await at('/**\n * Adds █\n */\nfunction add() {}\n'), { inComment: true });
    assert.deepEqual(await at('def f():\n    """Return █\n    """\n', 'python'), { inComment: true });
    assert.deepEqual(await at('/* a */█\n'), { inComment: false });
  });

  it('cannot tell inside a parse error: the trigger then guesses from the characters', async () => {
    assert.equal(await at('const s = "abc█\n'), undefined);
  });
});
