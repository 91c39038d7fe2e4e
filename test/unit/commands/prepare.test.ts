import { MAX_PARSE_CHARS } from '../../../src/syntax/parsers';
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { diagnosticsAround, prepareCommand, type CommandRequest, type PreparedCommand } from '../../../src/commands/prepare';
import type { CommandSettings, DiagnosticInfo } from '../../../src/commands/types';
import { estimateTokens } from '../../../src/text/tokens';
import { MemoryFiles, snapshotOf, testParsers } from '../context/helpers';

const ROOT = resolve(__dirname, '../../..');
const shipped = (overrides: Record<string, string> = {}) => async (relPath: string) =>
  relPath in overrides ? overrides[relPath] : relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined;

const SETTINGS: CommandSettings = { answerLanguage: 'en', audience: 'intermediate', stepByStep: false };

const MONEY = `export interface Money {\n  cents: number;\n  currency: string;\n}\n\nexport function formatMoney(m: Money): string {\n  return (m.cents / 100).toFixed(2) + ' ' + m.currency;\n}\n`;
const UNUSED = `export function neverUsedHere(a: number): number {\n  return a * 2;\n}\n`;
const CART = `import { formatMoney, type Money } from './money';
import { neverUsedHere } from './unused';

export class Cart {
  private items: Money[] = [];

  total(): string {
    const cents = this.items.reduce((sum, m) => sum + m.cents, 0);
    return formatMoney({ cents, currency: 'EUR' }█);
  }
}
`;

describe('commands: context and prompt of a command', function () {
  this.timeout(30000);
  const parsers = testParsers();
  after(() => parsers.dispose());
  const files = () => new MemoryFiles({ 'src/money.ts': MONEY, 'src/unused.ts': UNUSED, 'src/cart.ts': CART.replace('█', ''), 'package.json': '{"devDependencies":{"vitest":"3.2.4"}}' });

  async function prepare(request: Partial<CommandRequest> & { marked?: string; path?: string }, deps: { contextLength?: number; maxTokens?: number; overrides?: Record<string, string> } = {}): Promise<PreparedCommand> {
    const snapshot = snapshotOf(request.path ?? 'src/cart.ts', request.marked ?? CART);
    return prepareCommand(
      { kind: 'explain', settings: SETTINGS, ...request, snapshot },
      { files: files(), parsers, readPrompt: shipped(deps.overrides), contextLength: deps.contextLength ?? 8192, maxTokens: deps.maxTokens ?? 1024 },
    );
  }
  const user = (p: PreparedCommand) => p.messages[p.messages.length - 1].content;
  const part = (p: PreparedCommand, name: string) => p.parts.find((x) => x.name === name);

  it('Explain: the method at the cursor with its path and language, enclosing class, imports and the used definitions', async () => {
    const p = await prepare({});
    assert.equal(p.target.name, 'total');
    assert.deepEqual(p.messages.map((m) => m.role), ['system', 'user']);
    const u = user(p);
    assert.ok(u.includes('`src/cart.ts` (lines 7-10, TypeScript)'), u);
    assert.ok(u.includes("```typescript\ntotal(): string {\n    const cents"), 'the target, fenced');
    assert.ok(u.includes('export class Cart {'), 'the enclosing class signature');
    assert.ok(u.includes("import { formatMoney, type Money } from './money';"), 'the imports');
    assert.ok(u.includes('export function formatMoney(m: Money): string {'), 'the definition of a name the target uses');
    assert.ok(!u.includes('neverUsedHere(a: number)'), 'not the definition of an import the target does not use');
    assert.ok(!u.includes('{{'), 'no placeholder left');
    assert.deepEqual(p.unknownPlaceholders, []);
    assert.deepEqual(p.parts.map((x) => [x.name, x.included]), [['target', true], ['scopes', true], ['imports', true], ['definitions', true]]);
    assert.deepEqual(p.prompt, { source: 'extension', path: 'prompts/explain.md' });
  });

  it('settings reach the prompt: answer language (zh-cn → Simplified Chinese), audience, step by step', async () => {
    const p = await prepare({ settings: { answerLanguage: 'zh-cn', audience: 'beginner', stepByStep: true } });
    assert.match(p.messages[0].content, /Write in Simplified Chinese \(zh-cn\)/);
    assert.match(p.messages[0].content, /beginner/);
    assert.match(user(p), /step by step/);
    const plain = await prepare({ settings: { answerLanguage: 'de', audience: 'expert', stepByStep: false } });
    assert.match(plain.messages[0].content, /Write in German \(de\)/);
    assert.doesNotMatch(user(plain), /step by step/);
  });

  it('Debug: the diagnostics on and around the target and the pasted error text; far diagnostics are left out', async () => {
    const diagnostics: DiagnosticInfo[] = [
      { message: "Type 'number' is not assignable to type 'string'.", severity: 'error', startLine: 9, endLine: 9, source: 'ts', code: 2322 },
      { message: 'far away', severity: 'warning', startLine: 40, endLine: 40 },
    ];
    const p = await prepare({ kind: 'debug', diagnostics, errorText: 'TypeError: m.currency is undefined\n    at total (cart.ts:9:5)' });
    const u = user(p);
    assert.ok(u.includes("- line 9, error ts(2322): Type 'number' is not assignable to type 'string'."), u);
    assert.ok(!u.includes('far away'));
    assert.ok(u.includes('TypeError: m.currency is undefined\n    at total (cart.ts:9:5)'));
    assert.deepEqual(p.parts.slice(0, 3).map((x) => x.name), ['target', 'error', 'diagnostics']);
  });

  it('diagnostics around the target: within the margin, nearest and most severe first', () => {
    const target = { start: 0, end: 1, startLine: 10, endLine: 12, text: 'x', kind: 'function' as const };
    const d = (startLine: number, severity: DiagnosticInfo['severity'], message = `${severity}@${startLine}`): DiagnosticInfo => ({ message, severity, startLine, endLine: startLine });
    assert.deepEqual(diagnosticsAround([d(20, 'error'), d(3, 'error'), d(11, 'warning'), d(11, 'error'), d(16, 'hint')], target).map((x) => x.message), ['error@11', 'warning@11', 'hint@16']);
  });

  it('a growing budget takes the parts in priority order; the target is always there', async () => {
    const full = await prepare({ kind: 'refactor', instruction: 'simplify' });
    assert.equal(part(full, 'examples')?.included, true, 'room for the few-shot example at 8K');
    assert.deepEqual(full.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user'], 'the example goes before the request');
    const firstIncluded: Record<string, number> = {};
    for (let context = 1024 + 420; context <= 1024 + 1400; context += 20) {
      const p = await prepare({ kind: 'refactor', instruction: 'simplify' }, { contextLength: context, maxTokens: 1024 });
      assert.equal(part(p, 'target')?.included, true);
      assert.ok(user(p).includes('Task: simplify'));
      const sent = p.messages.reduce((s, m) => s + estimateTokens(m.content) + 6, 0);
      assert.ok(sent <= context - 1024 + 8, `${sent} tokens sent for a budget of ${context - 1024}`);
      for (const x of p.parts) if (x.included && !x.trimmed && !(x.name in firstIncluded)) firstIncluded[x.name] = context;
    }
    const order = ['target', 'scopes', 'imports', 'definitions', 'examples'];
    assert.deepEqual(Object.keys(firstIncluded).sort((a, b) => firstIncluded[a] - firstIncluded[b] || order.indexOf(a) - order.indexOf(b)), order, JSON.stringify(firstIncluded));
    assert.ok(firstIncluded.target < firstIncluded.examples, 'a short budget trims nothing but drops the examples');
  });

  it('a target longer than the whole budget is trimmed to whole lines around the cursor, and says so', async () => {
    const body = Array.from({ length: 400 }, (_, i) => `  const v${i} = compute(${i});`).join('\n');
    const p = await prepare({ path: 'src/big.ts', marked: `function big() {\n${body}\n  return █0;\n}\n` }, { contextLength: 1500, maxTokens: 500 });
    const target = part(p, 'target')!;
    assert.equal(target.included, true);
    assert.equal(target.trimmed, true);
    assert.ok(user(p).includes('  const v399 = compute(399);\n  return 0;\n}'), 'the lines at the cursor');
    assert.ok(!user(p).includes('const v0 ='), 'not the far start');
    assert.match(user(p), /\n {2}const v\d+ = compute\(\d+\);\n/, 'whole lines');
    const sent = p.messages.reduce((s, m) => s + estimateTokens(m.content) + 6, 0);
    assert.ok(sent <= 1000, `the prompt (${sent} tokens) fits contextLength − maxTokens`);
  });

  it('minified code (one huge line, too big to parse) sends the characters around the cursor, not nothing', async () => {
    const line = Array.from({ length: 45_000 }, (_, i) => `function f${i}(a){return a*${i}}`).join(';');
    assert.ok(line.length > MAX_PARSE_CHARS);
    const marked = line.replace('function f2500(', 'function f2500(█');
    const p = await prepare({ path: 'dist/app.min.js', marked }, { contextLength: 2000, maxTokens: 500 });
    assert.equal(part(p, 'target')!.trimmed, true);
    assert.ok(user(p).includes('function f2500(a){return a*2500}'), 'the function at the cursor');
    assert.ok(!user(p).includes('function f0('));
    const sent = p.messages.reduce((s, m) => s + estimateTokens(m.content) + 6, 0);
    assert.ok(sent <= 1500 && sent > 1000, `the prompt (${sent} tokens) uses the budget and fits it`);
  });

  it('a context too small for the prompt and the answer is an error that says what to change', async () => {
    await assert.rejects(prepare({}, { contextLength: 600, maxTokens: 512 }), /context \(600 tokens\) leaves no room for the code after the prompt and 512 tokens for the answer/);
  });

  it('Generate Tests: the detected framework and the test file path are in the prompt', async () => {
    const p = await prepare({ kind: 'tests' });
    assert.deepEqual(p.tests, { framework: 'vitest', testPath: 'src/cart.test.ts', inline: false });
    assert.match(user(p), /Use vitest\. The tests go into `src\/cart\.test\.ts`/);
  });

  it('Document: the language\'s doc-comment style', async () => {
    const p = await prepare({ kind: 'document', path: 'app/shop.py', marked: 'def total(items):\n    return sum(i.price for i in █items)\n' });
    assert.equal(p.target.name, 'total');
    assert.match(user(p), /PEP 257 docstrings/);
    assert.match(user(p), /```python\ndef total\(items\):/);
  });

  it('a workspace override is used, and a misspelt placeholder is reported', async () => {
    const p = await prepare({}, { overrides: { '.fathom/prompts/explain.md': '## user\nExplain {{code}} from {{pth}}.\n' } });
    assert.deepEqual(p.prompt, { source: 'workspace', path: '.fathom/prompts/explain.md' });
    assert.deepEqual(p.unknownPlaceholders, ['pth']);
    assert.deepEqual(p.messages.map((m) => m.role), ['user']);
    assert.ok(user(p).endsWith('from {{pth}}.'));
  });
});
