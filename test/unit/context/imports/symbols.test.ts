import * as assert from 'node:assert/strict';
import { parseImports } from '../../../../src/context/imports/imports';
import { rankImportedNames } from '../../../../src/context/imports/symbols';
import { testParsers, withCursor } from '../helpers';

describe('context: which imported names matter at the cursor', function () {
  this.timeout(20000);
  const parsers = testParsers();
  after(() => parsers.dispose());

  async function rank(languageId: string, marked: string, signatureNames?: Set<string>): Promise<string[]> {
    const { text, offset } = withCursor(marked);
    const tree = await parsers.parseText(languageId, text);
    assert.ok(tree);
    try {
      const cursorLine = text.slice(0, offset).split('\n').length - 1;
      return rankImportedNames({ languageId, text, cursorLine, imports: parseImports(tree, languageId), signatureNames }).map((w) => (w.member ? `${w.binding?.local}.${w.name}` : w.name));
    } finally {
      tree.delete();
    }
  }

  it('ranks the names used closest to the cursor first', async () => {
    const order = await rank(
      'typescript',
      `import { far, near, middle } from './ops';
far(1);
${'\n'.repeat(30)}
middle(2);

const x = near(3);
█
`,
    );
    assert.deepEqual(order, ['near', 'middle', 'far']);
  });

  it('ranks an import not used anywhere yet high: the code being written is where it goes', async () => {
    const order = await rank(
      'typescript',
      `import { used, pending } from './ops';
used(1);
${'\n'.repeat(10)}
█


used(2);
`,
    );
    assert.equal(order[0], 'pending');
  });

  it('ranks a module and the members used through it', async () => {
    const order = await rank(
      'python',
      `from . import events
from . import tasks

def run():
    loop = events.get_running_loop()
    █
    tasks.sleep(1)
`,
    );
    assert.deepEqual(order.slice(0, 4).sort(), ['events', 'events.get_running_loop', 'tasks', 'tasks.sleep']);
  });

  it('adds weight to a name in the enclosing function signature (its parameter and return types)', async () => {
    const marked = `import { Options, Result } from './types';
export function run(options: Options): number {
  const a = 1;
  const b = 2;
  █
  const r: Result = f();
}
`;
    assert.deepEqual(await rank('typescript', marked), ['Result', 'Options']);
    assert.deepEqual(await rank('typescript', marked, new Set(['run', 'options', 'Options', 'number'])), ['Options', 'Result']);
  });

  it('looks up the names near the cursor in modules imported whole (C includes)', async () => {
    const order = await rank('c', `#include "list.h"\n\nint main(void) {\n  node_t *n = list_new();\n  █\n}\n`);
    assert.ok(order.includes('node_t') && order.includes('list_new'), order.join(' '));
  });
});
