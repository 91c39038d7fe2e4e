import * as assert from 'node:assert/strict';
import { insideCommentOrString } from '../../../../src/completion/engine/syntaxAtCursor';
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
