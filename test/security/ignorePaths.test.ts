/**
 * Figure 11, ignore rules for every path form: bytes sent = 0. A two-folder workspace on disk
 * (test/unit/privacy/linkedWorkspace.ts, in a temporary folder) holds ignored files and the symbolic links that
 * reach them — a file link to `.env`, a folder link into `secrets/`, links out of the workspace to a key and a
 * password file, a link into the other folder's `.fathomignore`d folder, a chain, a link into a folder named
 * in another case — each target carrying its own marker, in code shaped like the code at the cursor.
 *
 * 1. Links, through the real pipelines: the file being completed and a command's target import the links and
 *    have them open as recent documents, read from disk (`NodeWorkspaceFiles`, which follows links as any
 *    reader does) through `guardFiles` — as the CLI builds it (rules + root + `nodeRealpath`) and as the
 *    extension does (one folder of an `IgnoreScope` over both folders) — and the real BackendPool to the fake
 *    server. A control run with today's guard (the rules, links not followed) must send marker bytes.
 * 2. Spellings: every ignored file asked for as `..`-detours, doubled slashes, backslashes, URL escapes,
 *    Windows names and case variants, from a reader that honours all of them (as a URL or Windows path
 *    parser would): guardFiles returns 0 bytes and never asks the reader; the reader alone returns them all.
 * 3. Documents: completing inside documents of every scheme that carry an ignored file (`git:` diff views,
 *    `vscode-vfs:`, `vscode-remote:`, notebook cells, `untitled:.env`, the Output panel, a file link, a file of
 *    the second folder under its own `.fathomignore`) through the scheduler with `ignoredFile` as the editor
 *    adapter computes it (`ignoresDocument`): 0 requests; an ordinary document does make one.
 */
import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ProviderKind } from '../../src/backends/types';
import { NodeWorkspaceFiles } from '../../src/cli/nodeWorkspaceFiles';
import { prepareCommand } from '../../src/commands/prepare';
import { streamCommand } from '../../src/commands/run';
import { CompletionScheduler } from '../../src/completion/scheduling/scheduler';
import { createCompleteOnce } from '../../src/completion/service';
import type { WorkspaceFiles } from '../../src/workspace/files';
import { ignoresDocument, type DocumentAddress } from '../../src/privacy/documentRules';
import { guardFiles } from '../../src/privacy/guardFiles';
import { IgnoreRules } from '../../src/privacy/ignoreRules';
import { IgnoreScope } from '../../src/privacy/ignoreScope';
import { nodeRealpath } from '../../src/privacy/nodeRealpath';
import { DocumentTrees } from '../../src/syntax/documentTrees';
import { Parsers } from '../../src/syntax/parsers';
import { startFakeServer, type FakeServer } from '../fake-server';
import { createLinkedWorkspace, type LinkedWorkspace } from '../unit/privacy/linkedWorkspace';
import { devGrammar } from '../unit/syntax/grammars';
import { record, SECTIONS } from './figures';
import { bytesOf, configFor, contentRequests, CURSOR, drain, poolFor, snapshotOf } from './helpers';

const ROOT = resolve(__dirname, '../..');
const readPrompt = async (relPath: string) => (relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined);
const COMMAND_SETTINGS = { answerLanguage: 'en', audience: 'intermediate' as const, stepByStep: false };
const PROVIDERS: ProviderKind[] = ['ollama', 'openai'];

/** The real file behind each link (below the temporary folder) → its marker. Plain words: redaction cannot hide them. */
const TARGETS = {
  'ws/.env': 'zebra_paths_dotenv', // via src/notes.ts (below) and src/chain.ts
  'ws/secrets/db.ts': 'zebra_paths_secrets', // via the folder link src/cfg
  'ws/Private/notes.ts': 'zebra_paths_case_folder', // via src/private-notes.ts; .fathomignore says private/
  'second/internal/pricing.ts': 'zebra_paths_second_folder', // via src/margin.ts
  'outside/home/.ssh/id_rsa': 'zebra_paths_outside_key', // via src/key.ts
  'outside/etc/passwd': 'zebra_paths_outside_passwd', // via src/passwd.ts
} as const;
type Target = keyof typeof TARGETS;

/** The links the main file imports and has open (paths in ws/), and what each leads to. */
const LINKS: Record<string, Target> = {
  'src/chain.ts': 'ws/.env',
  'src/cfg/db.ts': 'ws/secrets/db.ts',
  'src/private-notes.ts': 'ws/Private/notes.ts',
  'src/margin.ts': 'second/internal/pricing.ts',
  'src/key.ts': 'outside/home/.ssh/id_rsa',
  'src/passwd.ts': 'outside/etc/passwd',
};

/** A function shaped like the code at the cursor (so similarity picks it), every line carrying `marker`. */
function code(name: string, marker: string): string {
  return [
    `export function ${name}(connection: Connection): string { // ${marker}`,
    `  const settings = loadSettings('${marker}_setting'); // ${marker}`,
    `  return connection.query('${marker}_query', settings); // ${marker}`,
    `} // ${marker}`,
    '',
  ].join('\n');
}

const NAMES: Record<Target, string> = {
  'ws/.env': 'envDefaults',
  'ws/secrets/db.ts': 'dbPassword',
  'ws/Private/notes.ts': 'privateNotes',
  'second/internal/pricing.ts': 'margin',
  'outside/home/.ssh/id_rsa': 'sign',
  'outside/etc/passwd': 'users',
};

const MAIN = `import { envDefaults } from './chain';
import { dbPassword } from './cfg/db';
import { privateNotes } from './private-notes';
import { margin } from './margin';
import { sign } from './key';
import { users } from './passwd';

export function connect(connection: Connection): string {
  const settings = loadSettings('main');
  const total = envDefaults(connection) + dbPassword(connection) + privateNotes(connection) + margin(connection) + sign(connection) + users(connection);
  return connection.query(${CURSOR}
}
`;

/** Every spelling tried for each ignored file of ws/ (relative to ws/). */
const SPELLINGS: Record<string, string[]> = {
  '.env': ['src/../.env', './src/./../.env', 'src//..//.env', 'src\\..\\.env', '%2eenv', 'src/%2e%2e/.env', 'src%2f..%2f.env', '%252eenv', '.ENV', '.env.', '.env ', '.env::$DATA', 'src/.. /.env'],
  'secrets/db.ts': ['src/../secrets/db.ts', 'secrets//db.ts', 'secrets\\db.ts', 'SECRETS/db.ts', 'secrets. /db.ts', '%73ecrets/db.ts', 'src%2F..%2Fsecrets%2Fdb.ts', 'a/b/../../secrets/db.ts'],
  'Private/notes.ts': ['private/notes.ts', 'src/../PRIVATE/notes.ts', 'Private%2fnotes.ts', 'Private./notes.ts'],
};

type Guard = 'cli' | 'extension' | 'control';
const GUARDS: Record<Guard, string> = {
  cli: 'CLI form: guardFiles(rules, { root, realpath: nodeRealpath })',
  extension: 'extension form: IgnoreScope over both folders, forFolder(0)',
  control: 'CONTROL: the rules, links not followed (before Trust II)',
};

interface Run {
  provider: ProviderKind;
  path: 'completion' | 'command';
  guard: Guard;
  requests: number;
  bytes: Record<Target, number>;
}

describe('security 11: ignore rules hold for every path form (links, spellings, schemes, multi-root)', function () {
  this.timeout(60_000);
  const parsers = new Parsers(devGrammar);
  const trees = new DocumentTrees(parsers);
  const runs: Run[] = [];
  const spelled = { forms: 0, guardedBytes: 0, readerAsked: 0, controlBytes: 0 };
  const documents: { label: string; ignored: boolean; requests: number }[] = [];
  let server: FakeServer;
  let w: LinkedWorkspace;
  let rules: IgnoreRules;
  let secondRules: IgnoreRules;
  let n = 0;

  before(async () => {
    server = await startFakeServer();
    w = createLinkedWorkspace();
    for (const [target, marker] of Object.entries(TARGETS) as [Target, string][]) await writeFile(join(w.root, target), code(NAMES[target], marker));
    await writeFile(join(w.ws, 'src/main.ts'), MAIN.replace(CURSOR, ''));
    await writeFile(join(w.ws, 'src/settings.ts'), 'export function loadSettings(name: string): string {\n  return name;\n}\n');
    rules = IgnoreRules.defaults().withFathomIgnore(await readFile(join(w.ws, '.fathomignore'), 'utf8'));
    secondRules = IgnoreRules.defaults().withFathomIgnore(await readFile(join(w.second, '.fathomignore'), 'utf8'));
  });
  after(async () => {
    trees.dispose();
    parsers.dispose();
    await server.close();
    w.dispose();
    report(runs, spelled, documents);
  });

  const scope = () => new IgnoreScope([{ path: w.ws, rules }, { path: w.second, rules: secondRules }], { outside: IgnoreRules.defaults(), realpath: nodeRealpath });

  /** ws/ on disk with the links open as recent documents, seen through the guard under test. */
  function workspace(guard: Guard): WorkspaceFiles {
    const disk = new NodeWorkspaceFiles(w.ws, { recent: [...Object.keys(LINKS), 'src/settings.ts'] });
    if (guard === 'cli') return guardFiles(disk, rules, { root: w.ws, realpath: nodeRealpath });
    if (guard === 'extension') return guardFiles(disk, scope().forFolder(0));
    return guardFiles(disk, rules);
  }

  function markerBytes(): Record<Target, number> {
    const sent = contentRequests(server);
    return Object.fromEntries((Object.entries(TARGETS) as [Target, string][]).map(([t, marker]) => [t, sent.reduce((sum, r) => sum + bytesOf(r, marker), 0)])) as Record<Target, number>;
  }

  for (const provider of PROVIDERS) {
    for (const guard of Object.keys(GUARDS) as Guard[]) {
      it(`${provider}, ${GUARDS[guard]}: completing in a file that imports links and has them open`, async () => {
        const config = configFor(server, provider);
        const pool = poolFor(config);
        const complete = createCompleteOnce({
          target: (signal) => pool.forRole('completion', { signal }),
          getConfig: () => config,
          parsers,
          withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use),
          files: workspace(guard),
        });
        server.reset();
        await complete({ ...snapshotOf('src/main.ts', MAIN), uri: `file:///paths/${n++}/src/main.ts` }, new AbortController().signal);
        runs.push({ provider, path: 'completion', guard, requests: contentRequests(server).length, bytes: markerBytes() });
        assert.ok(contentRequests(server).length > 0, 'the completion reached the server');
        if (guard !== 'control') assert.deepEqual(nonZero(markerBytes()), {}, 'bytes of linked ignored files in the completion request');
      });

      it(`${provider}, ${GUARDS[guard]}: Explain and Refactor on a function that uses links`, async () => {
        const config = configFor(server, provider);
        const pool = poolFor(config);
        const files = workspace(guard);
        server.reset();
        const chat = await pool.forRole('chat');
        for (const kind of ['explain', 'refactor'] as const) {
          const prepared = await prepareCommand(
            { kind, snapshot: snapshotOf('src/main.ts', MAIN.replace(`connection.query(${CURSOR}`, `${CURSOR}connection.query(`)), settings: COMMAND_SETTINGS },
            { files, parsers, readPrompt, contextLength: chat.contextLength, maxTokens: chat.settings.maxTokens },
          );
          await drain(streamCommand(prepared, chat.backend, { model: chat.settings.model, maxTokens: chat.settings.maxTokens }));
        }
        runs.push({ provider, path: 'command', guard, requests: contentRequests(server).length, bytes: markerBytes() });
        assert.ok(contentRequests(server).length > 0, 'the command reached the server');
        if (guard !== 'control') assert.deepEqual(nonZero(markerBytes()), {}, 'bytes of linked ignored files in the command requests');
      });
    }
  }

  it('the control runs (links not followed) did send marker bytes, so the links are really read', () => {
    const control = runs.filter((r) => r.guard === 'control');
    assert.ok(control.reduce((sum, r) => sum + total(r.bytes), 0) > 0, 'without link following no marker reached the server: the fixture does not exercise the links');
    assert.equal(runs.filter((r) => r.guard !== 'control').reduce((sum, r) => sum + total(r.bytes), 0), 0);
  });

  it('every spelling of an ignored path returns 0 bytes and never reaches the reader; the reader alone returns them', async () => {
    const asked: string[] = [];
    const lenient = lenientReader(w.ws, asked);
    const guarded = guardFiles(lenient, scope().forFolder(0));
    for (const [file, spellings] of Object.entries(SPELLINGS)) {
      for (const spelling of spellings) {
        spelled.forms++;
        spelled.guardedBytes += Buffer.byteLength((await guarded.read(spelling)) ?? '');
        assert.equal(await guarded.exists(spelling), false, spelling);
      }
      spelled.readerAsked += asked.length;
      for (const spelling of spellings) {
        const text = await lenient.read(spelling);
        assert.ok(text?.includes(TARGETS[`ws/${file}` as Target]), `the lenient reader finds ${file} as ${spelling}`);
        spelled.controlBytes += Buffer.byteLength(text ?? '');
      }
      asked.length = 0;
    }
    assert.equal(spelled.guardedBytes, 0);
    assert.equal(spelled.readerAsked, 0);
  });

  it('completing inside a document of any scheme that carries an ignored file makes no request', async () => {
    const config = configFor(server, 'ollama');
    const pool = poolFor(config);
    const s = scope();
    const scheduler = new CompletionScheduler({
      complete: createCompleteOnce({ target: (signal) => pool.forRole('completion', { signal }), getConfig: () => config, parsers, withTree: (x, use) => trees.withTree(x.uri, x.languageId, x.version, x.text, use), files: guardFiles(new NodeWorkspaceFiles(w.ws), s.forFolder(0)) }),
    });
    const env = join(w.ws, '.env');
    const pem = join(w.ws, 'certs/server.pem');
    const cases: [string, DocumentAddress][] = [
      ['file: a link to .env (src/notes.txt)', { scheme: 'file', path: join(w.ws, 'src/notes.txt') }],
      ['file: a link out of the workspace (src/key.ts)', { scheme: 'file', path: join(w.ws, 'src/key.ts') }],
      ['file: a broken link', { scheme: 'file', path: join(w.ws, 'src/broken.ts') }],
      ['file: a link loop', { scheme: 'file', path: join(w.ws, 'src/loop-a.ts') }],
      ['file: second folder, its own .fathomignore (internal/)', { scheme: 'file', path: join(w.second, 'internal/pricing.ts') }],
      ['file: spelled with %2e%2e', { scheme: 'file', path: `${w.ws}/src/%2e%2e/.env` }],
      ['git: diff view of .env', { scheme: 'git', path: env, query: JSON.stringify({ path: env, ref: 'HEAD' }) }],
      ['git: diff view of server.pem (path + .git)', { scheme: 'git', path: `${pem}.git`, query: JSON.stringify({ path: pem, ref: '~' }) }],
      ['vscode-vfs: .env of a virtual folder', { scheme: 'vscode-vfs', path: '/octo/repo/.env' }],
      ['vscode-remote: .env on another machine', { scheme: 'vscode-remote', path: '/home/dev/app/.env' }],
      ['vscode-notebook-cell: a notebook in secrets/', { scheme: 'vscode-notebook-cell', path: join(w.ws, 'secrets/analysis.ipynb') }],
      ['untitled: named .env', { scheme: 'untitled', path: '.env' }],
      ['output: the Output panel', { scheme: 'output', path: 'extension-output-git-#1-Git' }],
      ['debug: a debug source', { scheme: 'debug', path: '/app/index.ts' }],
    ];
    for (const [label, address] of cases) {
      server.reset();
      const ignored = ignoresDocument(s, address);
      const text = code('inside', 'zebra_paths_document');
      await scheduler.provide({ uri: `${address.scheme}:${address.path}#${n++}`, path: address.path, languageId: 'typescript', text, offset: text.indexOf('\n'), version: 1 }, { trigger: 'manual', ignoredFile: ignored });
      documents.push({ label, ignored, requests: contentRequests(server).length });
    }
    // The same call for an ordinary document does reach the server: the zero above is the rules' doing.
    server.reset();
    const normal = { scheme: 'file', path: join(w.ws, 'src/app.ts') };
    const text = code('ordinary', 'zebra_paths_ordinary');
    await scheduler.provide({ uri: `file://${normal.path}`, path: 'src/app.ts', languageId: 'typescript', text, offset: text.indexOf('\n'), version: 1 }, { trigger: 'manual', ignoredFile: ignoresDocument(s, normal) });
    const controlRequests = contentRequests(server).length;
    scheduler.dispose();
    documents.push({ label: 'CONTROL: file: src/app.ts', ignored: false, requests: controlRequests });
    assert.deepEqual(documents.filter((d) => !d.label.startsWith('CONTROL') && (!d.ignored || d.requests > 0)), []);
    assert.ok(controlRequests > 0, 'an ordinary document is completed');
  });
});

/**
 * A reader that honours every spelling a URL parser or Windows would: escapes undone, either separator,
 * `..` resolved, trailing dots and spaces and `::$DATA` dropped, any case. Records what it is asked.
 */
function lenientReader(root: string, asked: string[]): WorkspaceFiles {
  const disk = new NodeWorkspaceFiles(root);
  const find = (path: string) => {
    let p = path;
    for (let i = 0; i < 3; i++) p = decodeURIComponent(p);
    const segments: string[] = [];
    for (const raw of p.replace(/::\$DATA$/i, '').split(/[\\/]/)) {
      const s = raw === '..' || raw === '.' ? raw : raw.replace(/[. ]+$/, '') || raw.trimEnd();
      if (s === '' || s === '.') continue;
      if (s === '..') segments.pop();
      else segments.push(s);
    }
    const lower = segments.join('/').toLowerCase();
    const known = ['.env', 'secrets/db.ts', 'Private/notes.ts', 'src/app.ts'];
    return known.find((k) => k.toLowerCase() === lower);
  };
  return {
    read: async (path) => {
      asked.push(path);
      const found = find(path);
      return found ? disk.read(found) : undefined;
    },
    exists: async (path) => {
      asked.push(path);
      return find(path) !== undefined;
    },
    recentDocuments: () => [],
  };
}

function total(bytes: Record<string, number>): number {
  return Object.values(bytes).reduce((a, b) => a + b, 0);
}

function nonZero(bytes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(bytes).filter(([, v]) => v > 0));
}

function report(runs: Run[], spelled: { forms: number; guardedBytes: number; readerAsked: number; controlBytes: number }, documents: { label: string; ignored: boolean; requests: number }[]): void {
  const of = (guard: Guard, path?: Run['path']) => runs.filter((r) => r.guard === guard && (!path || r.path === path));
  const sum = (rs: Run[]) => rs.reduce((s, r) => s + total(r.bytes), 0);
  const reached = (rs: Run[]) => Object.keys(TARGETS).filter((t) => rs.some((r) => (r.bytes[t as Target] ?? 0) > 0));
  const guardedRun = (guard: Guard, path: Run['path']) => of(guard, path).length > 0 && sum(of(guard, path)) === 0;
  const inside = documents.filter((d) => !d.label.startsWith('CONTROL'));
  const control = documents.find((d) => d.label.startsWith('CONTROL'));
  const rows = [
    { metric: `links to ignored files tried (file, folder, chain, case, other folder, out of the workspace ×2)`, value: Object.keys(LINKS).length, unit: '' },
    { metric: 'linked ignored bytes sent: completion, CLI form (rules + realpath)', value: sum(of('cli', 'completion')), unit: ' B', target: '= 0', pass: guardedRun('cli', 'completion') },
    { metric: 'linked ignored bytes sent: commands, CLI form', value: sum(of('cli', 'command')), unit: ' B', target: '= 0', pass: guardedRun('cli', 'command') },
    { metric: 'linked ignored bytes sent: completion, extension form (two-folder scope)', value: sum(of('extension', 'completion')), unit: ' B', target: '= 0', pass: guardedRun('extension', 'completion') },
    { metric: 'linked ignored bytes sent: commands, extension form', value: sum(of('extension', 'command')), unit: ' B', target: '= 0', pass: guardedRun('extension', 'command') },
    { metric: `control, links not followed: marker bytes sent (${reached(of('control')).length} of ${Object.keys(TARGETS).length} targets reached)`, value: sum(of('control')), unit: ' B', target: '> 0', pass: sum(of('control')) > 0 },
    { metric: `spellings of ignored paths tried (.., //, \\, %2e, Windows names, case)`, value: spelled.forms, unit: '' },
    { metric: 'bytes guardFiles returned for them', value: spelled.guardedBytes, unit: ' B', target: '= 0', pass: spelled.forms > 0 && spelled.guardedBytes === 0 },
    { metric: 'times the reader behind guardFiles was asked for them', value: spelled.readerAsked, unit: '', target: '= 0', pass: spelled.forms > 0 && spelled.readerAsked === 0 },
    { metric: 'control, a reader honouring every spelling: bytes returned', value: spelled.controlBytes, unit: ' B', target: '> 0', pass: spelled.controlBytes > 0 },
    { metric: `documents of other schemes / links / second folder judged ignored (git, vfs, remote, notebook, untitled, output, debug)`, value: inside.filter((d) => d.ignored).length, unit: ` of ${inside.length}`, target: `= ${inside.length}`, pass: inside.length > 0 && inside.every((d) => d.ignored) },
    { metric: 'requests made completing inside them (scheduler)', value: inside.reduce((s, d) => s + d.requests, 0), unit: '', target: '= 0', pass: inside.length > 0 && inside.every((d) => d.requests === 0) },
    { metric: 'control, an ordinary document: requests made', value: control?.requests ?? 0, unit: '', target: '> 0', pass: (control?.requests ?? 0) > 0 },
  ];
  record(SECTIONS.ignorePaths, rows, { ignorePaths: { runs, spelled, documents, controlReached: reached(of('control')) } });
}
