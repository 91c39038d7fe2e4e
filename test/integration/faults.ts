/**
 * The fault matrix shared by faults-completion, faults-commands, faults-chat and faults-doctor: every way a backend can
 * fail (and two ways it must not), for both providers, against the fake server over real HTTP. A case puts
 * its fault in place for the next generation request (or for every request, through a setting), says what
 * the user must read, and takes the fault away again for the recovery half of the test.
 *
 * Test titles are `fault matrix: <path> <case> (<provider>)`: scripts/run-integration.mjs counts them into
 * test-results/fault-matrix.json.
 */
import * as assert from 'node:assert/strict';
import type { BackendErrorKind } from '../../src/backends/errors';
import type { FakeServer, RecordedRequest } from '../fake-server';
import { GENERATION_ENDPOINTS } from '../fake-server/types';
import { closedPortUrl } from '../harness/ports';
import { setSetting } from './helpers';
import { unhandledRejections } from './rejections';

export type FaultPath = 'completion' | 'commands' | 'chat' | 'doctor';
export type Provider = 'ollama' | 'openai';
export const PROVIDERS: readonly Provider[] = ['ollama', 'openai'];

/** The shortest time limit the settings allow: a stalled server costs the test one second. */
export const TIMEOUT_MS = 1000;
export const MISSING_MODEL = 'no-such-model:1b';
const COMPLETION_MODEL = 'qwen2.5-coder:1.5b';
const CHAT_MODEL = 'qwen2.5-coder:7b';

export interface FaultContext {
  server: FakeServer;
  provider: Provider;
  path: FaultPath;
}

export interface FaultCase {
  name: string;
  /** Puts the fault in place. */
  arrange(f: FaultContext): Promise<void> | void;
  /** Takes it away (queued replies are used up by themselves). */
  remove?(f: FaultContext): Promise<void> | void;
  /** The BackendError kind the user is told about; undefined: the request must succeed. */
  kind?: BackendErrorKind;
  /** What the message says: what happened and what to do. */
  message?: RegExp | Partial<Record<FaultPath, RegExp>>;
  /** The generation stream must have been closed by Fathom (a time limit or a size cap stopped it). */
  closesStream?: boolean;
}

/** The Fathom settings that point both roles at the fake server through `provider`. */
export async function useProvider({ server, provider }: FaultContext): Promise<void> {
  await setSetting('completion.provider', provider);
  await setSetting('chat.provider', provider);
  await setSetting('requestTimeoutMs', TIMEOUT_MS);
  if (provider === 'openai') {
    await setSetting('openai.baseUrl', `${server.url}/v1`);
    // The fake's code models fill in the middle on /v1/completions too (the doctor checks that).
    await setSetting('openai.fim', true);
  }
}

async function pointAt(f: FaultContext, url: string): Promise<void> {
  await setSetting(`${f.provider}.baseUrl`, f.provider === 'openai' ? `${url}/v1` : url);
}

const once = (f: FaultContext, reply: Parameters<FakeServer['replyOnce']>[0]) => f.server.replyOnce(reply);

export const FAULT_CASES: readonly FaultCase[] = [
  {
    name: 'server down (connection refused)',
    arrange: async (f) => {
      // A refused connection must read as unreachable, not lose a race with a short time limit on a busy machine.
      await setSetting('requestTimeoutMs', 10_000);
      await pointAt(f, await closedPortUrl());
    },
    remove: (f) => pointAt(f, f.server.url),
    kind: 'unreachable',
    message: /is not reachable at http:\/\/127\.0\.0\.1:\d+.*(Start it with "ollama serve"|Check that it is running)/,
  },
  {
    name: '401 unauthorized',
    arrange: (f) => once(f, { status: 401 }),
    kind: 'unauthorized',
    message: /refused the API key \(HTTP 401\)\. Run "Fathom: Set API Key"/,
  },
  {
    name: '403 forbidden',
    arrange: (f) => once(f, { status: 403 }),
    kind: 'unauthorized',
    message: /refused the API key \(HTTP 403\)\. Run "Fathom: Set API Key"/,
  },
  {
    name: '404 model missing',
    arrange: async () => {
      await setSetting('completion.model', MISSING_MODEL);
      await setSetting('chat.model', MISSING_MODEL);
    },
    remove: async () => {
      await setSetting('completion.model', COMPLETION_MODEL);
      await setSetting('chat.model', CHAT_MODEL);
    },
    kind: 'modelMissing',
    message: new RegExp(`does not (have|serve) the model "${MISSING_MODEL}"\\. (Pull it with "ollama pull ${MISSING_MODEL}"|Pick one it lists)`),
  },
  {
    name: '429 rate limited with Retry-After',
    arrange: (f) => once(f, { status: 429, retryAfterSeconds: 3 }),
    kind: 'rateLimited',
    message: {
      completion: /Fathom: rate limited — retrying in 3 s \(completions pause until then\)\. .*\(HTTP 429\)/,
      commands: /is rate limiting requests \(HTTP 429\)\. Retry in 3 s\./,
      chat: /is rate limiting requests \(HTTP 429\)\. Retry in 3 s\./,
      doctor: /is rate limiting requests \(HTTP 429\)\. Retry in 3 s\./,
    },
  },
  {
    name: '500 server error',
    arrange: (f) => once(f, { status: 500, message: 'CUDA error: out of memory' }),
    kind: 'badResponse',
    message: /sent an answer Fathom could not use \(HTTP 500\)\. Check the server's log.*CUDA error: out of memory/,
  },
  {
    name: 'connection dropped mid-stream',
    arrange: (f) => once(f, { chunks: ['partial', ' answer', ' that', ' never', ' ends'], fault: 'drop', afterChunks: 2 }),
    kind: 'badResponse',
    message: /was lost in the middle of the answer\. Check that it is still running, then try again/,
  },
  {
    name: 'malformed chunk',
    arrange: (f) => once(f, { chunks: ['partial', ' answer', ' that', ' never', ' ends'], fault: 'malformed', afterChunks: 2 }),
    kind: 'badResponse',
    message: /sent an answer Fathom could not use.*Check the server's log/,
  },
  {
    name: 'stall with no bytes (timeout)',
    arrange: (f) => once(f, { fault: 'stall' }),
    kind: 'timeout',
    message: /did not answer in time\. .*raise "fathom\.requestTimeoutMs"/,
    closesStream: true,
  },
  {
    name: 'slow drip (succeeds)',
    // Each pause is shorter than the time limit, the whole answer much longer: it must not time out.
    arrange: (f) => once(f, { chunks: f.path === 'completion' ? SLOW_LINE : SLOW_CHUNKS, firstTokenMs: 300, tokenMs: 300 }),
  },
  {
    name: 'endless answer (size cap)',
    arrange: (f) => once(f, { chunks: ['x'.repeat(200)], endless: true, tokenMs: 1 }),
    kind: 'tooLong',
    message: /kept answering past \d+ characters, .*cut the answer off and did not use it\. Check that the server honours the token limit/,
    closesStream: true,
  },
];

/** A slow answer for the commands and the doctor: a code block (Refactor applies it, Explain shows it). */
export const SLOW_CHUNKS = ['```ts\n', '  add(a: number, b: number): number {\n', '    return a + b;\n', '  }\n', '```\n'];
/** A slow completion: one line, no line break, so it is read to its end (about 1.8 s). */
export const SLOW_LINE = ['items', '.filter', '(Boolean)', '.length', ';'];

export function messageFor(c: FaultCase, path: FaultPath): RegExp {
  if (!c.message) throw new Error(`${c.name} has no message`);
  if (c.message instanceof RegExp) return c.message;
  const forPath = c.message[path];
  if (!forPath) throw new Error(`${c.name} has no message for ${path}`);
  return forPath;
}

export function faultTitle(c: FaultCase, provider: Provider): string {
  return `${c.name} (${provider})`;
}

/** The fault matrix's describe title for a path (the runner counts its tests). */
export const matrixTitle = (path: FaultPath) => `fault matrix: ${path}`;

const isGeneration = (r: RecordedRequest) => GENERATION_ENDPOINTS.includes(r.endpoint);

/** Checks the stream-closing promise of a case: the generation request was closed by Fathom, not by the server. */
export async function assertStreamClosed(server: FakeServer): Promise<void> {
  await server.waitFor((rs) => rs.find((r) => isGeneration(r) && r.closedByClient), 5000, 'Fathom to close the generation stream');
}

/** No promise rejection went unhandled in the extension host so far. */
export function assertNoUnhandledRejections(): void {
  assert.deepEqual(unhandledRejections(), [], 'unhandled promise rejections in the extension host');
}
