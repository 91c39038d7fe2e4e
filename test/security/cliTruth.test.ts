/**
 * Figure 13, the CLI tells the truth: `prompt` prints byte for byte the body the extension's pipeline sends.
 * A workspace on disk holds a file with a secret near the cursor, an import of a file the root's
 * `.fathomignore` covers and an import of a file with a secret in its definition. For each provider, model
 * (FIM, raw template, chat-only) and cursor (a single line, a block), the CLI's `promptCommand` prints its
 * body, and the completion pipeline (createCompleteOnce + the real BackendPool, over the workspace as the
 * ignore rules let it be seen) sends its own to the fake server. The two are compared with the placeholders'
 * tags made uniform (each process has its own random key) and everything else byte for byte.
 *
 * The editor's own view of the workspace (open editors, VS Code's file system) is compared with the CLI in
 * the integration suite (test/integration/privacy.test.ts), against the body the extension really sent.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderKind } from '../../src/backends/types';
import { siblings } from '../../src/cli/cursorArgs';
import { NodeWorkspaceFiles } from '../../src/cli/nodeWorkspaceFiles';
import { promptCommand } from '../../src/cli/prompt';
import { createCompleteOnce } from '../../src/completion/service';
import { guardFiles } from '../../src/privacy/guardFiles';
import { rulesForRoot } from '../../src/privacy/rootRules';
import { DocumentTrees } from '../../src/syntax/documentTrees';
import { Parsers } from '../../src/syntax/parsers';
import { startFakeServer, type FakeServer } from '../fake-server';
import { CORPUS } from '../unit/privacy/corpus';
import { devGrammar } from '../unit/syntax/grammars';
import { record, SECTIONS } from './figures';
import { configFor, contentRequests, poolFor } from './helpers';

const TOKEN = CORPUS.find((c) => c.rule === 'github-token')!.secret;
const STRIPE = CORPUS.find((c) => c.rule === 'stripe-key')!.secret;
const IGNORED_MARKER = 'zebraInternalMargin';

/** Placeholder tags made uniform: `«secret:rule:X»`. */
export const normalized = (body: string) => body.replace(/«secret:([a-z0-9-]+):[a-z2-7]{10}»/g, '«secret:$1:X»');

interface Comparison {
  provider: ProviderKind;
  model: string;
  settings: string;
  cursor: string;
  equal: boolean;
  secretsInCli: number;
  ignoredInCli: boolean;
}

describe('security 13: the CLI prints the body the pipeline sends', function () {
  this.timeout(120_000);
  const parsers = new Parsers(devGrammar);
  const trees = new DocumentTrees(parsers);
  const comparisons: Comparison[] = [];
  let server: FakeServer;
  let root: string;
  const shop = [
    "import { margin } from '../internal/pricing';",
    "import { rate } from './rates';",
    '',
    `const token = "${TOKEN}";`,
    '',
    'export function total(price: number): number {',
    '  const withMargin = margin(price) * rate(token);',
    '  return withMargin',
    '}',
    '',
  ].join('\n');
  const cursors = { 'single line': shop.indexOf('  return withMargin') + '  return withMargin'.length, block: shop.indexOf('{') + 1 };

  before(async () => {
    server = await startFakeServer();
    root = mkdtempSync(join(tmpdir(), 'fathom-security-cli-'));
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'internal'));
    writeFileSync(join(root, '.fathomignore'), 'internal/\n');
    writeFileSync(join(root, 'internal/pricing.ts'), `export function margin(price: number): number {\n  const ${IGNORED_MARKER} = 0.4273;\n  return price * ${IGNORED_MARKER};\n}\n`);
    writeFileSync(join(root, 'src/rates.ts'), `export function rate(key: string): number {\n  const stripe = '${STRIPE}';\n  return key.length + stripe.length;\n}\n`);
    writeFileSync(join(root, 'src/shop.ts'), shop);
  });
  after(async () => {
    trees.dispose();
    parsers.dispose();
    await server.close();
    rmSync(root, { recursive: true, force: true });
    report(comparisons);
  });

  const combos: { provider: ProviderKind; model: string; settings: Record<string, unknown> }[] = [
    { provider: 'ollama', model: 'qwen2.5-coder:1.5b', settings: {} },
    { provider: 'ollama', model: 'llama3.2:3b', settings: {} },
    { provider: 'ollama', model: 'qwen2.5-coder:7b', settings: { contextLength: 2048, 'ollama.keepAlive': '-1' } },
    { provider: 'openai', model: 'qwen2.5-coder:1.5b', settings: {} },
    { provider: 'openai', model: 'qwen2.5-coder:1.5b', settings: { 'openai.fim': true } },
    { provider: 'openai', model: 'llama3.2:3b', settings: {} },
  ];

  for (const combo of combos) {
    for (const [cursor, offset] of Object.entries(cursors)) {
      it(`${combo.provider} ${combo.model} ${JSON.stringify(combo.settings)}, ${cursor}`, async () => {
        const settings = { 'completion.provider': combo.provider, 'completion.model': combo.model, ...combo.settings };
        // The CLI, reading the same settings from a file.
        const settingsFile = join(root, `settings-${comparisons.length}.json`);
        writeFileSync(settingsFile, JSON.stringify(Object.fromEntries(Object.entries(settings).map(([k, v]) => [`fathom.${k}`, v]))));
        let printed = '';
        const code = await promptCommand(['--root', root, '--file', 'src/shop.ts', '--offset', String(offset), '--settings', settingsFile], { stdout: (t) => (printed += t), stderr: () => undefined }, { parsers });
        assert.equal(code, 0);
        // The pipeline, through the real pool, to the fake server.
        server.reset();
        const config = configFor(server, combo.provider, settings);
        const pool = poolFor(config);
        const rules = await rulesForRoot((name) => readFile(join(root, name), 'utf8'));
        const files = guardFiles(new NodeWorkspaceFiles(root, { recent: siblings(root, 'src/shop.ts') }), rules);
        await createCompleteOnce({
          target: (signal) => pool.forRole('completion', { signal }),
          getConfig: () => config,
          parsers,
          withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use),
          files,
          repoName: () => root.split('/').pop(),
        })({ uri: `file:///${comparisons.length}/src/shop.ts`, path: 'src/shop.ts', languageId: 'typescript', text: shop, offset, version: 1 }, new AbortController().signal);
        const sent = contentRequests(server);
        assert.equal(sent.length, 1, 'one request sent');
        const equal = normalized(printed.trimEnd()) === normalized(sent[0].rawBody);
        comparisons.push({
          provider: combo.provider,
          model: combo.model,
          settings: JSON.stringify(combo.settings),
          cursor,
          equal,
          secretsInCli: [TOKEN, STRIPE].filter((s) => printed.includes(s)).length,
          ignoredInCli: printed.includes(IGNORED_MARKER),
        });
        assert.equal(normalized(printed.trimEnd()), normalized(sent[0].rawBody));
        assert.ok(/«secret:github-token:[a-z2-7]{10}»/.test(printed), 'the CLI shows the secret redacted');
        assert.ok(!printed.includes(TOKEN) && !printed.includes(IGNORED_MARKER));
      });
    }
  }
});

function report(list: Comparison[]): void {
  const equal = list.filter((c) => c.equal).length;
  const secrets = list.reduce((n, c) => n + c.secretsInCli, 0);
  const ignored = list.filter((c) => c.ignoredInCli).length;
  record(
    SECTIONS.cliTruth,
    [
      { metric: 'CLI prompt body = body sent (placeholder tags normalised): providers x models x cursors', value: equal, unit: ` / ${list.length}`, target: `= ${list.length}`, pass: equal === list.length && list.length > 0 },
      { metric: 'secrets printed by the CLI', value: secrets, unit: '', target: '= 0', pass: secrets === 0 },
      { metric: 'bodies printed with text of a .fathomignore file', value: ignored, unit: '', target: '= 0', pass: ignored === 0 },
    ],
    { cliTruth: list },
  );
}
