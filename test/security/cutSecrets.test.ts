/**
 * Figure 5, secrets cut = 0. A secret that a cut splits reaches the redactor in halves and passes unseen:
 * a PEM private key made with node:crypto, a service-account JSON `private_key` with `\n` escapes and a long
 * token (a JWT) are placed across every cut the pipelines make before sending — the completion prompt's
 * window start and its suffix's end, a similar-code window and a definition shape from other files, a
 * command's selection edge and the part of a too-long target around the cursor, and the cut that fits an
 * oversized chat attachment — and sent through the real pipelines and BackendPool to the fake server, for
 * both providers. Every recorded request is searched for every 16-character fragment of the key material.
 *
 * Proof that each case really straddles a cut: the same document with the secret replaced by a harmless text
 * of the same shape (letters → x, digits → 7: the same token estimate and syntax) is run through the same
 * pipeline stage, and the position of its cut is read from what that stage built; the case is kept where
 * that cut falls well inside the secret. Where the cut is fixed by construction (a selection, a 20-line
 * similarity window) the layout says so.
 */
import * as assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ProviderKind } from '../../src/backends/types';
import type { Attachment, ChatTurn } from '../../src/chat/conversation';
import { buildChatMessages } from '../../src/chat/messages';
import { ChatSession } from '../../src/chat/session';
import { ConversationStore } from '../../src/chat/store';
import { prepareCommand } from '../../src/commands/prepare';
import { streamCommand } from '../../src/commands/run';
import { assemblePrompt } from '../../src/completion/prompt/assemble';
import { createCompleteOnce } from '../../src/completion/service';
import type { BuiltCompletionRequest } from '../../src/completion/prompt/build';
import type { DocumentSnapshot } from '../../src/workspace/document';
import type { FathomConfig } from '../../src/config/settings';
import { guardFiles } from '../../src/privacy/guardFiles';
import { IgnoreRules } from '../../src/privacy/ignoreRules';
import { DocumentTrees } from '../../src/syntax/documentTrees';
import { languageOfPath } from '../../src/syntax/languages';
import { Parsers } from '../../src/syntax/parsers';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fake-server';
import { devGrammar } from '../unit/syntax/grammars';
import { record, SECTIONS } from './figures';
import { carries, configFor, contentRequests, CURSOR, drain, hasPlaceholder, MemoryFiles, poolFor, snapshotOf } from './helpers';

const ROOT = resolve(__dirname, '../..');
const readPrompt = async (relPath: string) => (relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined);
const COMMAND_SETTINGS = { answerLanguage: 'en', audience: 'intermediate' as const, stepByStep: false };
const PROVIDERS: ProviderKind[] = ['ollama', 'openai'];
/** Small context windows, so the documents that overflow them stay small. */
const SETTINGS = { contextLength: 2048, 'chat.maxTokens': 256 };

const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey.trimEnd();
const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey.trimEnd();
const jsonKey = rsaPem.replace(/\n/g, '\\n') + '\\n';
const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: 'svc-billing', scope: 'invoices:write ledger:read payouts:write', tenant: 'acme-eu-west', iat: 1736935200, exp: 1768471200 }))}.${b64url(randomBytes(32))}`;

type SecretName = 'PEM key' | 'service-account JSON key' | 'JWT';
type Place = 'prompt window start' | 'suffix window end' | 'similar-code window' | 'definition snippet' | 'command selection edge' | 'command part around the cursor' | 'chat attachment cut';

/** Key material: every 16-character piece (stride 8) of the secret's lines, headers aside. */
function fragmentsOf(secret: string): string[] {
  const out = new Set<string>();
  for (const piece of secret.split(/\n|\\n/)) {
    if (piece.length < 16 || piece.includes('-----')) continue;
    for (let i = 0; i + 16 <= piece.length; i += 8) out.add(piece.slice(i, i + 16));
    out.add(piece.slice(-16));
  }
  return [...out];
}

/** The secret with its letters and digits replaced: the same token estimate and syntax, no secret. */
const shadowOf = (secret: string) => secret.split('\\n').map((p) => p.replace(/[A-Za-z]/g, 'x').replace(/[0-9]/g, '7')).join('\\n');

/** A layout's text without its cursor mark, and the cursor's offset (the end when there is none). */
function withoutCursor(marked: string): { text: string; offset: number } {
  const at = marked.indexOf(CURSOR);
  return at < 0 ? { text: marked, offset: marked.length } : { text: marked.replace(CURSOR, ''), offset: at };
}

/** Length of the longest common tail of `a` and `b`. */
function commonTail(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** The first fenced code block of a text (what prepareCommand / the chat put around code). */
function fencedCode(text: string): string {
  const m = /(`{3,})[^\n]*\n([\s\S]*?)\n\1/.exec(text);
  assert.ok(m, 'a fenced block');
  return m[2];
}

interface CaseResult {
  provider: ProviderKind;
  place: Place;
  secret: SecretName;
  /** Where the cut fell in the secret, 0..1 (from the shadow run or the layout). */
  at: number;
  requests: RecordedRequest[];
  leaked: number;
  placed: boolean;
}

describe('security 5: a cut never splits a secret (window, snippet, selection, attachment)', function () {
  this.timeout(180_000);
  const parsers = new Parsers(devGrammar);
  const trees = new DocumentTrees(parsers);
  const results: CaseResult[] = [];
  let server: FakeServer;
  let dir: string;
  let uri = 0;

  before(async () => {
    server = await startFakeServer();
    dir = await mkdtemp(join(tmpdir(), 'fathom-security-cut-'));
  });
  after(async () => {
    trees.dispose();
    parsers.dispose();
    await server.close();
    await rm(dir, { recursive: true, force: true });
    report(results);
  });

  const secrets: Record<SecretName, string> = { 'PEM key': rsaPem, 'service-account JSON key': jsonKey, JWT: jwt };

  async function run(provider: ProviderKind, place: Place, name: SecretName, secret: string, at: number, send: () => Promise<unknown>): Promise<void> {
    server.reset();
    await send();
    const requests = contentRequests(server).slice();
    const fragments = fragmentsOf(secret);
    const leaked = fragments.filter((f) => requests.some((r) => carries(r, f))).length;
    results.push({ provider, place, secret: name, at, requests, leaked, placed: requests.some(hasPlaceholder) });
  }

  /**
   * Among layouts `make(0..max)` (text with a █ where the cursor is, if any), the one whose cut — read from a
   * run of the pipeline stage on the shadow document — falls nearest the secret's middle, at least 8
   * characters inside it. `cutOf` gets the shadow text and the cursor and returns the cut offsets.
   */
  async function straddling(secret: string, max: number, make: (n: number, secret: string) => string, cutOf: (text: string, offset: number) => Promise<number[]>): Promise<{ n: number; at: number }> {
    let best: { n: number; at: number; distance: number } | undefined;
    for (let n = 0; n <= max; n++) {
      const { text, offset } = withoutCursor(make(n, secret));
      const start = text.indexOf(secret);
      // The name that makes a value a secret is renamed too (same length): the shadow must be harmless to the
      // rules that find a value by its name, or its cut would move as the real one does.
      const harmless = (part: string) => part.replace(/private_key/g, 'private_kay');
      const shadow = harmless(text.slice(0, start)) + shadowOf(secret) + harmless(text.slice(start + secret.length));
      for (const cut of await cutOf(shadow, offset)) {
        if (cut < start + 8 || cut > start + secret.length - 8) continue;
        const at = (cut - start) / secret.length;
        if (!best || Math.abs(at - 0.5) < best.distance) best = { n, at, distance: Math.abs(at - 0.5) };
      }
    }
    assert.ok(best, 'some layout puts the cut inside the secret');
    return best;
  }

  /** The configuration for a case: small windows, or the default 8K context where snippets need room. */
  let contextLength = SETTINGS.contextLength;
  const config = (provider: ProviderKind): FathomConfig => configFor(server, provider, { ...SETTINGS, contextLength });

  /** The completion prompt stage's result for a document (the snippets it chose, its prompt and suffix). */
  async function completionPrompt(path: string, text: string, offset: number, files: MemoryFiles): Promise<BuiltCompletionRequest> {
    const target = await poolFor(config('ollama')).forRole('completion');
    const snapshot: DocumentSnapshot = { uri: `file:///shadow/${uri++}/${path}`, path, languageId: languageOfPath(path) ?? 'plaintext', text, offset, version: 1 };
    return assemblePrompt(snapshot, { files: guardFiles(files, IgnoreRules.defaults()), parsers }, { model: target.settings.model, info: target.info, settings: target.settings, contextLength: target.contextLength });
  }

  /** Where the completion prompt stage cuts the document: the prefix's start and the suffix's end. */
  async function completionCuts(path: string, text: string, offset: number, files: MemoryFiles): Promise<number[]> {
    const built = await completionPrompt(path, text, offset, files);
    assert.equal(built.kind, 'fim');
    const request = built.request as { prompt: string; suffix?: string };
    return [offset - commonTail(request.prompt, text.slice(0, offset)), offset + (request.suffix ?? '').length];
  }

  async function complete(provider: ProviderKind, snapshot: DocumentSnapshot, files: MemoryFiles): Promise<void> {
    const c = config(provider);
    const pool = poolFor(c);
    await createCompleteOnce({
      target: (signal) => pool.forRole('completion', { signal }),
      getConfig: () => c,
      parsers,
      withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use),
      files: guardFiles(files, IgnoreRules.defaults()),
    })({ ...snapshot, uri: `file:///${provider}/${uri++}/${snapshot.path}` }, new AbortController().signal);
  }

  // ── The completion prompt's window: its start (prefix) and its end (suffix). ──
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `step ${i}: restart the billing worker and check the ledger totals`).join('\n');
  const intro = (n: number) => Array.from({ length: n }, (_, i) => `note ${i}: the worker reads its key from the block below`).join('\n');
  const pairs = (n: number) => Array.from({ length: n }, (_, i) => `"opt${i}":"val${i}",`).join('');
  const windowLayouts: { name: SecretName; path: string; max: number; prefix: (n: number, s: string) => string; suffix: (n: number, s: string) => string }[] = [
    // A key pasted into notes (no grammar: the cut may fall on any line), the cursor below it, then above it.
    // The prefix's start moves in steps of PREFIX_START_STEP_LINES lines: 20 lines above the key put a step inside it.
    { name: 'PEM key', path: 'docs/setup.txt', max: 160, prefix: (n, s) => `Setup notes\n${intro(20)}\n${s}\n${filler(n)}\nThen run the worker with ${CURSOR}`, suffix: (n, s) => `Then run the worker with ${CURSOR}\n${filler(n)}\n${s}\nend of notes\n` },
    // A minified config line longer than the whole prompt: the cut falls inside the line.
    { name: 'service-account JSON key', path: 'src/account.ts', max: 120, prefix: (n, s) => `export const account = {"type":"service_account","private_key":"${s}",${pairs(n * 4)}"client":"bot"}; export const ready = ${CURSOR}`, suffix: (n, s) => `export const account = {${CURSOR}${pairs(n)}"private_key":"${s}","type":"service_account",${pairs(200)}"client":"bot"};\n` },
    { name: 'JWT', path: 'src/session.ts', max: 120, prefix: (n, s) => `export const session = {"token":"${s}",${pairs(120 + n)}"client":"bot"}; export const ready = ${CURSOR}`, suffix: (n, s) => `export const session = {${CURSOR}${pairs(n)}"token":"${s}",${pairs(200)}"client":"bot"};\n` },
  ];

  for (const layout of windowLayouts) {
    it(`completion window: a ${layout.name} across the prompt's start and across the suffix's end`, async () => {
      const secret = secrets[layout.name];
      const files = new MemoryFiles({});
      const start = await straddling(secret, layout.max, layout.prefix, async (text, offset) => [(await completionCuts(layout.path, text, offset, files))[0]]);
      const end = await straddling(secret, layout.max, layout.suffix, async (text, offset) => [(await completionCuts(layout.path, text, offset, files))[1]]);
      for (const provider of PROVIDERS) {
        await run(provider, 'prompt window start', layout.name, secret, start.at, () => complete(provider, snapshotOf(layout.path, layout.prefix(start.n, secret)), files));
        await run(provider, 'suffix window end', layout.name, secret, end.at, () => complete(provider, snapshotOf(layout.path, layout.suffix(end.n, secret)), files));
      }
    });
  }

  // ── Snippets from other files: a similar-code window and a definition's shape. ──
  it("snippets: a PEM key across a 20-line similar-code window and across a long constant's shape", async () => {
    const vocabulary = ['invoiceLedger', 'ledgerTotals', 'payoutBatch', 'settleInvoices', 'billingWorker', 'reconcileLedger', 'ledgerStore', 'invoiceQueue', 'payoutWindow', 'billingCycle'];
    const code = vocabulary.map((w, i) => `export const ${w}Step${i} = ${vocabulary[(i + 1) % 10]}(${vocabulary[(i + 2) % 10]}, ${vocabulary[(i + 3) % 10]});`);
    // Lines 0-17 share the cursor's vocabulary; the key starts on line 18, so the window of lines 1-20 holds its first lines only.
    const legacy = (key: string) => ['export const zebraLedgerMarker = 1;', ...code, ...code.slice(0, 7), 'export const legacyKey = `' + key.split('\n')[0], ...key.split('\n').slice(1), '`;', 'export const unrelated = 42;'].join('\n');
    const current = `${code.join('\n')}\nexport function run() {\n  return ${CURSOR}\n}\n`;
    // A settings object: its summary shows each member's first lines, so the key member is cut after two.
    const fields = (from: number, n: number) => Array.from({ length: n }, (_, i) => `  option${from + i}: 'value-${from + i}',`).join('\n');
    const signing = (key: string) => `export const SIGNING = {\n${fields(0, 3)}\n  key: \`${key}\`,\n${fields(3, 80)}\n};\n\nexport function keyId(): string {\n  return 'k1';\n}\n`;
    const signer = `import { SIGNING } from './signing';\n\nexport function sign(data: string) {\n  return hmac(SIGNING.key, ${CURSOR}\n}\n`;

    // The shadow runs: how many of the key's lines the snippet would carry without the safe cut (some, not all).
    const shareOf = async (path: string, file: string, key: string, doc: string, recent: string[]) => {
      const shadowKey = shadowOf(key);
      const { text, offset } = withoutCursor(doc);
      const built = await completionPrompt('src/app.ts', text, offset, new MemoryFiles({ [path]: file.replace(key, shadowKey) }, recent));
      const keyLines = shadowKey.split('\n');
      const carried = Math.max(0, ...built.snippets.filter((sn) => sn.path === path).map((sn) => keyLines.filter((line) => sn.text.includes(line)).length));
      assert.ok(carried > 0 && carried < keyLines.length, `${path}: a snippet carries ${carried} of the key's ${keyLines.length} lines`);
      return carried / keyLines.length;
    };
    // The definition: a small context, where the whole object does not fit the snippets' share and its
    // summary does. The window: the default 8K context, whose snippets' share holds 20 lines.
    const definitionAt = await shareOf('src/signing.ts', signing(ecPem), ecPem, signer, []);
    for (const provider of PROVIDERS) {
      await run(provider, 'definition snippet', 'PEM key', ecPem, definitionAt, async () => {
        await complete(provider, snapshotOf('src/app.ts', signer), new MemoryFiles({ 'src/signing.ts': signing(ecPem) }));
        assert.ok(contentRequests(server).some((r) => carries(r, 'src/signing.ts')), 'the definition reached the prompt');
      });
    }
    contextLength = 8192;
    try {
      const similarAt = await shareOf('src/legacy.ts', legacy(ecPem), ecPem, current, ['src/legacy.ts']);
      for (const provider of PROVIDERS) {
        await run(provider, 'similar-code window', 'PEM key', ecPem, similarAt, async () => {
          await complete(provider, snapshotOf('src/app.ts', current), new MemoryFiles({ 'src/legacy.ts': legacy(ecPem) }, ['src/legacy.ts']));
          assert.ok(contentRequests(server).some((r) => carries(r, 'zebraLedgerMarker')), 'the window reached the prompt');
        });
      }
    } finally {
      contextLength = SETTINGS.contextLength;
    }
  });

  // ── Commands: a selection edge, and the part of a too-long target around the cursor. ──
  async function command(provider: ProviderKind, snapshot: DocumentSnapshot, selection?: { start: number; end: number }): Promise<void> {
    const pool = poolFor(config(provider));
    const chat = await pool.forRole('chat');
    const prepared = await prepareCommand(
      { kind: 'explain', snapshot, settings: COMMAND_SETTINGS, ...(selection ? { selection } : {}) },
      { files: guardFiles(new MemoryFiles({}), IgnoreRules.defaults()), parsers, readPrompt, contextLength: chat.contextLength, maxTokens: chat.settings.maxTokens },
    );
    await drain(streamCommand(prepared, chat.backend, { model: chat.settings.model, maxTokens: chat.settings.maxTokens }));
  }

  it('commands: a selection that starts or ends inside a secret', async () => {
    const text = `export const tls = \`${rsaPem}\`;\nexport const account = {"private_key":"${jsonKey}","type":"service_account"};\nexport const session = "${jwt}";\nexport function use() {\n  return [tls, account, session];\n}\n`;
    const snapshot = snapshotOf('src/config.ts', text.replace('export function use', `${CURSOR}export function use`));
    const cases: [SecretName, string, { start: number; end: number }][] = [
      ['PEM key', rsaPem, { start: text.indexOf(rsaPem) + Math.floor(rsaPem.length / 2), end: text.indexOf('export function use') }],
      ['service-account JSON key', jsonKey, { start: text.indexOf('export const account'), end: text.indexOf(jsonKey) + Math.floor(jsonKey.length / 2) }],
      ['JWT', jwt, { start: text.indexOf(jwt) + Math.floor(jwt.length / 2), end: text.length }],
    ];
    for (const provider of PROVIDERS) {
      for (const [name, secret, selection] of cases) {
        const inside = selection.start > text.indexOf(secret) ? selection.start : selection.end;
        await run(provider, 'command selection edge', name, secret, (inside - text.indexOf(secret)) / secret.length, () => command(provider, snapshot, selection));
      }
    }
  });

  it('commands: the part around the cursor of a target longer than the budget', async () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const total${i} = ledger.sum(${i}) + payouts.window(${i});`).join('\n');
    const layouts: { name: SecretName; max: number; make: (n: number, s: string) => string }[] = [
      // A function holding a key: the lines around the cursor grow outward and stop inside it.
      { name: 'PEM key', max: 60, make: (n, s) => `export function settle(ledger: Ledger, payouts: Payouts) {\n${body(40)}\n  const key = \`${s}\`;\n${body(n)}\n  return ${CURSOR}key;\n${body(80)}\n}\n` },
      // One line longer than the budget: the characters around the cursor, cut inside the token.
      { name: 'JWT', max: 80, make: (n, s) => `export function settle() {\n  const config = {"token":"${s}",${pairs(n)}${CURSOR}"cursor":1,${pairs(400)}"end":0};\n}\n` },
    ];
    for (const layout of layouts) {
      const secret = secrets[layout.name];
      const pool = poolFor(config('ollama'));
      const chat = await pool.forRole('chat');
      const found = await straddling(secret, layout.max, layout.make, async (text, offset) => {
        const prepared = await prepareCommand(
          { kind: 'explain', snapshot: { uri: 'file:///shadow.ts', path: 'src/settle.ts', languageId: 'typescript', text, offset, version: 1 }, settings: COMMAND_SETTINGS },
          { files: new MemoryFiles({}), parsers, readPrompt, contextLength: chat.contextLength, maxTokens: chat.settings.maxTokens },
        );
        assert.equal(prepared.parts.find((p) => p.name === 'target')?.trimmed, true, 'the target is trimmed');
        const code = fencedCode(prepared.messages.at(-1)!.content);
        const start = text.indexOf(code);
        return start < 0 ? [] : [start, start + code.length];
      });
      for (const provider of PROVIDERS) {
        const { text, offset } = withoutCursor(layout.make(found.n, secret));
        await run(provider, 'command part around the cursor', layout.name, secret, found.at, () => command(provider, { uri: `file:///${uri++}/settle.ts`, path: 'src/settle.ts', languageId: 'typescript', text, offset, version: 1 }));
      }
    }
  });

  // ── Chat: an attachment too large for the context, cut after its start. ──
  it('chat: an attachment cut to fit the context, with a PEM key where the cut falls', async () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `  worker.schedule("ledger-${i}", every(${i} * MINUTE));`).join('\n');
    const make = (n: number, s: string) => `export function schedule(worker: Worker) {\n${lines(n)}\n  worker.sign(\`${s}\`);\n${lines(120)}\n}\n`;
    const attachment = (text: string): Attachment => ({ id: 'a1', kind: 'file', label: 'schedule.ts', path: 'src/schedule.ts', languageId: 'typescript', text });
    const chatConfig = config('ollama');
    const { contextLength, settings } = await poolFor(chatConfig).forRole('chat');
    const system = 'You are Fathom, a careful coding assistant.';
    const found = await straddling(rsaPem, 120, make, async (text) => {
      const question: ChatTurn = { id: 'q', role: 'user', text: 'What does this schedule?', at: 0, attachments: [attachment(text)] };
      const built = buildChatMessages(system, [question], { contextLength, maxTokens: settings.maxTokens });
      if (built.truncatedAttachments.length === 0) return [];
      return [fencedCode(built.messages.at(-1)!.content).replace(/\n… \(cut here[^)]*\)$/, '').length];
    });
    const text = make(found.n, rsaPem);
    for (const provider of PROVIDERS) {
      const c = config(provider);
      const pool = poolFor(c);
      const session = new ChatSession({
        store: new ConversationStore(join(dir, provider)),
        storageLabel: dir,
        async model(signal) {
          const chat = await pool.forRole('chat', { signal });
          const { model, maxTokens } = chat.settings;
          return { model, contextLength: chat.contextLength, maxTokens, stream: (messages, s, redaction) => chat.backend.streamChat({ messages, model, maxTokens, signal: s, redaction }) };
        },
        system: async () => system,
      });
      session.attach(attachment(text));
      await run(provider, 'chat attachment cut', 'PEM key', rsaPem, found.at, async () => {
        await session.send('What does this schedule?');
        assert.match(session.state().notice ?? '', /cut short/, 'the attachment was cut');
      });
    }
  });

  it('no request carried key material from a secret a cut went through', () => {
    const leaks = results.filter((r) => r.leaked > 0).map((r) => `${r.provider} ${r.place} ${r.secret}: ${r.leaked} fragments`);
    assert.deepEqual(leaks, []);
    const silent = results.filter((r) => r.requests.length === 0).map((r) => `${r.provider} ${r.place} ${r.secret}`);
    assert.deepEqual(silent, [], 'cases that sent no request (nothing was tested)');
    assert.ok(results.length >= 28, `${results.length} cases`);
  });
});

function report(results: CaseResult[]): void {
  const places = [...new Set(results.map((r) => r.place))];
  const leaked = results.reduce((n, r) => n + r.leaked, 0);
  const requests = results.reduce((n, r) => n + r.requests.length, 0);
  const placed = results.filter((r) => r.placed).length;
  record(
    SECTIONS.cutSecrets,
    [
      { metric: `cases: ${places.length} cut points x secrets (PEM, service-account JSON, JWT) x ${PROVIDERS.length} providers`, value: results.length, unit: ' cases', target: '>= 28', pass: results.length >= 28 },
      { metric: 'requests made (generation/chat routes)', value: requests, unit: '' },
      { metric: 'cases whose secret reached the request whole, as a placeholder', value: placed, unit: ` / ${results.length}` },
      ...places.map((place) => {
        const rs = results.filter((r) => r.place === place);
        const seen = rs.reduce((n, r) => n + r.leaked, 0);
        return { metric: `key fragments seen: ${place} (${rs.length} cases)`, value: seen, unit: '', target: '= 0', pass: seen === 0 && rs.length > 0 };
      }),
      { metric: 'secrets seen (key fragments in any request, all cut points)', value: leaked, unit: '', target: '= 0', pass: leaked === 0 && results.length > 0 },
    ],
    { cutSecrets: results.map((r) => ({ provider: r.provider, place: r.place, secret: r.secret, cutAt: Number(r.at.toFixed(2)), requests: r.requests.length, leaked: r.leaked, placed: r.placed })) },
  );
}
