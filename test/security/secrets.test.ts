/**
 * Figure 1, secrets sent = 0. Every corpus secret (test/unit/privacy/corpus.ts) is put where a user's code
 * puts it — the completion prefix, the suffix, a file the completion context reads, a command's target and
 * error text, a chat question and a chat attachment — and sent through the real pipelines and the real
 * BackendPool (which wraps redaction around every client) to the fake server, over HTTP, for both providers.
 * The fake server's record of every request is then searched for every secret.
 *
 * Each case must also show a redaction placeholder in its request: proof the secret really reached the
 * request (and was replaced), so a case the pipeline dropped on its own cannot pass as "not sent".
 */
import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ProviderKind } from '../../src/backends/types';
import { ChatSession } from '../../src/chat/session';
import { ConversationStore } from '../../src/chat/store';
import { prepareCommand } from '../../src/commands/prepare';
import { streamCommand } from '../../src/commands/run';
import { createCompleteOnce } from '../../src/completion/service';
import type { DocumentSnapshot } from '../../src/workspace/document';
import { guardFiles } from '../../src/privacy/guardFiles';
import { IgnoreRules } from '../../src/privacy/ignoreRules';
import { DocumentTrees } from '../../src/syntax/documentTrees';
import { Parsers } from '../../src/syntax/parsers';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fake-server';
import { CORPUS } from '../unit/privacy/corpus';
import { devGrammar } from '../unit/syntax/grammars';
import { record, SECTIONS } from './figures';
import { carries, configFor, contentRequests, CURSOR, drain, hasPlaceholder, MemoryFiles, poolFor, snapshotOf } from './helpers';

const ROOT = resolve(__dirname, '../..');
const readPrompt = async (relPath: string) => (relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined);
const COMMAND_SETTINGS = { answerLanguage: 'en', audience: 'intermediate' as const, stepByStep: false };
const PROVIDERS: ProviderKind[] = ['ollama', 'openai'];
const DISTINCT_SECRETS = new Set(CORPUS.map((c) => c.secret)).size;

type Place = 'completion prefix' | 'completion suffix' | 'completion context file' | 'command target' | 'command error text' | 'command imported file' | 'chat question' | 'chat attachment';

interface CaseResult {
  provider: ProviderKind;
  place: Place;
  rule: string;
  /** Requests the case made (content routes only). */
  requests: RecordedRequest[];
}

/** The corpus snippet as comment lines, so it sits in a file of code whatever its own syntax. */
const asComments = (context: string) =>
  context
    .split('\n')
    .map((line) => `  // ${line}`)
    .join('\n');

describe('security 1: no corpus secret reaches the server, wherever the code puts it', function () {
  this.timeout(120_000);
  const parsers = new Parsers(devGrammar);
  const trees = new DocumentTrees(parsers);
  const results: CaseResult[] = [];
  let server: FakeServer;
  let dir: string;

  before(async () => {
    server = await startFakeServer();
    dir = await mkdtemp(join(tmpdir(), 'fathom-security-chat-'));
  });
  after(async () => {
    trees.dispose();
    parsers.dispose();
    await server.close();
    await rm(dir, { recursive: true, force: true });
    report(results);
  });

  /** Runs `send` with a clean record and keeps the content requests it made. */
  async function run(provider: ProviderKind, place: Place, rule: string, send: () => Promise<unknown>): Promise<void> {
    server.reset();
    await send();
    results.push({ provider, place, rule, requests: contentRequests(server).slice() });
  }

  for (const provider of PROVIDERS) {
    it(`${provider}: completions — every secret in the prefix, the suffix and an imported context file`, async () => {
      const config = configFor(server, provider);
      const pool = poolFor(config);
      let n = 0;
      const complete = (files: MemoryFiles, snapshot: DocumentSnapshot) =>
        createCompleteOnce({
          target: (signal) => pool.forRole('completion', { signal }),
          getConfig: () => config,
          parsers,
          withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use),
          // As the extension builds it: the workspace seen through the ignore rules.
          files: guardFiles(files, IgnoreRules.defaults()),
        })({ ...snapshot, uri: `file:///${provider}/${n++}/${snapshot.path}` }, new AbortController().signal);

      for (const entry of CORPUS) {
        await run(provider, 'completion prefix', entry.rule, () => complete(new MemoryFiles({}), snapshotOf('src/app.ts', `${entry.context}\n\nexport const value = ${CURSOR}\n`)));
        await run(provider, 'completion suffix', entry.rule, () => complete(new MemoryFiles({}), snapshotOf('src/app.ts', `export function value() {\n  return ${CURSOR}\n}\n\n${entry.context}\n`)));
        const files = new MemoryFiles({
          'src/settings.ts': `export function loadSettings(name: string): string {\n${asComments(entry.context)}\n  return name;\n}\n`,
        });
        await run(provider, 'completion context file', entry.rule, () =>
          complete(files, snapshotOf('src/app.ts', `import { loadSettings } from './settings';\n\nexport function start() {\n  const settings = loadSettings(${CURSOR});\n}\n`)),
        );
      }
    });

    it(`${provider}: commands — every secret in the target, the error text and an imported file (prepareCommand + streamCommand)`, async () => {
      const config = configFor(server, provider);
      const pool = poolFor(config);
      const send = async (kind: 'explain' | 'debug', files: MemoryFiles, snapshot: DocumentSnapshot, errorText?: string) => {
        const chat = await pool.forRole('chat');
        const prepared = await prepareCommand(
          { kind, snapshot, settings: COMMAND_SETTINGS, ...(errorText ? { errorText } : {}) },
          { files: guardFiles(files, IgnoreRules.defaults()), parsers, readPrompt, contextLength: chat.contextLength, maxTokens: chat.settings.maxTokens },
        );
        await drain(streamCommand(prepared, chat.backend, { model: chat.settings.model, maxTokens: chat.settings.maxTokens }));
      };
      for (const entry of CORPUS) {
        await run(provider, 'command target', entry.rule, () =>
          send('explain', new MemoryFiles({}), snapshotOf('src/app.ts', `export function connect() {\n${asComments(entry.context)}\n  return ${CURSOR}open();\n}\n`)),
        );
        await run(provider, 'command error text', entry.rule, () =>
          send('debug', new MemoryFiles({}), snapshotOf('src/app.ts', `export function connect() {\n  return ${CURSOR}open();\n}\n`), `Error: request failed\n${entry.context}\n    at connect (src/app.ts:2:10)`),
        );
        const files = new MemoryFiles({ 'src/settings.ts': `export function loadSettings(name: string): string {\n${asComments(entry.context)}\n  return name;\n}\n` });
        await run(provider, 'command imported file', entry.rule, () =>
          send('explain', files, snapshotOf('src/app.ts', `import { loadSettings } from './settings';\n\nexport function start() {\n  return ${CURSOR}loadSettings('prod');\n}\n`)),
        );
      }
    });

    it(`${provider}: chat — every secret in a question and in an attachment (ChatSession, real store)`, async () => {
      const config = configFor(server, provider);
      const pool = poolFor(config);
      const store = new ConversationStore(join(dir, provider));
      const session = new ChatSession({
        store,
        storageLabel: join(dir, provider),
        async model(signal) {
          const chat = await pool.forRole('chat', { signal });
          const { model, temperature, maxTokens } = chat.settings;
          return { model, contextLength: chat.contextLength, maxTokens, stream: (messages, s) => chat.backend.streamChat({ messages, model, temperature, maxTokens, signal: s, timeoutMs: config.requestTimeoutMs }) };
        },
        system: async () => 'You are Fathom, a careful coding assistant.',
      });
      for (const [i, entry] of CORPUS.entries()) {
        // A new conversation per case, so each request carries only this case's secret.
        await session.newChat();
        await run(provider, 'chat question', entry.rule, () => session.send(`Why does this fail?\n\n${entry.context}`));
        await session.newChat();
        session.attach({ id: `a${i}`, kind: 'file', label: `config-${i}.ts`, path: `src/config-${i}.ts`, languageId: 'typescript', text: entry.context });
        await run(provider, 'chat attachment', entry.rule, () => session.send('What does the attached file configure?'));
      }
      await store.flushed();
    });
  }

  it(`no request carried any of the ${CORPUS.length} corpus secrets, and every case reached the server redacted`, () => {
    assert.ok(CORPUS.length >= 30, `the corpus has ${CORPUS.length} formats (at least 30 expected)`);
    const leaks = results.flatMap((r) => r.requests.flatMap((q) => CORPUS.filter((c) => carries(q, c.secret)).map((c) => `${r.provider} ${r.place}: ${c.rule} (${q.endpoint})`)));
    assert.deepEqual(leaks, [], 'secrets found in recorded requests');
    const silent = results.filter((r) => r.requests.length === 0).map((r) => `${r.provider} ${r.place} ${r.rule}`);
    assert.deepEqual(silent, [], 'cases that sent no request (nothing was tested)');
    const unplaced = results.filter((r) => !r.requests.some(hasPlaceholder)).map((r) => `${r.provider} ${r.place} ${r.rule}`);
    assert.deepEqual(unplaced, [], 'cases whose request shows no redaction placeholder (the secret never reached the request)');
  });
});

function report(results: CaseResult[]): void {
  const places = [...new Set(results.map((r) => r.place))];
  const seenIn = (rs: CaseResult[]) => rs.reduce((n, r) => n + r.requests.reduce((m, q) => m + CORPUS.filter((c) => carries(q, c.secret)).length, 0), 0);
  const requests = (rs: CaseResult[]) => rs.reduce((n, r) => n + r.requests.length, 0);
  const rows = places.map((place) => {
    const rs = results.filter((r) => r.place === place);
    const placed = rs.filter((r) => r.requests.some(hasPlaceholder)).length;
    return { metric: `secrets seen: ${place} (${placed}/${rs.length} placed, ${requests(rs)} requests)`, value: seenIn(rs), unit: '', target: '= 0', pass: seenIn(rs) === 0 && placed === rs.length };
  });
  const placed = results.filter((r) => r.requests.some(hasPlaceholder)).length;
  const seen = seenIn(results);
  record(
    SECTIONS.secrets,
    [
      { metric: `corpus: formats (rules) / distinct secrets`, value: new Set(CORPUS.map((c) => c.rule)).size, unit: ` / ${DISTINCT_SECRETS}`, target: '>= 30', pass: new Set(CORPUS.map((c) => c.rule)).size >= 30 },
      { metric: `secrets placed (cases: ${places.length} places x ${CORPUS.length} x ${PROVIDERS.length} providers; redacted placeholder seen)`, value: placed, unit: ` / ${results.length}`, target: `= ${results.length}`, pass: placed === results.length && results.length > 0 },
      { metric: 'requests made (generation/chat routes)', value: requests(results), unit: '' },
      ...rows,
      { metric: 'secrets seen in recorded requests (all places, both providers)', value: seen, unit: '', target: '= 0', pass: seen === 0 && results.length > 0 },
    ],
    { secrets: { cases: results.length, placed, requests: requests(results), seen, byPlace: Object.fromEntries(places.map((p) => [p, results.filter((r) => r.place === p).length])) } },
  );
}
