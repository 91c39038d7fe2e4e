/**
 * Figure 2, ignored bytes sent = 0. A workspace in memory holds files the ignore rules cover — `.env`, a
 * `*.pem`, an `id_rsa`, a file in a `secrets/` folder, and two files matched only by the workspace's
 * `.fathomignore`, plus code files under the `.env.*` and `id_rsa*` defaults — each line of each carrying the file's unique marker. The file being completed and the
 * command's target import them, read them by name, and have them open in the editor (the similar-snippet
 * retriever's source). The workspace is seen through `guardFiles` with the defaults plus `.fathomignore`,
 * as the extension builds it (src/vscode/privacyRules.ts), and requests go through the real BackendPool to
 * the fake server; the markers' bytes in every recorded request are counted.
 *
 * A control run without rules must send marker bytes: proof that the references are followed, so the zero
 * is the rules' doing. Completing inside an ignored file itself (the scheduler's `ignoredFile`, as the
 * editor adapter passes it) must send nothing.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ProviderKind } from '../../src/backends/types';
import { prepareCommand } from '../../src/commands/prepare';
import { streamCommand } from '../../src/commands/run';
import { CompletionScheduler } from '../../src/completion/scheduling/scheduler';
import { createCompleteOnce } from '../../src/completion/service';
import { guardFiles } from '../../src/privacy/guardFiles';
import { IgnoreRules } from '../../src/privacy/ignoreRules';
import { DocumentTrees } from '../../src/syntax/documentTrees';
import { Parsers } from '../../src/syntax/parsers';
import { startFakeServer, type FakeServer } from '../fake-server';
import { devGrammar } from '../unit/syntax/grammars';
import { record, SECTIONS } from './figures';
import { bytesOf, configFor, contentRequests, CURSOR, drain, MemoryFiles, poolFor, snapshotOf } from './helpers';

const ROOT = resolve(__dirname, '../..');
const readPrompt = async (relPath: string) => (relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined);
const COMMAND_SETTINGS = { answerLanguage: 'en', audience: 'intermediate' as const, stepByStep: false };
const PROVIDERS: ProviderKind[] = ['ollama', 'openai'];

const FATHOMIGNORE = 'src/private/\n*-internal.ts\n';

/** Plain words (no secret-like entropy), so redaction cannot be what hides them. */
const MARKERS = {
  '.env': 'zebra_marker_dotenv',
  'certs/server.pem': 'zebra_marker_pem_file',
  '.ssh/id_rsa': 'zebra_marker_id_rsa',
  'id_rsa': 'zebra_marker_root_id_rsa',
  'secrets/db.ts': 'zebra_marker_secrets_folder',
  'src/.env.defaults.ts': 'zebra_code_dotenv_marker',
  'src/id_rsa_signer.ts': 'zebra_code_id_rsa_marker',
  'src/private/billing.ts': 'zebra_marker_fathomignore_folder',
  'src/pricing-internal.ts': 'zebra_marker_fathomignore_glob',
} as const;
type IgnoredPath = keyof typeof MARKERS;

/** Each ignored file: every line carries its marker; the code ones look like the code at the cursor. */
function ignoredFiles(): Record<IgnoredPath, string> {
  const m = MARKERS;
  return {
    '.env': `DATABASE_HOST=${m['.env']}_host\nDATABASE_USER=${m['.env']}_user\nFEATURE_FLAGS=${m['.env']}_flags\n`,
    'certs/server.pem': `-----BEGIN CERTIFICATE-----\n${m['certs/server.pem']}_line_one\n${m['certs/server.pem']}_line_two\n-----END CERTIFICATE----- ${m['certs/server.pem']}\n`,
    '.ssh/id_rsa': `-----BEGIN OPENSSH PRIVATE KEY----- ${m['.ssh/id_rsa']}\n${m['.ssh/id_rsa']}_body\n-----END OPENSSH PRIVATE KEY----- ${m['.ssh/id_rsa']}\n`,
    'id_rsa': `${m['id_rsa']}_header\n${m['id_rsa']}_body\n`,
    'secrets/db.ts': code('dbPassword', m['secrets/db.ts']),
    'src/.env.defaults.ts': code('envDefaults', m['src/.env.defaults.ts']),
    'src/id_rsa_signer.ts': code('sign', m['src/id_rsa_signer.ts']),
    'src/private/billing.ts': code('billing', m['src/private/billing.ts']),
    'src/pricing-internal.ts': code('price', m['src/pricing-internal.ts']),
  };
}

/** A function the main file calls, shaped like the code around the cursor (so similarity would pick it). */
function code(name: string, marker: string): string {
  return [
    `export function ${name}(connection: Connection): string { // ${marker}`,
    `  const settings = loadSettings('${marker}_setting'); // ${marker}`,
    `  return connection.query('${marker}_query', settings); // ${marker}`,
    `} // ${marker}`,
    '',
  ].join('\n');
}

const MAIN = `import { dbPassword } from '../secrets/db';
import { billing } from './private/billing';
import { price } from './pricing-internal';
import { envDefaults } from './.env.defaults';
import { sign } from './id_rsa_signer';
import key from '../certs/server.pem';
import env from '../.env';
import { readFileSync } from 'node:fs';

const rsa = readFileSync('../.ssh/id_rsa', 'utf8');
const rootKey = readFileSync('../id_rsa', 'utf8');

export function connect(connection: Connection): string {
  const settings = loadSettings('main');
  const total = dbPassword(connection) + billing(connection) + price(connection) + envDefaults(connection) + sign(connection);
  return connection.query(${CURSOR}
}
`;

interface Run {
  provider: ProviderKind;
  path: 'completion' | 'command';
  guarded: boolean;
  requests: number;
  bytes: Record<string, number>;
}

describe('security 2: files under the ignore rules send no byte', function () {
  this.timeout(60_000);
  const parsers = new Parsers(devGrammar);
  const trees = new DocumentTrees(parsers);
  const runs: Run[] = [];
  const skippedInIgnored: { provider: ProviderKind; files: number; requests: number }[] = [];
  let server: FakeServer;
  let n = 0;

  before(async () => {
    server = await startFakeServer();
  });
  after(async () => {
    trees.dispose();
    parsers.dispose();
    await server.close();
    report(runs, skippedInIgnored);
  });

  const rules = IgnoreRules.defaults().withFathomIgnore(FATHOMIGNORE);
  const workspace = () => {
    const files = { ...ignoredFiles(), '.fathomignore': FATHOMIGNORE, 'src/app.ts': MAIN.replace(CURSOR, ''), 'src/settings.ts': 'export function loadSettings(name: string): string {\n  return name;\n}\n' };
    // Every ignored file is open in the editor too (recent documents feed the similar-snippet retriever).
    return new MemoryFiles(files, [...(Object.keys(MARKERS) as IgnoredPath[]), 'src/settings.ts']);
  };

  function markerBytes(): Record<string, number> {
    const sent = contentRequests(server);
    return Object.fromEntries((Object.entries(MARKERS) as [IgnoredPath, string][]).map(([path, marker]) => [path, sent.reduce((sum, r) => sum + bytesOf(r, marker), 0)]));
  }

  for (const provider of PROVIDERS) {
    for (const guarded of [true, false]) {
      const label = guarded ? 'defaults + .fathomignore' : 'CONTROL: no rules';
      it(`${provider}, ${label}: completing in a file that imports, reads and sits beside ignored files`, async () => {
        const config = configFor(server, provider);
        const pool = poolFor(config);
        const files = guardFiles(workspace(), guarded ? rules : IgnoreRules.none());
        const complete = createCompleteOnce({
          target: (signal) => pool.forRole('completion', { signal }),
          getConfig: () => config,
          parsers,
          withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use),
          files,
        });
        server.reset();
        await complete({ ...snapshotOf('src/app.ts', MAIN), uri: `file:///ignored/${n++}/src/app.ts` }, new AbortController().signal);
        runs.push({ provider, path: 'completion', guarded, requests: contentRequests(server).length, bytes: markerBytes() });
        assert.ok(contentRequests(server).length > 0, 'the completion reached the server');
        if (guarded) assert.deepEqual(nonZero(markerBytes()), {}, 'bytes of ignored files in the completion request');
      });

      it(`${provider}, ${label}: a command on a function that uses ignored files`, async () => {
        const config = configFor(server, provider);
        const pool = poolFor(config);
        const files = guardFiles(workspace(), guarded ? rules : IgnoreRules.none());
        server.reset();
        const chat = await pool.forRole('chat');
        for (const kind of ['explain', 'refactor'] as const) {
          const prepared = await prepareCommand(
            { kind, snapshot: snapshotOf('src/app.ts', MAIN.replace('connection.query(█', '█connection.query(')), settings: COMMAND_SETTINGS },
            { files, parsers, readPrompt, contextLength: chat.contextLength, maxTokens: chat.settings.maxTokens },
          );
          await drain(streamCommand(prepared, chat.backend, { model: chat.settings.model, maxTokens: chat.settings.maxTokens }));
        }
        runs.push({ provider, path: 'command', guarded, requests: contentRequests(server).length, bytes: markerBytes() });
        assert.ok(contentRequests(server).length > 0, 'the command reached the server');
        if (guarded) assert.deepEqual(nonZero(markerBytes()), {}, 'bytes of ignored files in the command requests');
      });
    }

    it(`${provider}: completing inside an ignored file sends nothing (scheduler, ignoredFile as the editor passes it)`, async () => {
      const config = configFor(server, provider);
      const pool = poolFor(config);
      const files = guardFiles(workspace(), rules);
      const scheduler = new CompletionScheduler({
        complete: createCompleteOnce({ target: (signal) => pool.forRole('completion', { signal }), getConfig: () => config, parsers, withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use), files }),
      });
      server.reset();
      const all = ignoredFiles();
      for (const path of Object.keys(all) as IgnoredPath[]) {
        const text = all[path];
        const at = text.indexOf('\n');
        for (const trigger of ['automatic', 'manual'] as const) {
          await scheduler.provide({ uri: `file:///ignored-doc/${n++}/${path}`, path, languageId: path.endsWith('.ts') ? 'typescript' : 'plaintext', text, offset: at, version: 1 }, { trigger, ignoredFile: rules.ignores(path) });
        }
      }
      scheduler.dispose();
      const sent = server.requests.filter((r) => r.endpoint !== 'unknown').length;
      skippedInIgnored.push({ provider, files: Object.keys(all).length, requests: sent });
      assert.equal(sent, 0, 'requests made while completing inside ignored files');
    });
  }

  it('the control runs (no rules) did send marker bytes, so the references are followed', () => {
    const control = runs.filter((r) => !r.guarded);
    const sent = control.reduce((n, r) => n + sum(r.bytes), 0);
    assert.ok(sent > 0, 'without rules no marker reached the server: the fixture does not exercise the retrievers');
    const guarded = runs.filter((r) => r.guarded);
    assert.equal(guarded.reduce((n, r) => n + sum(r.bytes), 0), 0);
  });
});

function report(runs: Run[], skipped: { provider: ProviderKind; files: number; requests: number }[]): void {
  const guarded = runs.filter((r) => r.guarded);
  const control = runs.filter((r) => !r.guarded);
  const paths = Object.keys(MARKERS);
  const total = (rs: Run[]) => rs.reduce((n, r) => n + sum(r.bytes), 0);
  const leakedFiles = (rs: Run[]) => paths.filter((p) => rs.some((r) => (r.bytes[p] ?? 0) > 0));
  const rows = [
    { metric: `ignored files in the workspace (defaults: .env*, *.pem, id_rsa*, secrets/; .fathomignore: 2)`, value: paths.length, unit: '' },
    { metric: `requests made with the rules (completion + commands, ${PROVIDERS.length} providers)`, value: guarded.reduce((n, r) => n + r.requests, 0), unit: '' },
    { metric: 'ignored bytes sent: completion (imports, reads, open documents)', value: total(guarded.filter((r) => r.path === 'completion')), unit: ' B', target: '= 0', pass: guarded.some((r) => r.path === 'completion') && total(guarded.filter((r) => r.path === 'completion')) === 0 },
    { metric: 'ignored bytes sent: commands (explain, refactor)', value: total(guarded.filter((r) => r.path === 'command')), unit: ' B', target: '= 0', pass: guarded.some((r) => r.path === 'command') && total(guarded.filter((r) => r.path === 'command')) === 0 },
    { metric: 'requests made completing inside an ignored file (scheduler)', value: skipped.reduce((n, s) => n + s.requests, 0), unit: '', target: '= 0', pass: skipped.length > 0 && skipped.every((s) => s.requests === 0) },
    { metric: `control without rules: marker bytes sent (${leakedFiles(control).length} of ${paths.length} files reached)`, value: total(control), unit: ' B', target: '> 0', pass: total(control) > 0 },
  ];
  record(SECTIONS.ignored, rows, { ignored: { runs, skippedInIgnored: skipped, controlReached: leakedFiles(control) } });
}

function sum(bytes: Record<string, number>): number {
  return Object.values(bytes).reduce((a, b) => a + b, 0);
}

function nonZero(bytes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(bytes).filter(([, v]) => v > 0));
}
