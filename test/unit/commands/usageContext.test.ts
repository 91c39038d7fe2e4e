import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Codebase, CodebaseHit } from '../../../src/codebase/codebase';
import { MAX_USAGES_TOKENS, prepareCommand, type PreparedCommand } from '../../../src/commands/prepare';
import { formatUsages, USAGES_HEADING, usageName, usagesSection } from '../../../src/commands/usageContext';
import { findTarget } from '../../../src/commands/target';
import type { CommandKind } from '../../../src/commands/types';
import { estimateTokens } from '../../../src/text/tokens';
import { snapshotOf, testParsers } from '../context/helpers';
import { tempCodebase, type TempCodebase } from './tempCodebase';

const ROOT = resolve(__dirname, '../../..');
const readPrompt = async (relPath: string) => (relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined);

const PRICE = `export function totalPrice(prices: number[], taxRate: number): number {
  const net = prices.reduce((a, b) => a + b, 0);
  return net * (1 + taxRate);
}

export function formatPrice(value: number): string {
  return value.toFixed(2);
}
`;
const CART = `import { totalPrice } from './price';

export function checkout(items: number[]) {
  const sum = totalPrice(items, 0.2);
  return { sum, paid: false };
}
`;
const REPORT = `import { totalPrice } from './price';

export class Report {
  render(rows: number[]) {
    return \`Total: \${totalPrice(rows, 0)}\`;
  }
}
`;

describe('commands: callers and usages of the target (Explain, Refactor)', function () {
  this.timeout(30000);
  const parsers = testParsers();
  let workspace: TempCodebase;
  before(async () => {
    workspace = await tempCodebase({ 'src/price.ts': PRICE, 'src/cart.ts': CART, 'src/report.ts': REPORT }, parsers);
  });
  after(() => {
    workspace.dispose();
    parsers.dispose();
  });

  const prepare = (kind: CommandKind, marked: string, options: { codebase?: Codebase; contextLength?: number; selection?: { start: number; end: number } } = {}): Promise<PreparedCommand> =>
    prepareCommand(
      { kind, snapshot: snapshotOf('src/price.ts', marked), settings: { answerLanguage: 'en', audience: 'intermediate', stepByStep: false }, ...(options.selection ? { selection: options.selection } : {}) },
      { files: workspace.files, parsers, readPrompt, contextLength: options.contextLength ?? 8192, maxTokens: 512, codebase: 'codebase' in options ? options.codebase : workspace.codebase },
    );
  const user = (p: PreparedCommand) => p.messages[p.messages.length - 1].content;
  const inTotal = PRICE.replace('const net', 'const █net');

  it('Explain: the callers of the function at the cursor, with path:lines and their code, never the current file', async () => {
    const p = await prepare('explain', inTotal);
    const u = user(p);
    assert.ok(u.includes(USAGES_HEADING), u);
    assert.ok(u.includes('`src/cart.ts` (lines 3-6):'), u);
    assert.ok(u.includes('const sum = totalPrice(items, 0.2);'), u);
    assert.ok(u.includes('return `Total: ${totalPrice(rows, 0)}`;'), u);
    const section = u.slice(u.indexOf(USAGES_HEADING));
    assert.ok(!section.includes('src/price.ts'), 'the current file is the target, not a usage');
    assert.ok(!section.includes("import { totalPrice }"), 'an import line alone is not a use');
    assert.deepEqual(p.parts.find((x) => x.name === 'usages')?.included, true);
  });

  it('the prepared command names the places it carried, as the section shows them (the answer lists them)', async () => {
    const p = await prepare('explain', inTotal);
    const u = user(p);
    assert.ok(p.workspace.length >= 2, JSON.stringify(p.workspace));
    for (const place of p.workspace) {
      const range = place.startLine === place.endLine ? `line ${place.startLine}` : `lines ${place.startLine}-${place.endLine}`;
      assert.ok(u.includes(`\`${place.path}\` (${range}):`), `${place.path} ${range} is in the prompt`);
    }
    assert.ok(p.workspace.some((w) => w.path === 'src/cart.ts' && w.startLine === 3 && w.endLine === 6 && w.symbol === 'checkout'), JSON.stringify(p.workspace));
    assert.deepEqual((await prepare('explain', inTotal, { codebase: undefined })).workspace, [], 'no index, nothing listed');
  });

  it('Refactor: the callers come with it, so a signature change can keep them working', async () => {
    const u = user(await prepare('refactor', inTotal));
    assert.ok(u.includes('const sum = totalPrice(items, 0.2);'), u);
    assert.match(u, /keep its callers working/);
  });

  it('a selection inside a function looks up the function it sits in', async () => {
    const start = PRICE.indexOf('const net');
    const u = user(await prepare('explain', `${PRICE}█`, { selection: { start, end: start + 20 } }));
    assert.ok(u.includes('totalPrice(items, 0.2)'), u);
  });

  it('no section for a function nobody calls, for Debug, Document and Generate Tests, or without an index (the prompt as before)', async () => {
    const unused = PRICE.replace('return value.toFixed', 'return █value.toFixed');
    assert.ok(!user(await prepare('explain', unused)).includes(USAGES_HEADING));
    for (const kind of ['debug', 'document', 'tests'] as const) assert.ok(!user(await prepare(kind, inTotal)).includes(USAGES_HEADING), kind);
    assert.ok(!user(await prepare('tests', inTotal)).includes('exists already'), 'no test file of price.ts: a whole new file is asked for');
    const without = await prepare('explain', inTotal, { codebase: undefined });
    assert.ok(!user(without).includes(USAGES_HEADING));
    assert.ok(!without.parts.some((x) => x.name === 'usages'));
  });

  it('a tight context keeps the whole target and the prompt within the model; usages take what is left, at most half', async () => {
    for (const contextLength of [1000, 1100, 1300, 2000]) {
      const p = await prepare('refactor', inTotal, { contextLength });
      const u = user(p);
      assert.ok(u.includes(PRICE.slice(0, PRICE.indexOf('\n\nexport function formatPrice'))), `the whole target at ${contextLength}`);
      const sent = p.messages.reduce((sum, m) => sum + estimateTokens(m.content) + 6, 0);
      assert.ok(sent <= contextLength - 512, `${sent} tokens sent at ${contextLength}`);
      const usages = p.parts.find((x) => x.name === 'usages');
      const target = p.parts.find((x) => x.name === 'target')!;
      // What the target leaves is contextLength - 512 - the bare prompt; usages take at most half of it.
      if (usages) assert.ok(usages.tokens <= (contextLength - 512 - target.tokens) / 2, `${usages.tokens} at ${contextLength}`);
      if (contextLength === 2000) assert.equal(usages?.included, true, 'room enough at 2000');
    }
  });

  it('a long context does not make room for every caller: at most MAX_USAGES_TOKENS', async () => {
    const callers: Record<string, string> = { 'src/price.ts': PRICE };
    for (let i = 0; i < 12; i++) callers[`src/caller${i}.ts`] = `import { totalPrice } from './price';\n\nexport function caller${i}(rows: number[]) {\n${Array.from({ length: 12 }, (_, j) => `  const step${j} = totalPrice(rows.map((r) => r * ${j}).filter((r) => r > ${i}), ${j} / 100);`).join('\n')}\n  return totalPrice(rows, ${i});\n}\n`;
    const many = await tempCodebase(callers, parsers);
    try {
      const p = await prepareCommand(
        { kind: 'explain', snapshot: snapshotOf('src/price.ts', inTotal), settings: { answerLanguage: 'en', audience: 'intermediate', stepByStep: false } },
        { files: many.files, parsers, readPrompt, contextLength: 32768, maxTokens: 512, codebase: many.codebase },
      );
      const usages = p.parts.find((x) => x.name === 'usages');
      assert.ok(usages?.included && usages.tokens <= MAX_USAGES_TOKENS && usages.tokens > MAX_USAGES_TOKENS / 2, JSON.stringify(usages));
    } finally {
      many.dispose();
    }
  });

  it('formatUsages stays within its budget, skips what does not fit and cuts a long caller to the lines around its use', () => {
    const long = Array.from({ length: 60 }, (_, i) => (i === 40 ? '  const x = totalPrice(list, 0);' : `  step${i}();`)).join('\n');
    const hits: CodebaseHit[] = [
      { path: 'src/big.ts', startLine: 100, endLine: 159, kind: 'function', symbol: 'big', container: '', score: 3, text: long },
      { path: 'src/small.ts', startLine: 1, endLine: 1, kind: 'code', symbol: '', container: '', score: 2, text: 'totalPrice([], 0);' },
    ];
    const all = formatUsages(hits, 'totalPrice', 1000);
    assert.ok(all.includes('`src/big.ts` (lines 136-144):'), all);
    assert.ok(all.includes('const x = totalPrice(list, 0);') && !all.includes('step0();') && !all.includes('step59();'), all);
    for (const budget of [10, 40, 60, 120, 1000]) {
      const text = formatUsages(hits, 'totalPrice', budget);
      assert.ok(estimateTokens(text) <= budget, `${estimateTokens(text)} > ${budget}`);
    }
    const small = formatUsages(hits, 'totalPrice', estimateTokens(formatUsages([hits[1]], 'totalPrice', 1000)) + 4);
    assert.ok(small.includes('src/small.ts') && !small.includes('src/big.ts'), `the one that fits: ${small}`);
    assert.equal(formatUsages(hits, 'totalPrice', 5), '');
  });

  it('an index that does not answer in time (a first build) gives no section rather than holding the command', async () => {
    const never: Codebase = { search: () => new Promise(() => {}), definitions: () => new Promise(() => {}), usages: () => new Promise(() => {}), unknownNames: () => new Promise(() => {}) };
    assert.equal(await usagesSection(never, 'totalPrice', 'src/price.ts', 500, { timeoutMs: 20 }), '');
    const failing: Codebase = { search: async () => [], definitions: async () => [], usages: async () => Promise.reject(new Error('index gone')), unknownNames: async () => [] };
    assert.equal(await usagesSection(failing, 'totalPrice', 'src/price.ts', 500), '');
  });

  it('usageName: the declared name, the last part of a qualified one, nothing for a block', async () => {
    const snapshot = snapshotOf('src/price.ts', inTotal);
    const tree = await parsers.parseText('typescript', snapshot.text);
    try {
      assert.equal(usageName(snapshot, findTarget(snapshot, undefined, tree), tree), 'totalPrice');
      assert.equal(usageName(snapshot, { start: 0, end: 1, startLine: 1, endLine: 1, text: 'x', kind: 'method', name: 'Foo::bar' }, tree), 'bar');
      assert.equal(usageName(snapshot, { start: 0, end: 1, startLine: 1, endLine: 1, text: 'x', kind: 'block' }, undefined), undefined);
    } finally {
      tree?.delete();
    }
  });
});
