import * as assert from 'node:assert/strict';
import { enclosingScopes, signatureNames } from '../../../src/context/scopes';
import { testParsers, withCursor } from './helpers';

describe('context: the scopes around the cursor', function () {
  this.timeout(20000);
  const parsers = testParsers();
  after(() => parsers.dispose());

  async function scopes(languageId: string, marked: string) {
    const { text, offset } = withCursor(marked);
    const tree = await parsers.parseText(languageId, text);
    assert.ok(tree);
    try {
      return enclosingScopes(tree, { text, offset, lines: text.split('\n') });
    } finally {
      tree.delete();
    }
  }

  it('lists the signatures from the outermost scope in, multi-line signatures whole', async () => {
    const found = await scopes(
      'typescript',
      `export class Store {
  private items: Item[] = [];

  find(
    id: string,
    options: FindOptions,
  ): Item | undefined {
    for (const item of this.items) {
      █
    }
  }
}
`,
    );
    assert.deepEqual(
      found.map((s) => s.text),
      ['export class Store {', '  find(\n    id: string,\n    options: FindOptions,\n  ): Item | undefined {'],
    );
    assert.deepEqual([...signatureNames(found)].filter((n) => /^[A-Z]/.test(n)), ['FindOptions', 'Item']);
  });

  it('Python: classes and functions, with the body not part of the signature', async () => {
    const found = await scopes('python', 'class Loop:\n    def run(self, task: Task) -> Result:\n        x = 1\n        █\n');
    assert.deepEqual(found.map((s) => [s.kind, s.text, s.startLine]), [
      ['class_definition', 'class Loop:', 0],
      ['function_definition', '    def run(self, task: Task) -> Result:', 1],
    ]);
  });

  it('has no scope at the top level', async () => {
    assert.deepEqual(await scopes('javascript', 'const a = 1;\n█\n'), []);
  });
});
