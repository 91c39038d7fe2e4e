/**
 * The workspace code a chat question gets, from a real LocalCodebase over a folder the test writes: what
 * `@codebase` and mentioned names retrieve, how the chunks are fitted to the budget, what the prompt says,
 * and the notes when the index is off, still being built, or failing.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { codebaseBudget, fitChunks, gatherCodebaseContext, type ChatCodebase, type IndexReadiness } from '../../../src/chat/codebaseContext';
import { codebasePromptText } from '../../../src/chat/codebasePrompt';
import type { Codebase, CodebaseHit } from '../../../src/codebase/codebase';
import { CodebaseIndex } from '../../../src/codebase/codebaseIndex';
import { LocalCodebase } from '../../../src/codebase/localCodebase';
import { syncIndex } from '../../../src/codebase/syncIndex';
import { Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from '../syntax/grammars';

const PRICE = 'export function totalPrice(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n';
const CART = "import { totalPrice } from './price';\n\nexport function checkout(items: number[]) {\n  const sum = totalPrice(items);\n  return applyVat(sum);\n}\n";
const VAT = 'export function applyVat(amount: number): number {\n  return amount * 1.2;\n}\n';

describe('chat: workspace code for a question (real LocalCodebase)', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  let codebase: LocalCodebase;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const source = (state: IndexReadiness = { kind: 'ready' }, index: Codebase | undefined = codebase): ChatCodebase => ({ codebase: () => index, state: () => state });

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'fathom-chat-codebase-'));
    write('src/price.ts', PRICE);
    write('src/cart.ts', CART);
    write('src/tax/vat.ts', VAT);
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    codebase = new LocalCodebase(root, index);
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    parsers.dispose();
  });

  it('@codebase: the definition of a named function comes first, then what the search finds, each with its path and lines', async () => {
    const found = await gatherCodebaseContext(source(), '@codebase where is `applyVat` called?', [], 4000);
    assert.ok(found);
    assert.equal(found.note, undefined);
    assert.deepEqual([found.chunks[0].path, found.chunks[0].startLine, found.chunks[0].endLine, found.chunks[0].symbol], ['src/tax/vat.ts', 1, 3, 'applyVat']);
    assert.equal(found.chunks[0].text, VAT.trimEnd());
    assert.ok(found.chunks.some((c) => c.path === 'src/cart.ts' && c.text.includes('return applyVat(sum)')), 'the caller, found by the search');
    const places = found.chunks.map((c) => `${c.path}:${c.startLine}`);
    assert.equal(new Set(places).size, places.length, 'each chunk once');
  });

  it('@codebase asking where a name is called: its uses come right after its definition', async () => {
    const found = await gatherCodebaseContext(source(), '@codebase where is `totalPrice` called?', [], 4000);
    const places = found!.chunks.map((c) => `${c.path}:${c.startLine}`);
    assert.equal(places[0], 'src/price.ts:1');
    assert.equal(found!.chunks[1].path, 'src/cart.ts', places.join());
    assert.ok(places.includes('src/cart.ts:3'), `checkout, which calls it: ${places.join()}`);
  });

  it('@codebase with a plain-words question searches: "where is the total price computed"', async () => {
    const found = await gatherCodebaseContext(source(), '@codebase where is the total price computed?', [], 4000);
    assert.equal(found?.chunks[0]?.path, 'src/price.ts');
  });

  it('without @codebase, a mentioned name that the given code lacks brings its definition; nothing else', async () => {
    const found = await gatherCodebaseContext(source(), 'Why does totalPrice use reduce?', [VAT], 4000);
    assert.deepEqual(found?.chunks.map((c) => [c.path, c.symbol]), [['src/price.ts', 'totalPrice']]);
  });

  it('without @codebase, nothing is looked up when the names are already given, unknown, or absent', async () => {
    assert.equal(await gatherCodebaseContext(source(), 'What does totalPrice do?', [PRICE], 4000), undefined);
    assert.equal(await gatherCodebaseContext(source(), 'What does noSuchThing do?', [], 4000), undefined);
    assert.equal(await gatherCodebaseContext(source(), 'what is a closure?', [], 4000), undefined);
    assert.equal(await gatherCodebaseContext(source({ kind: 'off' }, undefined), 'What does totalPrice do?', [], 4000), undefined, 'an index that is off stays silent when not asked for');
  });

  it('the index still being built: the chunks indexed so far, with a note that says how far it got', async () => {
    const found = await gatherCodebaseContext(source({ kind: 'building', indexed: 3, total: 10 }), '@codebase where is the total price computed?', [], 4000);
    assert.deepEqual(found?.note, { kind: 'building', indexed: 3, total: 10 });
    assert.equal(found?.chunks[0]?.path, 'src/price.ts');
    assert.match(codebasePromptText(found!), /still being built: 3 of 10 files/);
    const counting = await gatherCodebaseContext(source({ kind: 'building', indexed: 0, total: 0 }), '@codebase where is the total price computed?', [], 4000);
    assert.match(codebasePromptText(counting!), /still being built, so code elsewhere may be missing/, 'no "0 of 0" before the files are counted');
  });

  it('the index off, or failing: no chunks, a note, never an error', async () => {
    assert.deepEqual(await gatherCodebaseContext(source({ kind: 'off' }, undefined), '@codebase where?', [], 4000), { chunks: [], note: { kind: 'off' } });
    const failing: Codebase = {
      search: () => Promise.reject(new Error('the index worker stopped')),
      definitions: () => Promise.resolve([]),
      usages: () => Promise.resolve([]),
      unknownNames: () => Promise.resolve([]),
    };
    assert.deepEqual(await gatherCodebaseContext(source({ kind: 'ready' }, failing), '@codebase where?', [], 4000), { chunks: [], note: { kind: 'failed', message: 'the index worker stopped' } });
    assert.equal(await gatherCodebaseContext(source({ kind: 'ready' }, failing), 'What is totalPrice?', [], 4000), undefined);
    const failed = await gatherCodebaseContext(source({ kind: 'failed', message: 'snapshot unreadable' }), '@codebase where is the total price computed?', [], 4000);
    assert.deepEqual(failed?.note, { kind: 'failed', message: 'snapshot unreadable' }, 'a failed index says so, with what it still found');
    assert.match(codebasePromptText(failed!), /could not be searched/);
  });

  it('the prompt heads each chunk with its path and line range, in a fence its code cannot close', async () => {
    const found = await gatherCodebaseContext(source(), '@codebase `applyVat`', [], 4000);
    const text = codebasePromptText({ chunks: found!.chunks.slice(0, 1) });
    assert.equal(text, `Code from this workspace, found by searching its index (cite it as path:line):\n\n\`src/tax/vat.ts\` (lines 1-3, applyVat):\n\`\`\`typescript\n${VAT.trimEnd()}\n\`\`\``);
  });

  it("fences a header's chunk as C++ when its code is C++, as C otherwise", () => {
    const fenceOf = (text: string) => /```(\w+)/.exec(codebasePromptText({ chunks: [{ path: 'include/engine.h', startLine: 1, endLine: 3, symbol: 'Engine', text }] }))?.[1];
    assert.equal(fenceOf('class Engine {\n public:\n  void start();\n};'), 'cpp');
    assert.equal(fenceOf('struct engine {\n  int speed;\n};'), 'c');
  });
});

describe('chat: fitting workspace chunks to the budget', () => {
  const hit = (path: string, startLine: number, lines: number, score = 1): CodebaseHit => ({
    path,
    startLine,
    endLine: startLine + lines - 1,
    kind: 'function',
    symbol: '',
    container: '',
    score,
    text: Array.from({ length: lines }, (_, i) => `const value${startLine + i} = computeSomething(${i});`).join('\n'),
  });

  it('keeps whole chunks in rank order while they fit, skipping one too large for what is left', () => {
    const kept = fitChunks([hit('a.ts', 1, 5), hit('b.ts', 1, 200), hit('c.ts', 1, 5)], 250);
    assert.deepEqual(kept.map((c) => c.path), ['a.ts', 'c.ts']);
  });

  it('cuts the first chunk at a line end when it alone is too large, its range shrinking to match', () => {
    const [only] = fitChunks([hit('big.ts', 10, 400)], 300);
    assert.equal(only.startLine, 10);
    assert.equal(only.endLine, 10 + only.text.split('\n').length - 1);
    assert.ok(only.endLine < 409 && only.endLine > 15, String(only.endLine));
  });

  it('overlapping hits of the same file are the same code: kept once', () => {
    assert.deepEqual(fitChunks([hit('a.ts', 1, 10), hit('a.ts', 5, 3), hit('a.ts', 11, 2)], 4000).map((c) => c.startLine), [1, 11]);
  });

  it('nothing fits a budget of zero; the budget leaves the answer its tokens and is capped', () => {
    assert.deepEqual(fitChunks([hit('a.ts', 1, 5)], 0), []);
    assert.equal(codebaseBudget(4096, 1024, 1000), Math.floor((4096 - 1024 - 1000) * 0.6));
    assert.equal(codebaseBudget(4096, 4096, 100), 0);
    assert.equal(codebaseBudget(1_000_000, 1024, 0), 8000);
  });
});
