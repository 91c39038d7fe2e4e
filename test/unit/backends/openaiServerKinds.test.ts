/**
 * Each OpenAI-compatible server Fathom documents (docs/servers.md), through the pipeline the extension runs:
 * BackendPool (the real `openai` SDK or llama.cpp's /infill, redaction, the endpoint guard, the answer cap)
 * and the completion service (context, prompt, streaming, post-processing), against the fake server passing
 * for that server over real HTTP.
 */
import * as assert from 'node:assert/strict';
import { createBackend } from '../../../src/backends/create';
import { OpenAIBackend } from '../../../src/backends/openai';
import { formatRequestRecord, type RequestRecord } from '../../../src/backends/requestRecord';
import { objectSource, parseConfig, type FathomConfig } from '../../../src/config/settings';
import { silentLogger } from '../../../src/logging/logger';
import { BackendPool } from '../../../src/roles/pool';
import { createCompleteOnce } from '../../../src/completion/service';
import { CLOSE_TAG, OPEN_TAG } from '../../../src/completion/prompt/chatPrompt';
import { Parsers } from '../../../src/syntax/parsers';
import type { DocumentSnapshot } from '../../../src/workspace/document';
import { DEFAULT_COMPLETION_TEXT, startFakeServer, type FakeServer, type FakeServerOptions, type RecordedRequest } from '../../fake-server';
import { MemoryFiles } from '../context/helpers';
import { devGrammar } from '../syntax/grammars';
import { collect, failureOf } from './helpers';

const MAIN = `import { clamp } from './math';

export function brightness(value: number): number {
  return clamp(value, 0, 1) * █;
}
`;
/** A key-shaped secret in a context file: it must never reach the server, whatever the request shape. */
const SECRET = 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2';
const MATH = `export function clamp(x: number, lo: number, hi: number): number {\n  const token = '${SECRET}';\n  return Math.min(hi, Math.max(lo, x));\n}\n`;
/** The fake's default completion as the editor shows it: the `;` the suffix already has is dropped. */
const SHOWN = DEFAULT_COMPLETION_TEXT.replace(/;$/, '');

function snapshotOf(text: string): DocumentSnapshot {
  const offset = text.indexOf('█');
  return { uri: 'file:///ws/src/main.ts', path: 'src/main.ts', languageId: 'typescript', text: text.replace('█', ''), offset, version: 1 };
}

interface Kit {
  server: FakeServer;
  config: FathomConfig;
  pool: BackendPool;
  complete(): Promise<string | undefined>;
}

describe('OpenAI-compatible servers through the pipeline (fake server over HTTP)', function () {
  this.timeout(20000);
  const parsers = new Parsers(devGrammar);
  const servers: FakeServer[] = [];
  after(async () => {
    parsers.dispose();
    await Promise.all(servers.map((s) => s.close()));
  });

  async function kit(options: FakeServerOptions, baseUrlPath: string, settings: Record<string, unknown>): Promise<Kit> {
    const server = await startFakeServer(options);
    servers.push(server);
    const config = parseConfig(
      objectSource({ 'completion.provider': 'openai', 'chat.provider': 'openai', 'openai.baseUrl': `${server.url}${baseUrlPath}`, contextLength: 4096, ...settings }),
    );
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    const files = new MemoryFiles({ 'src/main.ts': MAIN.replace('█', ''), 'src/math.ts': MATH });
    const completeOnce = createCompleteOnce({
      target: (signal) => pool.forRole('completion', { signal }),
      getConfig: () => config,
      parsers,
      withTree: async (_s, use) => use(undefined),
      files,
      repoName: () => 'lights',
    });
    return {
      server,
      config,
      pool,
      complete: async () => (await completeOnce(snapshotOf(MAIN), new AbortController().signal))?.insert,
    };
  }

  const generation = (server: FakeServer) => server.requests.filter((r) => r.method === 'POST');
  const noSecretSent = (requests: readonly RecordedRequest[]) => {
    for (const r of requests) assert.ok(!r.rawBody.includes(SECRET), `the secret reached ${r.path}`);
  };

  async function chatWorks(k: Kit, model: string, path: string): Promise<void> {
    k.server.reset();
    const { backend } = await k.pool.backendFor('chat');
    const answer = (await collect(backend.streamChat({ model, messages: [{ role: 'user', content: 'Explain clamp' }], maxTokens: 64 }))).join('');
    assert.match(answer, /Explain clamp/);
    assert.equal(k.server.requests.at(-1)?.path, path);
  }

  describe('Anthropic (chat only, /v1)', () => {
    const MODEL = 'claude-sonnet-4-5';
    let k: Kit;
    before(async () => {
      k = await kit({ flavor: 'anthropic', models: [{ name: MODEL, contextLength: 200000 }] }, '/v1', { 'completion.model': MODEL, 'chat.model': MODEL, 'openai.fim': true });
    });

    it('completes through the chat "fill the hole" prompt, never /v1/completions, even with openai.fim on', async () => {
      k.server.replyOnce({ text: `${OPEN_TAG}value${CLOSE_TAG}` }, 'openai.chat');
      assert.equal(await k.complete(), 'value');
      const sent = generation(k.server);
      assert.deepEqual(sent.map((r) => r.path), ['/v1/chat/completions']);
      const body = sent[0].body as { model: string; messages: Array<{ content: string }>; stop: string[] };
      assert.equal(body.model, MODEL);
      assert.deepEqual(body.stop, [CLOSE_TAG]);
      noSecretSent(k.server.requests);
    });

    it('chats on /v1/chat/completions', () => chatWorks(k, MODEL, '/v1/chat/completions'));

    it('refuses a completion request itself (no 404 read as "model missing"), sending nothing', async () => {
      const backend = new OpenAIBackend({ baseUrl: `${k.server.url}/v1` });
      await backend.modelInfo(MODEL);
      k.server.reset();
      const error = await failureOf(backend.streamCompletion({ model: MODEL, prompt: 'const a = ' }));
      assert.equal(error.kind, 'badResponse');
      assert.match(error.message, /serves chat completions only/);
      assert.equal(k.server.requests.length, 0);
    });

    it('the fake answers /v1/completions with 404 as Anthropic does, and 401 in its error shape', async () => {
      const backend = new OpenAIBackend({ baseUrl: `${k.server.url}/v1` });
      // A client that does not know the server yet sends it and gets the 404.
      const missing = await failureOf(backend.streamCompletion({ model: MODEL, prompt: 'x' }));
      assert.equal(missing.status, 404);
      k.server.replyOnce({ status: 401 }, 'openai.chat');
      const denied = await failureOf(backend.streamChat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }));
      assert.equal(denied.kind, 'unauthorized');
      assert.equal(denied.detail, 'invalid x-api-key');
    });
  });

  describe('Gemini (chat only, /v1beta/openai)', () => {
    const MODEL = 'gemini-2.5-flash';
    let k: Kit;
    before(async () => {
      k = await kit({ flavor: 'gemini', models: [{ name: MODEL }] }, '/v1beta/openai', { 'completion.model': MODEL, 'chat.model': MODEL });
    });

    it('lists models by the name requests use (without "models/")', async () => {
      const { backend } = await k.pool.backendFor('chat');
      assert.deepEqual(await backend.listModels(), [{ name: MODEL }]);
    });

    it('completes through the chat prompt on /v1beta/openai/chat/completions', async () => {
      k.server.reset();
      k.server.replyOnce({ text: `${OPEN_TAG}value${CLOSE_TAG}` }, 'openai.chat');
      k.pool.invalidate();
      assert.equal(await k.complete(), 'value');
      assert.deepEqual(generation(k.server).map((r) => r.path), ['/v1beta/openai/chat/completions']);
      noSecretSent(k.server.requests);
    });

    it('chats on /v1beta/openai/chat/completions', () => chatWorks(k, MODEL, '/v1beta/openai/chat/completions'));

    it('maps its array-shaped errors by status: 429 is a rate limit with the wait, 401 asks for a key', async () => {
      const { backend } = await k.pool.backendFor('chat');
      k.server.replyOnce({ status: 429, retryAfterSeconds: 7 }, 'openai.chat');
      const limited = await failureOf(backend.streamChat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }));
      assert.equal(limited.kind, 'rateLimited');
      assert.equal(limited.retryAfterMs, 7000);
      k.server.replyOnce({ status: 401 }, 'openai.chat');
      assert.equal((await failureOf(backend.streamChat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }))).kind, 'unauthorized');
    });
  });

  describe('llama.cpp (/infill)', () => {
    const MODEL = 'qwen2.5-coder-1.5b';
    let k: Kit;
    before(async () => {
      k = await kit({ flavor: 'llamacpp', models: [{ name: MODEL, contextLength: 32768 }] }, '/v1', { 'completion.model': MODEL, 'chat.model': MODEL, 'openai.fim': true });
    });

    it('fills in the middle on /infill: prefix, suffix, context files apart (redacted), n_predict, stream', async () => {
      const { info, contextLength } = await k.pool.forRole('completion');
      assert.deepEqual({ supportsFim: info.supportsFim, infill: info.infill, contextLength: info.contextLength }, { supportsFim: true, infill: true, contextLength: 32768 });
      assert.equal(contextLength, 4096);
      k.server.reset();
      assert.equal(await k.complete(), SHOWN);
      const [infill] = generation(k.server);
      assert.equal(infill.path, '/infill');
      const body = infill.body as Record<string, unknown>;
      assert.equal(body.model, MODEL);
      assert.equal(body.stream, true);
      assert.equal(typeof body.n_predict, 'number');
      assert.ok(String(body.input_prefix).endsWith('return clamp(value, 0, 1) * '), String(body.input_prefix));
      assert.ok(String(body.input_suffix).startsWith(';\n}'), String(body.input_suffix));
      const extra = body.input_extra as Array<{ filename: string; text: string }>;
      const math = extra.find((f) => f.filename === 'src/math.ts');
      assert.ok(math && math.text.includes('export function clamp'), JSON.stringify(extra));
      // The file's secret went out as a placeholder.
      assert.ok(!math.text.includes(SECRET) && /const token = '[^']+';/.test(math.text), math.text);
      assert.ok(!String(body.input_prefix).includes('export function clamp'), 'the context file went in input_extra, not the prefix');
      noSecretSent(k.server.requests);
    });

    it('chats on /v1/chat/completions', () => chatWorks(k, MODEL, '/v1/chat/completions'));

    it('Show Last Request names /infill at the server root, with the exact body received', async () => {
      const records: RequestRecord[] = [];
      const backend = createBackend('openai', { baseUrl: `${k.server.url}/v1`, fim: true, logger: silentLogger, observe: (r) => records.push(r) });
      await backend.modelInfo(MODEL);
      k.server.reset();
      await collect(backend.streamCompletion({ model: MODEL, prompt: 'const a = ', suffix: ';', maxTokens: 8 }));
      assert.equal(records.length, 1);
      assert.equal(records[0].endpoint, 'POST /infill');
      assert.deepEqual(records[0].body, k.server.requests[0].body);
      assert.match(formatRequestRecord(records[0]), new RegExp(`"request": "POST ${k.server.url}/infill"`));
    });

    it('reports /infill failures like any other: the server words, no "model missing"', async () => {
      const { backend } = await k.pool.forRole('completion');
      k.server.replyOnce({ status: 501, message: 'Infill is not supported by this model' }, 'llamacpp.infill');
      const error = await failureOf(backend.streamCompletion({ model: MODEL, prompt: 'a', suffix: 'b' }));
      assert.equal(error.kind, 'badResponse');
      assert.equal(error.status, 501);
      assert.equal(error.detail, 'Infill is not supported by this model');
    });

    it('closes the /infill connection when the reader stops early', async () => {
      const { backend } = await k.pool.forRole('completion');
      k.server.reset();
      k.server.replyOnce({ chunks: ['a', 'b'], endless: true, tokenMs: 2 }, 'llamacpp.infill');
      for await (const piece of backend.streamCompletion({ model: MODEL, prompt: 'a', suffix: 'b', maxTokens: 256 })) {
        assert.equal(piece, 'a');
        break;
      }
      await k.server.waitFor((rs) => rs.find((r) => r.path === '/infill' && r.closedByClient), 5000, 'the /infill stream to be closed by the client');
    });

    it('refuses a redirect of /infill to another server, like every other request', async () => {
      const backend = new OpenAIBackend({ baseUrl: `${k.server.url}/v1`, fim: true });
      await backend.modelInfo(MODEL);
      k.server.replyOnce({ redirect: { status: 307, location: 'http://127.0.0.2:9/infill' } }, 'llamacpp.infill');
      const error = await failureOf(backend.streamCompletion({ model: MODEL, prompt: 'a', suffix: 'b' }));
      assert.equal(error.kind, 'refused');
      assert.equal(error.refusal, 'redirect');
    });

    it('without openai.fim, completes with the family template on /v1/completions', async () => {
      const plain = await kit({ flavor: 'llamacpp', models: [{ name: 'qwen2.5-coder:1.5b' }] }, '/v1', { 'completion.model': 'qwen2.5-coder:1.5b' });
      assert.equal(await plain.complete(), SHOWN);
      const [sent] = generation(plain.server);
      assert.equal(sent.path, '/v1/completions');
      assert.match(String((sent.body as { prompt: string }).prompt), /<\|fim_prefix\|>/);
    });
  });

  describe('vLLM (no suffix on /v1/completions)', () => {
    const MODEL = 'qwen2.5-coder:1.5b';
    let k: Kit;
    before(async () => {
      k = await kit({ flavor: 'vllm', models: [{ name: MODEL, contextLength: 32768 }] }, '/v1', { 'completion.model': MODEL, 'chat.model': MODEL, 'openai.fim': true });
    });

    it('never sends suffix, even with openai.fim on: the family template on /v1/completions instead', async () => {
      const { info } = await k.pool.forRole('completion');
      assert.equal(info.supportsFim, false);
      k.server.reset();
      assert.equal(await k.complete(), SHOWN);
      const [sent] = generation(k.server);
      assert.equal(sent.path, '/v1/completions');
      assert.equal((sent.body as { suffix?: string }).suffix, undefined);
      noSecretSent(k.server.requests);
    });

    it('the fake refuses suffix as vLLM does, and the message says so', async () => {
      const backend = new OpenAIBackend({ baseUrl: `${k.server.url}/v1`, fim: true });
      const error = await failureOf(backend.streamCompletion({ model: MODEL, prompt: 'a', suffix: 'b' }));
      assert.equal(error.kind, 'badResponse');
      assert.equal(error.status, 400);
      assert.equal(error.detail, 'suffix is not currently supported');
    });

    it('chats on /v1/chat/completions', () => chatWorks(k, MODEL, '/v1/chat/completions'));
  });

  describe('LM Studio', () => {
    const MODEL = 'qwen2.5-coder-7b-instruct';
    let k: Kit;
    before(async () => {
      k = await kit({ flavor: 'lmstudio', models: [{ name: MODEL, contextLength: 32768 }] }, '/v1', { 'completion.model': MODEL, 'chat.model': MODEL, 'openai.fim': true });
    });

    it('sends native FIM as suffix on /v1/completions when openai.fim is on', async () => {
      assert.equal(await k.complete(), SHOWN);
      const [sent] = generation(k.server);
      assert.equal(sent.path, '/v1/completions');
      assert.equal(typeof (sent.body as { suffix?: string }).suffix, 'string');
      noSecretSent(k.server.requests);
    });

    it('chats on /v1/chat/completions', () => chatWorks(k, MODEL, '/v1/chat/completions'));
  });
});
