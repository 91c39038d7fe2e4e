import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CodePlace } from '../../../src/codebase/codebase';
import { prepareCommand } from '../../../src/commands/prepare';
import { distinctPlaces, sourceEntry } from '../../../src/commands/proposalSources';
import { snapshotOf, testParsers } from '../context/helpers';
import { tempCodebase, type TempCodebase } from './tempCodebase';

const ROOT = resolve(__dirname, '../../..');
const readPrompt = async (relPath: string) => (relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined);

const place = (path: string, startLine: number, endLine: number, symbol = ''): CodePlace => ({ path, startLine, endLine, symbol });

describe('commands: the sources a proposal offers (the workspace places its prompt carried)', () => {
  it('an entry shows the file name and lines, what the lines define, the whole path, and selects those lines (0-based)', () => {
    assert.deepEqual(sourceEntry(place('app/src/invoice.ts', 3, 5, 'invoiceTotal')), {
      place: place('app/src/invoice.ts', 3, 5, 'invoiceTotal'),
      label: 'invoice.ts:3–5',
      description: 'invoiceTotal',
      detail: 'app/src/invoice.ts',
      selection: { startLine: 2, endLine: 4 },
    });
  });

  it('without a symbol the entry names the folder; one line is shown as one number; a file at the root has no folder', () => {
    const inFolder = sourceEntry(place('src/__tests__/shipping.test.ts', 1, 8));
    assert.equal(inFolder.label, 'shipping.test.ts:1–8');
    assert.equal(inFolder.description, 'src/__tests__');
    const oneLine = sourceEntry(place('main.py', 7, 7));
    assert.equal(oneLine.label, 'main.py:7');
    assert.equal(oneLine.description, '');
    assert.deepEqual(oneLine.selection, { startLine: 6, endLine: 6 });
  });

  it('each place once: an equal place or one within another of the same file is dropped, order kept', () => {
    const places = [place('src/b.ts', 10, 20, 'b'), place('src/a.ts', 1, 4), place('src/b.ts', 12, 14, 'inner'), place('src/a.ts', 1, 4), place('src/c.ts', 12, 14)];
    assert.deepEqual(distinctPlaces(places), [place('src/b.ts', 10, 20, 'b'), place('src/a.ts', 1, 4), place('src/c.ts', 12, 14)]);
    assert.deepEqual(distinctPlaces([]), []);
    assert.deepEqual(distinctPlaces(places).map(sourceEntry).map((e) => e.label), ['b.ts:10–20', 'a.ts:1–4', 'c.ts:12–14']);
  });

  describe('from a prepared Refactor', function () {
    this.timeout(30000);
    const parsers = testParsers();
    let workspace: TempCodebase;
    before(async () => {
      workspace = await tempCodebase(
        {
          'src/price.ts': 'export function totalPrice(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n',
          'src/cart.ts': "import { totalPrice } from './price';\n\nexport function checkout(items: number[]) {\n  const sum = totalPrice(items);\n  return { sum, paid: false };\n}\n",
        },
        parsers,
      );
    });
    after(() => {
      workspace.dispose();
      parsers.dispose();
    });

    it("offers the target's caller in another file at the caller's lines", async () => {
      const prepared = await prepareCommand(
        { kind: 'refactor', snapshot: snapshotOf('src/price.ts', 'export function totalPrice(prices: number[]): number {\n  return █prices.reduce((a, b) => a + b, 0);\n}\n'), settings: { answerLanguage: 'en', audience: 'intermediate', stepByStep: false } },
        { files: workspace.files, parsers, readPrompt, contextLength: 8192, maxTokens: 512, codebase: workspace.codebase },
      );
      const entries = distinctPlaces(prepared.workspace).map(sourceEntry);
      const caller = entries.find((e) => e.detail === 'src/cart.ts');
      assert.ok(caller, JSON.stringify(entries));
      assert.equal(caller.label, 'cart.ts:3–6');
      assert.equal(caller.description, 'checkout');
      assert.deepEqual(caller.selection, { startLine: 2, endLine: 5 });
      assert.ok(!entries.some((e) => e.detail === 'src/price.ts'), 'the target\'s own file is not a source');
    });
  });
});
