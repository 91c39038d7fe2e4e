import * as assert from 'node:assert/strict';
import { parseImports } from '../../../../src/context/imports/imports';
import * as fc from 'fast-check';
import { rankImportedNames, usedOutside } from '../../../../src/context/imports/symbols';
import { textLineStarts } from '../../../../src/text/lineStarts';
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

describe('context: whether an imported name is used away from the cursor', () => {
  /** The check as first written: line breaks counted from the top of the text up to each occurrence. */
  function byCounting(text: string, name: string, from: number, to: number, inImport: ReadonlySet<number>): boolean {
    const isWordChar = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
    let line = 0;
    let lineStart = 0;
    for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + name.length)) {
      for (let nl = text.indexOf('\n', lineStart); nl !== -1 && nl < i; nl = text.indexOf('\n', nl + 1)) {
        line++;
        lineStart = nl + 1;
      }
      if (line >= from && line <= to) continue;
      if (inImport.has(line) || isWordChar(text.charCodeAt(i - 1)) || isWordChar(text.charCodeAt(i + name.length))) continue;
      return true;
    }
    return false;
  }

  it('answers as counting the lines from the top does: occurrences inside the scanned lines, in imports, inside longer words', () => {
    const text = 'import { a } from "m";\nconst ab = 1;\n\na.x();\n$a; a_\n  a\n';
    const starts = () => textLineStarts(text);
    for (const [from, to, imports, expected] of [
      [2, 10, [0], false],
      [4, 10, [0], true],
      [-5, 3, [0], true],
      [-5, 5, [0], false],
      [3, 4, [], true],
      [3, 5, [0, 5], false],
      [3, 4, [0, 5], false],
      [3, 4, [0], true],
    ] as const) {
      const inImport = new Set<number>(imports);
      assert.equal(usedOutside(text, 'a', from, to, inImport, starts), expected, `lines ${from}..${to}, imports ${imports}`);
      assert.equal(byCounting(text, 'a', from, to, inImport), expected);
    }
  });

  it('agrees with counting the lines from the top on any text', () => {
    const text = fc.stringMatching(/^[ab_\n .$]{0,60}$/);
    const name = fc.constantFrom('a', 'ab', 'b.a', '_');
    fc.assert(
      fc.property(text, name, fc.integer({ min: -3, max: 12 }), fc.integer({ min: -3, max: 12 }), fc.uniqueArray(fc.nat(12), { maxLength: 4 }), (t, n, from, to, imports) => {
        const inImport = new Set(imports);
        return usedOutside(t, n, from, to, inImport, () => textLineStarts(t)) === byCounting(t, n, from, to, inImport);
      }),
      { numRuns: 3000 },
    );
  });
});
