import * as assert from 'node:assert/strict';
import { parseImports } from '../../../../src/context/imports/imports';
import * as fc from 'fast-check';
import { OutsideUses, rankImportedNames, usedOutside } from '../../../../src/context/imports/symbols';
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

  describe('OutsideUses: a document\'s uses away from the cursor, kept between its requests', () => {
    /** An edit of `text`: `length` characters at `at` replaced by `insert`. */
    const edit = fc.record({ at: fc.nat(80), length: fc.nat(6), insert: fc.stringMatching(/^[ab_\n .$]{0,6}$/) });

    it('answers as usedOutside does, edit after edit, for any window and import lines', () => {
      const text = fc.stringMatching(/^[ab_\n .$]{0,80}$/);
      const ask = fc.record({ name: fc.constantFrom('a', 'ab', 'b.a', '_', 'b'), from: fc.integer({ min: -3, max: 14 }), span: fc.nat(6), imports: fc.uniqueArray(fc.nat(14), { maxLength: 3 }) });
      fc.assert(
        fc.property(text, fc.array(fc.tuple(edit, fc.array(ask, { maxLength: 4 })), { maxLength: 8 }), (start, steps) => {
          const uses = new OutsideUses();
          let t = start;
          for (const [e, asks] of steps) {
            const at = Math.min(e.at, t.length);
            t = t.slice(0, at) + e.insert + t.slice(at + e.length);
            for (const a of asks) {
              const inImport = new Set(a.imports);
              const starts = () => textLineStarts(t);
              if (uses.usedOutside(t, a.name, a.from, a.from + a.span, inImport, starts) !== usedOutside(t, a.name, a.from, a.from + a.span, inImport, starts)) return false;
            }
          }
          return true;
        }),
        { numRuns: 2000 },
      );
    });

    it('settles a name by the use it found last, without scanning, when the edit left that use alone', () => {
      const uses = new OutsideUses();
      const lines = ['import { helper } from "./h";', 'helper(1);', ...Array.from({ length: 40 }, (_, i) => `const v${i} = ${i};`)];
      let text = lines.join('\n');
      // A scan reads the text's line starts (once per text): counted to show which answers needed none.
      let scans = 0;
      const computed = new Map<string, number[]>();
      const starts = () => {
        if (!computed.has(text)) {
          scans++;
          computed.set(text, textLineStarts(text));
        }
        return computed.get(text)!;
      };
      assert.equal(uses.usedOutside(text, 'helper', 30, 41, new Set([0]), starts), true);
      assert.equal(scans, 1);
      // Typing far below the use (the cursor's lines): the use on line 1 still answers.
      text = text.replace('const v35 = 35;', 'const v35 = 35 + x;');
      assert.equal(uses.usedOutside(text, 'helper', 30, 41, new Set([0]), starts), true);
      // A line inserted above the use: it moves to line 2, still outside.
      text = `// top\n${text}`;
      assert.equal(uses.usedOutside(text, 'helper', 31, 42, new Set([1]), starts), true);
      assert.equal(scans, 1);
      // Its line now inside the window: scanned, and nothing else is outside.
      assert.equal(uses.usedOutside(text, 'helper', 0, 5, new Set([1]), starts), false);
      // The use itself renamed: the edit touched it, so the text is scanned again and the name is no longer used.
      text = text.replace('helper(1);', 'helpers(1);');
      scans = 0;
      assert.equal(uses.usedOutside(text, 'helper', 30, 42, new Set([1]), starts), false);
      assert.equal(usedOutside(text, 'helper', 30, 42, new Set([1]), () => textLineStarts(text)), false);
    });

    it('keeps one per document in the import retriever\'s cache', async () => {
      const { FileIndexCache } = await import('../../../../src/context/imports/fileIndexCache');
      const parsers = testParsers();
      const cache = new FileIndexCache(parsers);
      const a = cache.outsideUses('file:///a.ts');
      assert.equal(cache.outsideUses('file:///a.ts'), a);
      assert.notEqual(cache.outsideUses('file:///b.ts'), a);
      cache.clear();
      assert.notEqual(cache.outsideUses('file:///a.ts'), a);
      parsers.dispose();
    });
  });
});
