import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextCommand } from '../../../src/cli/context';
import { devGrammar } from '../syntax/grammars';

describe('cli: context', function () {
  this.timeout(30000);
  let root: string;
  const app = "import { take } from './operators/take.js';\n\nexport function first() {\n  return take(1);\n}\n";
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-cli-context-'));
    mkdirSync(join(root, 'src/operators'), { recursive: true });
    writeFileSync(join(root, 'src/app.ts'), app);
    writeFileSync(join(root, 'src/operators/take.ts'), 'export function take(count: number): number {\n  return count;\n}\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await contextCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, devGrammar);
    return { code, stdout, stderr };
  }

  it('prints the snippets as JSON, exactly the contract fields, within the budget', async () => {
    const offset = app.indexOf('take(1)') + 'take('.length;
    const { code, stdout } = await run(['--root', root, '--file', 'src/app.ts', '--offset', String(offset), '--budget', '200']);
    assert.equal(code, 0);
    const out = JSON.parse(stdout) as { snippets: Record<string, unknown>[]; tokens: number };
    assert.deepEqual(Object.keys(out), ['snippets', 'tokens']);
    assert.deepEqual(out.snippets[0], { path: 'src/operators/take.ts', startLine: 1, endLine: 3, text: 'export function take(count: number): number {\n  return count;\n}', source: 'imports' });
    for (const s of out.snippets) assert.deepEqual(Object.keys(s), ['path', 'startLine', 'endLine', 'text', 'source']);
    assert.ok(out.tokens > 0 && out.tokens <= 200);
  });

  describe('as the extension sees the workspace: ignore rules and redaction', () => {
    const TOKEN = 'ghp_R8mK2vQ9xL4pT7wN3bZ6cY1dF5gH0jS8aE2u';
    const shop = "import { margin } from '../internal/pricing';\nimport { rates } from './rates';\n\nexport const total = margin(rates(";
    before(() => {
      mkdirSync(join(root, 'internal'), { recursive: true });
      writeFileSync(join(root, '.fathomignore'), 'internal/\n');
      writeFileSync(join(root, 'internal/pricing.ts'), 'export function margin(price: number): number {\n  return price * 0.4273;\n}\n');
      writeFileSync(join(root, 'src/rates.ts'), `export function rates(day: number): number {\n  const token = "${TOKEN}";\n  return day * 2;\n}\n`);
      writeFileSync(join(root, 'src/shop.ts'), shop);
      writeFileSync(join(root, '.env.local'), 'API=1\n');
    });

    it('never reads a file the root\'s .fathomignore covers, and redacts the snippets it prints', async () => {
      const { code, stdout } = await run(['--root', root, '--file', 'src/shop.ts', '--offset', String(shop.length)]);
      assert.equal(code, 0);
      const out = JSON.parse(stdout) as { snippets: { path: string; text: string }[] };
      assert.ok(out.snippets.some((s) => s.path === 'src/rates.ts'), 'the other import is read');
      assert.ok(!out.snippets.some((s) => s.path.startsWith('internal/') || s.text.includes('0.4273')), stdout);
      assert.ok(!stdout.includes(TOKEN), 'the token is redacted');
      assert.match(stdout, /«secret:github-token:[a-z2-7]{10}»/);
    });

    it('refuses a --file the rules cover (.fathomignore or the defaults), exit code 2', async () => {
      for (const file of ['internal/pricing.ts', '.env.local']) {
        const { code, stderr, stdout } = await run(['--root', root, '--file', file, '--offset', '0']);
        assert.equal(code, 2, file);
        assert.match(stderr, /matches the ignore rules/);
        assert.equal(stdout, '');
      }
    });
  });

  it('rejects missing or bad arguments with exit code 2 and the usage', async () => {
    for (const args of [[], ['--root', root, '--file', 'src/app.ts'], ['--root', root, '--file', 'src/app.ts', '--offset', '99999'], ['--root', root, '--file', 'nope.ts', '--offset', '0'], ['--root', root, '--file', 'src/app.ts', '--offset', '0', '--budget', '-1']]) {
      const { code, stderr } = await run(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /Options \(context\)/);
    }
  });
});
