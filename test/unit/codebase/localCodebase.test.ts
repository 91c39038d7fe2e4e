import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CodebaseIndex } from '../../../src/codebase/codebaseIndex';
import { LocalCodebase } from '../../../src/codebase/localCodebase';
import { syncIndex } from '../../../src/codebase/syncIndex';
import { Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from '../syntax/grammars';

describe('codebase: LocalCodebase (search, definitions, usages with their current text)', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const open = async () => {
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    return new LocalCodebase(root, index);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-localcodebase-'));
    write('src/price.ts', 'export function totalPrice(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n');
    write('src/cart.ts', "import { totalPrice } from './price';\n\nexport function checkout(items: number[]) {\n  const sum = totalPrice(items);\n  return sum * 1.2;\n}\n\nexport function unrelated() {\n  return 'total price is computed elsewhere';\n}\n");
    write('src/report.ts', "import { totalPrice } from './price';\n\nexport class Report {\n  render(rows: number[]) {\n    return `Total: ${totalPrice(rows)}`;\n  }\n}\n");
    write('lib/util.py', 'def total_price(prices):\n    return sum(prices)\n\n\ndef show(prices):\n    print(total_price(prices))\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  after(() => parsers.dispose());

  it('search returns the chunk with its lines as they are on disk', async () => {
    const codebase = await open();
    const [first] = await codebase.search('reduce the prices to a number', 1);
    assert.equal(first.path, 'src/price.ts');
    assert.equal(first.text, 'export function totalPrice(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}');
  });

  it('definitions finds the chunk that defines the exact name, in any language', async () => {
    const codebase = await open();
    assert.deepEqual((await codebase.definitions('totalPrice', 5)).map((h) => [h.path, h.startLine, h.endLine]), [['src/price.ts', 1, 3]]);
    assert.deepEqual((await codebase.definitions('total_price', 5)).map((h) => [h.path, h.symbol]), [['lib/util.py', 'total_price']]);
    assert.deepEqual(await codebase.definitions('noSuchName', 5), []);
    assert.deepEqual(await codebase.definitions('two words', 5), [], 'a phrase is not a name');
  });

  it('usages are the chunks that use the name as a whole word, not its definition, not a mere mention of its words', async () => {
    const codebase = await open();
    const uses = (await codebase.usages('totalPrice', 10)).map((h) => `${h.path}:${h.startLine}`).sort();
    // cart.ts's checkout (line 3), report.ts's class, and the import lines (header windows) — never price.ts's definition
    // nor `unrelated`, which only says "total price" in words.
    assert.ok(uses.includes('src/cart.ts:3'), uses.join());
    assert.ok(uses.some((u) => u.startsWith('src/report.ts:')), uses.join());
    assert.ok(!uses.some((u) => u.startsWith('src/price.ts')), uses.join());
    assert.ok(!uses.includes('src/cart.ts:8'), uses.join());
    assert.deepEqual((await codebase.usages('total_price', 10)).map((h) => [h.path, h.symbol]), [['lib/util.py', 'show']]);
  });

  it('usages can leave out the file the user is in, and stop at top', async () => {
    const codebase = await open();
    const outside = await codebase.usages('totalPrice', 10, 'src/cart.ts');
    assert.ok(outside.length > 0 && outside.every((h) => h.path !== 'src/cart.ts'));
    assert.equal((await codebase.usages('totalPrice', 1)).length, 1);
  });

  it('a hit carries redacted text, and a file gone since indexing drops its hits instead of failing', async () => {
    write('src/config.ts', "export function connectDatabase() {\n  return connect('postgres://admin:S3cr3t-Passw0rd!@db.internal:5432/app');\n}\n");
    const codebase = await open();
    const [hit] = await codebase.definitions('connectDatabase', 1);
    assert.ok(!hit.text.includes('S3cr3t-Passw0rd!'), hit.text);
    rmSync(join(root, 'src/config.ts'));
    assert.deepEqual(await codebase.definitions('connectDatabase', 1), []);
  });
});
