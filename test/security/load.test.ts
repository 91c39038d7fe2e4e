/**
 * Figure 4, load. (a) 1,000 keystrokes typed in a burst into one document through the real CompletionScheduler
 * and completion service (BackendPool, syntax trees, context, prompt, engine) against the fake server, which
 * streams slowly (5 ms per piece), so typing keeps making requests stale: the server must never see more than
 * one completion request open at once. (b) 100 chat messages in a row through a ChatSession with the real
 * store in a temporary folder. Afterwards: no socket left open (server side and client side, after the
 * keep-alive idle time has run out), the process's active resources and timers back to what they were
 * before, and the heap after a forced GC within 20 MB of where it started.
 *
 * Requests open at the server are followed at the HTTP server itself (diagnostics_channel: every request's
 * arrival, and its response's end or the client closing it), and cross-checked with the fake server's own
 * count. Nothing here asserts a duration: waits are bounded polls for a state.
 */
import * as assert from 'node:assert/strict';
import dc from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ChatSession } from '../../src/chat/session';
import { ConversationStore } from '../../src/chat/store';
import { CompletionScheduler } from '../../src/completion/scheduling/scheduler';
import { createCompleteOnce } from '../../src/completion/service';
import type { DocumentSnapshot } from '../../src/workspace/document';
import { guardFiles } from '../../src/privacy/guardFiles';
import { IgnoreRules } from '../../src/privacy/ignoreRules';
import { DocumentTrees } from '../../src/syntax/documentTrees';
import { Parsers } from '../../src/syntax/parsers';
import { chunkText, startFakeServer, type FakeServer } from '../fake-server';
import { devGrammar } from '../unit/syntax/grammars';
import { record, SECTIONS } from './figures';
import { configFor, MemoryFiles, poolFor } from './helpers';

const KEYSTROKES = 1000;
const CHAT_MESSAGES = 100;
const HEAP_LIMIT_MB = 20;
/** Every this many keystrokes the typist pauses, long enough for a debounced request to start (the burst then makes it stale). */
const PAUSE_EVERY = 40;
const PAUSE_MS = 150;
const BACKSPACE_EVERY = 10;
/** Every this many keystrokes the user asks explicitly (Alt+\\: no debounce, a request at once). */
const MANUAL_EVERY = 20;
/** Longest wait for idle keep-alive connections to close on their own (Node's server closes them after 5 s idle). */
const SETTLE_CAP_MS = 12_000;
const COMPLETION_PATHS = new Set(['/api/generate', '/v1/completions']);
const CHAT_PATHS = new Set(['/api/chat', '/v1/chat/completions']);

/** The model's answer to every completion: one long line, streamed at 5 ms a piece, so typing overtakes it. */
const ANSWER = 'items.filter((item) => item.quantity > 0).map((item) => item.quantity * (item.price ?? 0)).reduce((a, b) => a + b, 0);\n  return sum;\n';

/** What is typed: real-looking code, line after line, until 1,000 keystrokes. */
const SOURCE = `export function total(items: Item[]): number {
  let sum = 0;
  for (const item of items) {
    if (item.quantity > 0 && item.price !== undefined) {
      sum += item.quantity * item.price;
    }
  }
  return Math.round(sum * 100) / 100;
}

export interface Item {
  name: string;
  quantity: number;
  price?: number;
}
`;

/** Follows the fake server's sockets and open requests from the HTTP server's side, without touching it. */
class ServerWatch {
  readonly serverSockets = new Set<Socket>();
  readonly clientSockets = new Set<Socket>();
  open = { completion: 0, chat: 0 };
  peak = { completion: 0, chat: 0 };
  private readonly onServerSocket = (message: unknown) => this.track(this.serverSockets, (message as { socket: Socket }).socket);
  private readonly onClientSocket = (message: unknown) => this.track(this.clientSockets, (message as { socket: Socket }).socket);
  private readonly onRequest = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const kind = COMPLETION_PATHS.has(path) ? 'completion' : CHAT_PATHS.has(path) ? 'chat' : undefined;
    if (!kind) return;
    this.open[kind]++;
    this.peak[kind] = Math.max(this.peak[kind], this.open[kind]);
    // 'close' comes both when the response ended and when the client closed the connection first.
    response.once('close', () => this.open[kind]--);
  };

  constructor() {
    dc.subscribe('net.server.socket', this.onServerSocket);
    dc.subscribe('net.client.socket', this.onClientSocket);
    dc.subscribe('http.server.request.start', this.onRequest);
  }

  resetPeaks(): void {
    this.peak = { ...this.open };
  }

  dispose(): void {
    dc.unsubscribe('net.server.socket', this.onServerSocket);
    dc.unsubscribe('net.client.socket', this.onClientSocket);
    dc.unsubscribe('http.server.request.start', this.onRequest);
  }

  private track(set: Set<Socket>, socket: Socket): void {
    set.add(socket);
    socket.once('close', () => set.delete(socket));
  }
}

/** The process's active resources by type (what keeps the event loop alive). */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** Resource types with more entries now than at the baseline (the fake server's listen handle aside). */
function extraResources(baseline: Record<string, number>): Record<string, number> {
  const now = resources();
  const extra: Record<string, number> = {};
  for (const [type, count] of Object.entries(now)) {
    const over = count - (baseline[type] ?? 0) - (type === 'TCPServerWrap' ? 1 : 0);
    if (over > 0) extra[type] = over;
  }
  return extra;
}

/** Answers in the session's conversation that arrived whole (no error, not stopped). */
const answers = (session: ChatSession) => session.state().conversation.turns.filter((t) => t.role === 'assistant' && t.text && !t.error && !t.stopped).length;
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The V8 collector (mocha runs with --expose-gc; otherwise reached through a V8 flag). */
function exposeGc(): () => void {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function heapAfterGc(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

describe('security 4: load — a keystroke burst and a long chat leave nothing behind', function () {
  this.timeout(120_000);

  it(`${KEYSTROKES} keystrokes keep one completion request open at most; ${CHAT_MESSAGES} chat messages; no leaked sockets, timers or heap`, async () => {
    const gc = exposeGc();
    const watch = new ServerWatch();
    const dir = await mkdtemp(join(tmpdir(), 'fathom-security-load-'));
    await sleep(50);
    const baseline = resources();
    const parsers = new Parsers(devGrammar);
    const trees = new DocumentTrees(parsers);
    let server: FakeServer | undefined;
    const figures: Record<string, unknown> = {};
    try {
      server = await startFakeServer();
      const fake = server;
      // Completions stream slowly, so the burst overtakes them; chat answers come at once.
      fake.reply((r) => (r.endpoint === 'ollama.generate' || r.endpoint === 'openai.completions' ? { chunks: chunkText(ANSWER), tokenMs: 5 } : undefined));
      const config = configFor(fake, 'ollama', { 'chat.provider': 'openai' });
      const pool = poolFor(config);
      const complete = createCompleteOnce({
        target: (signal) => pool.forRole('completion', { signal }),
        getConfig: () => config,
        parsers,
        withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use),
        files: guardFiles(new MemoryFiles({ 'src/item.ts': 'export interface Item {\n  name: string;\n}\n' }), IgnoreRules.defaults()),
      });
      const scheduler = new CompletionScheduler({ complete });
      const store = new ConversationStore(join(dir, 'chat'));
      const session = new ChatSession({
        store,
        storageLabel: join(dir, 'chat'),
        async model(signal) {
          const chat = await pool.forRole('chat', { signal });
          const { model, temperature, maxTokens } = chat.settings;
          return { model, contextLength: chat.contextLength, maxTokens, stream: (messages, s) => chat.backend.streamChat({ messages, model, temperature, maxTokens, signal: s, timeoutMs: config.requestTimeoutMs }) };
        },
        system: async () => 'You are Fathom, a careful coding assistant.',
      });

      // Warm-up: model info cached, modules and grammars loaded, so the heap's start is the steady state.
      const uri = 'file:///load/src/cart.ts';
      const snap = (text: string, version: number): DocumentSnapshot => ({ uri, path: 'src/cart.ts', languageId: 'typescript', text, offset: text.length, version });
      await scheduler.provide(snap('const x = ', 1), { trigger: 'manual' });
      await session.send('Warm-up question.');
      await store.flushed();
      const answeredBefore = answers(session);
      const heapStart = await heapAfterGc(gc);
      fake.reset();
      fake.reply((r) => (r.endpoint === 'ollama.generate' ? { chunks: chunkText(ANSWER), tokenMs: 5 } : undefined));
      watch.resetPeaks();

      // (a) The burst: each keystroke asks the scheduler, and cancels the previous ask, as the editor does.
      // First with the editor's rhythm (automatic triggers, debounced), then with Alt+\\ on every keystroke
      // (manual: no debounce, the most requests the scheduler can be pushed to make).
      let text = '';
      let typed = 0;
      let version = 2;
      const burst = async (triggerOf: (k: number) => 'manual' | 'automatic', pauses: boolean) => {
        const before = fake.requests.filter((r) => r.endpoint === 'ollama.generate').length;
        const asks: Promise<unknown>[] = [];
        let previous: AbortController | undefined;
        for (let k = 0; k < KEYSTROKES; k++) {
          // Every tenth keystroke is a Backspace (the next one types the character again), among them the first
          // after each pause: a keystroke the request in flight cannot have predicted, so it goes stale and is aborted.
          if (k % BACKSPACE_EVERY === 0 && typed > 0) {
            text = text.slice(0, -1);
            typed--;
          } else {
            text += SOURCE[typed % SOURCE.length];
            typed++;
          }
          previous?.abort();
          const controller = new AbortController();
          previous = controller;
          asks.push(scheduler.provide(snap(text, version++), { trigger: triggerOf(k), signal: controller.signal }));
          await sleep(pauses && k % PAUSE_EVERY === PAUSE_EVERY - 1 ? PAUSE_MS : 1);
        }
        await Promise.all(asks);
        await fake.waitFor(() => fake.inFlight === 0, 10_000, 'the last completion stream to end');
        const requests = fake.requests.filter((r) => r.endpoint === 'ollama.generate').slice(before);
        return { requests: requests.length, closedByClient: requests.filter((r) => r.closedByClient).length };
      };
      const rhythm = await burst((k) => (k % MANUAL_EVERY === 5 ? 'manual' : 'automatic'), true);
      const rhythmStats = scheduler.stats();
      const manual = await burst(() => 'manual', false);
      const stats = scheduler.stats();
      scheduler.dispose();
      const completionRequests = fake.requests.filter((r) => r.endpoint === 'ollama.generate');
      const peakCompletion = Math.max(watch.peak.completion, fake.peakInFlight);
      const manualAborted = stats.aborted - rhythmStats.aborted;
      figures.burst = { rhythm, manual, peakAtServer: watch.peak.completion, fakePeakInFlight: fake.peakInFlight, scheduler: stats };

      // (b) 100 chat messages in a row, each answered before the next is sent.
      fake.reset();
      watch.resetPeaks();
      for (let i = 0; i < CHAT_MESSAGES; i++) await session.send(`Question ${i + 1}: what does total() return for an empty list?`);
      await store.flushed();
      const chatRequests = fake.requests.filter((r) => r.endpoint === 'openai.chat');
      const answered = answers(session) - answeredBefore;
      figures.chat = { requests: chatRequests.length, answered, peakAtServer: watch.peak.chat };

      // Settle: idle keep-alive connections close on their own; poll for it (bounded), never sleep a fixed time.
      const settleStart = Date.now();
      while ((watch.serverSockets.size > 0 || watch.clientSockets.size > 0 || total(extraResources(baseline)) > 0) && Date.now() - settleStart < SETTLE_CAP_MS) await sleep(100);
      const settledMs = Date.now() - settleStart;
      const serverSocketsOpen = watch.serverSockets.size;
      const clientSocketsOpen = watch.clientSockets.size;
      const extra = extraResources(baseline);
      const heapEnd = await heapAfterGc(gc);
      const timersExtra = extra.Timeout ?? 0;
      Object.assign(figures, { serverSocketsOpen, clientSocketsOpen, extraResources: extra, baseline, settledMs, heapStart, heapEnd });

      const growth = mb(heapEnd - heapStart);
      record(
        SECTIONS.load,
        [
          { metric: `keystroke burst, editor rhythm: ${KEYSTROKES} keystrokes 1 ms apart (every ${BACKSPACE_EVERY}th a Backspace, every ${MANUAL_EVERY}th manual, ${PAUSE_MS} ms pause every ${PAUSE_EVERY}): requests / aborted`, value: rhythm.requests, unit: ` / ${rhythmStats.aborted}` },
          { metric: `keystroke burst, Alt+\\ on each of ${KEYSTROKES} keystrokes 1 ms apart: requests / aborted`, value: manual.requests, unit: ` / ${manualAborted}` },
          { metric: 'keystroke bursts: peak completion requests open at the server at once', value: peakCompletion, unit: '', target: '<= 1', pass: peakCompletion <= 1 && completionRequests.length > 0 },
          { metric: 'keystroke bursts: scheduler peak in flight per document', value: stats.peakInFlightPerDocument, unit: '', target: '<= 1', pass: stats.peakInFlightPerDocument <= 1 },
          { metric: `chat: messages sent / answered (ChatSession, real store, openai protocol)`, value: chatRequests.length, unit: ` / ${answered}`, target: `= ${CHAT_MESSAGES}`, pass: chatRequests.length === CHAT_MESSAGES && answered === CHAT_MESSAGES },
          { metric: 'chat: peak chat requests open at the server at once', value: watch.peak.chat, unit: '', target: '<= 1', pass: watch.peak.chat <= 1 },
          { metric: `sockets open after settling (server side / client side; settled in ${settledMs} ms)`, value: serverSocketsOpen, unit: ` / ${clientSocketsOpen}`, target: '= 0 / 0', pass: serverSocketsOpen === 0 && clientSocketsOpen === 0 },
          { metric: `active resources over the baseline (listen handle aside)${total(extra) ? `: ${JSON.stringify(extra)}` : ''}`, value: total(extra), unit: '', target: '= 0', pass: total(extra) === 0 },
          { metric: 'timers (Timeout) over the baseline', value: timersExtra, unit: '', target: '= 0', pass: timersExtra === 0 },
          { metric: `heap after forced GC: start -> end (${mb(heapStart)} MB -> ${mb(heapEnd)} MB)`, value: growth, unit: ' MB', target: `<= +${HEAP_LIMIT_MB} MB`, pass: growth <= HEAP_LIMIT_MB },
        ],
        { load: figures },
      );

      assert.ok(completionRequests.length > 0, 'the burst made no completion request at all');
      assert.ok(peakCompletion <= 1, `${peakCompletion} completion requests were open at once at the server`);
      assert.equal(stats.peakInFlightPerDocument, 1);
      assert.equal(chatRequests.length, CHAT_MESSAGES);
      assert.equal(answered, CHAT_MESSAGES, 'questions answered');
      assert.equal(serverSocketsOpen, 0, 'server-side sockets still open');
      assert.equal(clientSocketsOpen, 0, 'client-side sockets still open');
      assert.deepEqual(extra, {}, 'active resources over the baseline');
      assert.ok(growth <= HEAP_LIMIT_MB, `the heap grew by ${growth} MB`);
    } finally {
      watch.dispose();
      trees.dispose();
      parsers.dispose();
      await server?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
