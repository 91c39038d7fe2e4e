/** OllamaBackend through the real `ollama` package against the fake server: what it asks and what it makes of the answers. */
import assert from 'node:assert/strict';
import { OllamaBackend } from '../../../src/backends/ollama';
import { DEFAULT_COMPLETION_TEXT, startFakeServer, type FakeServer } from '../../fake-server';
import { collect, failureOf } from './helpers';

const FIM_MODEL = 'qwen2.5-coder:1.5b';
const CHAT_MODEL = 'llama3.2:3b';

describe('OllamaBackend', () => {
  let server: FakeServer;
  let backend: OllamaBackend;
  before(async () => {
    server = await startFakeServer({ version: '0.9.1' });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    backend = new OllamaBackend({ baseUrl: server.url, keepAlive: '30m', contextLength: 8192 });
  });

  it('reports the server version', async () => {
    assert.equal(await backend.version(), '0.9.1');
    assert.equal(server.requests[0].endpoint, 'ollama.version');
  });

  it('lists models with size, family, parameter size and quantization', async () => {
    const models = await backend.listModels();
    assert.deepEqual(models[0], { name: FIM_MODEL, sizeBytes: 986_062_089, family: 'qwen2', parameterSize: '1.5B', quantization: 'Q4_K_M' });
    assert.deepEqual(
      models.map((m) => m.name),
      server.models.map((m) => m.name),
    );
  });

  it('lists the loaded models with the bytes of each in GPU memory (/api/ps)', async () => {
    assert.deepEqual(await backend.loadedModels(), [], 'nothing loaded before a generation');
    await collect(backend.streamCompletion({ model: FIM_MODEL, prompt: 'def f(', suffix: '' }));
    assert.deepEqual(await backend.loadedModels(), [{ name: FIM_MODEL, sizeBytes: 986_062_089, vramBytes: 0 }]);
    assert.equal(server.requests.at(-1)?.endpoint, 'ollama.ps');
    const gpu = await startFakeServer({ vramShare: 0.5 });
    try {
      const onGpu = new OllamaBackend({ baseUrl: gpu.url, keepAlive: '30m', contextLength: 8192 });
      await collect(onGpu.streamChat({ model: CHAT_MODEL, messages: [{ role: 'user', content: 'hi' }] }));
      assert.deepEqual(await onGpu.loadedModels(), [{ name: CHAT_MODEL, sizeBytes: 2_019_393_189, vramBytes: Math.round(2_019_393_189 * 0.5) }]);
    } finally {
      await gpu.close();
    }
  });

  it('reads context length and FIM support from /api/show', async () => {
    const fim = await backend.modelInfo(FIM_MODEL);
    assert.equal(fim.name, FIM_MODEL);
    assert.equal(fim.contextLength, 32768);
    assert.equal(fim.supportsFim, true);
    assert.equal(fim.family, 'qwen2');
    assert.match(fim.template ?? '', /\.Suffix/);
    const chat = await backend.modelInfo(CHAT_MODEL);
    assert.equal(chat.contextLength, 131072);
    assert.equal(chat.supportsFim, false);
    assert.deepEqual(server.requests.at(-1)?.body, { model: CHAT_MODEL });
  });

  it('says which model is missing when /api/show does not know it', async () => {
    const error = await failureOf(backend.modelInfo('ghost:7b'));
    assert.equal(error.kind, 'modelMissing');
    assert.equal(error.model, 'ghost:7b');
    assert.match(error.message, /ollama pull ghost:7b/);
  });

  it('streams a native FIM completion: suffix, keep_alive and num_ctx on /api/generate', async () => {
    const chunks = await collect(
      backend.streamCompletion({ model: FIM_MODEL, prompt: 'function f() {\n  ', suffix: '\n}', temperature: 0.2, maxTokens: 64, stop: ['\n\n'] }),
    );
    assert.ok(chunks.length > 1, 'the text arrives in several chunks');
    assert.equal(chunks.join(''), DEFAULT_COMPLETION_TEXT);
    const [request] = server.requests;
    assert.equal(request.endpoint, 'ollama.generate');
    assert.deepEqual(request.body, {
      model: FIM_MODEL,
      prompt: 'function f() {\n  ',
      suffix: '\n}',
      stream: true,
      keep_alive: '30m',
      options: { num_ctx: 8192, temperature: 0.2, num_predict: 64, stop: ['\n\n'] },
    });
  });

  it('sends a raw prompt with raw: true and no suffix', async () => {
    await collect(backend.streamCompletion({ model: FIM_MODEL, prompt: '<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>', raw: true }));
    const body = server.requests[0].body as Record<string, unknown>;
    assert.equal(body.raw, true);
    assert.equal('suffix' in body, false);
  });

  it('streams chat on /api/chat with the same num_ctx as completions, so the model is never reloaded', async () => {
    const messages = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'What is a closure?' },
    ];
    const text = (await collect(backend.streamChat({ model: CHAT_MODEL, messages }))).join('');
    assert.match(text, /What is a closure\?/);
    await collect(backend.streamCompletion({ model: FIM_MODEL, prompt: 'x' }));
    const [chat, generate] = server.requests.map((r) => r.body as { messages?: unknown; keep_alive: unknown; options: { num_ctx: number } });
    assert.equal(server.requests[0].endpoint, 'ollama.chat');
    assert.deepEqual(chat.messages, messages);
    assert.equal(chat.keep_alive, '30m');
    assert.equal(chat.options.num_ctx, 8192);
    assert.equal(generate.options.num_ctx, chat.options.num_ctx);
  });

  it('sends keep_alive "-1" as the number -1, which Ollama reads as "forever"', async () => {
    const forever = new OllamaBackend({ baseUrl: server.url, keepAlive: '-1' });
    await collect(forever.streamCompletion({ model: FIM_MODEL, prompt: 'x' }));
    const body = server.requests[0].body as Record<string, unknown>;
    assert.equal(body.keep_alive, -1);
    assert.equal('options' in body && 'num_ctx' in (body.options as object), false, 'no num_ctx unless configured');
  });

  it('sends the API key as a Bearer header on every request, and no header without one', async () => {
    const keyed = new OllamaBackend({ baseUrl: server.url, apiKey: 'proxy-token-1234' });
    await keyed.listModels();
    await collect(keyed.streamChat({ model: CHAT_MODEL, messages: [{ role: 'user', content: 'x' }] }));
    assert.deepEqual(
      server.requests.map((r) => r.headers.authorization),
      ['Bearer proxy-token-1234', 'Bearer proxy-token-1234'],
    );
    await backend.listModels();
    assert.equal(server.requests[2].headers.authorization, undefined);
  });

  it('cancels a plain call: the HTTP request is closed, not left running', async () => {
    server.replyOnce({ fault: 'stall' }, 'ollama.tags');
    const controller = new AbortController();
    const listing = failureOf(backend.listModels({ signal: controller.signal }));
    await server.waitFor(() => server.inFlight === 1, 2000, 'the /api/tags request');
    controller.abort();
    assert.equal((await listing).kind, 'cancelled');
    await server.waitFor((rs) => rs[0]?.closedByClient, 2000, 'the server to see /api/tags closed by the client');
  });
});
