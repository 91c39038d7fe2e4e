import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextCommand } from '../../../src/cli/context';
import { promptCommand } from '../../../src/cli/prompt';
import { Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from '../syntax/grammars';

// Browser scripts: `formatMoney` is a global of another file, which no import statement leads to.
const CART = 'function total(items) {\n  let sum = 0;\n  for (const c of items) sum += c;\n  return formatMoney(sum, applyDiscount(';
const MONEY = 'function formatMoney(cents, currency) {\n  return (cents / 100).toFixed(2) + " " + currency;\n}\n';

describe('cli: --codebase (the repository retriever over the root\'s index) for context and prompt', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  let cache: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-cli-codebase-'));
    cache = mkdtempSync(join(tmpdir(), 'fathom-cli-codebase-cache-'));
    mkdirSync(join(root, 'web'));
    mkdirSync(join(root, 'internal'));
    writeFileSync(join(root, 'web/cart.js'), CART);
    writeFileSync(join(root, 'web/money.js'), MONEY);
    writeFileSync(join(root, '.fathomignore'), 'internal/\n');
    writeFileSync(join(root, 'internal/discount.js'), 'function applyDiscount(cents) {\n  return cents * 0.4273;\n}\n');
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
    parsers.dispose();
  });

  const at = () => ['--root', root, '--file', 'web/cart.js', '--offset', String(CART.length)];
  async function context(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await contextCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, devGrammar);
    return { code, stderr, out: code === 0 ? (JSON.parse(stdout) as { snippets: { path: string; text: string; source: string }[]; tokens: number }) : undefined };
  }
  async function prompt(args: string[]) {
    let stdout = '';
    const code = await promptCommand(args, { stdout: (t) => (stdout += t), stderr: () => {} }, { parsers });
    return { code, stdout };
  }

  it('context: the definition of a global from another file, found in the index; the index is kept in --cache', async () => {
    const { code, out } = await context([...at(), '--codebase', '--cache', cache]);
    assert.equal(code, 0);
    const found = out!.snippets.find((s) => s.source === 'repository');
    assert.deepEqual(found && { path: found.path, text: found.text }, { path: 'web/money.js', text: MONEY.trimEnd() });
    assert.equal(readdirSync(cache).filter((f) => f.startsWith('index-')).length, 1, 'the index was saved');
    const again = await context([...at(), '--codebase', '--cache', cache]);
    assert.deepEqual(again.out, out, 'the saved index gives the same answer');
  });

  it('never from a file the ignore rules cover (it is not indexed)', async () => {
    const { out } = await context([...at(), '--codebase', '--cache', cache]);
    assert.ok(!out!.snippets.some((s) => s.path.startsWith('internal/') || s.text.includes('0.4273')), JSON.stringify(out));
  });

  it('without --codebase: no repository snippets, as the extension sends with no index; --cache alone is refused', async () => {
    const { out } = await context(at());
    assert.ok(!out!.snippets.some((s) => s.source === 'repository'));
    assert.equal((await context([...at(), '--cache', cache])).code, 2);
  });

  it('prompt: the request body carries the definition with --codebase, and not without', async () => {
    const withIndex = await prompt([...at(), '--model', 'qwen2.5-coder:1.5b', '--codebase', '--cache', cache]);
    assert.equal(withIndex.code, 0);
    assert.ok(withIndex.stdout.includes('function formatMoney(cents, currency) {'), withIndex.stdout);
    const without = await prompt([...at(), '--model', 'qwen2.5-coder:1.5b']);
    assert.equal(without.code, 0);
    assert.ok(!without.stdout.includes('function formatMoney(cents, currency) {'), without.stdout);
  });
});
