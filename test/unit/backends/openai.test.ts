/** OpenAIBackend through the real `openai` package against the fake server's /v1 routes. */
import assert from 'node:assert/strict';
import { OpenAIBackend } from '../../../src/backends/openai';
import { DEFAULT_COMPLETION_TEXT, startFakeServer, type FakeServer } from '../../fake-server';
import { collect } from './helpers';

const FIM_MODEL = 'qwen2.5-coder:1.5b';
const CHAT_MODEL = 'llama3.2:3b';

describe('OpenAIBackend', () => {
  let server: FakeServer;
  let backend: OpenAIBackend;
  before(async () => {
    server = await startFakeServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    backend = new OpenAIBackend({ baseUrl: `${server.url}/v1` });
  });

  it('has no version to report and asks nothing for it', async () => {
    assert.equal(await backend.version(), undefined);
    assert.equal(server.requests.length, 0);
  });

  it('lists models from /v1/models', async () => {
    assert.deepEqual(await backend.listModels(), [{ name: FIM_MODEL }, { name: 'qwen2.5-coder:7b' }, { name: CHAT_MODEL }]);
    assert.equal(server.requests[0].endpoint, 'openai.models');
  });

  it('takes the context length from the model entry and FIM support only from configuration', async () => {
    assert.deepEqual(await backend.modelInfo(FIM_MODEL), { name: FIM_MODEL, contextLength: 32768, supportsFim: false });
    const configured = new OpenAIBackend({ baseUrl: `${server.url}/v1`, fim: true });
    assert.equal((await configured.modelInfo(FIM_MODEL)).supportsFim, true);
    // Some servers serve any model name, so an unlisted one is described, not refused.
    assert.deepEqual(await backend.modelInfo('served-under-any-name'), { name: 'served-under-any-name', contextLength: undefined, supportsFim: false });
  });

  it('still describes the model when the server has no /v1/models', async () => {
    server.replyOnce({ status: 404 }, 'openai.models');
    assert.deepEqual(await backend.modelInfo(FIM_MODEL), { name: FIM_MODEL, supportsFim: false });
  });

  it('streams chat from /v1/chat/completions with the generation options', async () => {
    const messages = [{ role: 'user' as const, content: 'Explain promises' }];
    const chunks = await collect(backend.streamChat({ model: CHAT_MODEL, messages, temperature: 0.3, maxTokens: 100, stop: ['###'] }));
    assert.ok(chunks.length > 1);
    assert.match(chunks.join(''), /Explain promises/);
    const [request] = server.requests;
    assert.equal(request.endpoint, 'openai.chat');
    assert.deepEqual(request.body, { model: CHAT_MODEL, messages, stream: true, temperature: 0.3, max_tokens: 100, stop: ['###'] });
  });

  it('streams a FIM completion from /v1/completions with suffix', async () => {
    const chunks = await collect(backend.streamCompletion({ model: FIM_MODEL, prompt: 'const x = ', suffix: ';\n', maxTokens: 16 }));
    assert.equal(chunks.join(''), DEFAULT_COMPLETION_TEXT);
    assert.equal(server.requests[0].endpoint, 'openai.completions');
    assert.deepEqual(server.requests[0].body, { model: FIM_MODEL, prompt: 'const x = ', suffix: ';\n', stream: true, max_tokens: 16 });
  });

  it('sends the configured key as a Bearer header', async () => {
    const guarded = await startFakeServer({ apiKey: 'sk-test-secret-0001' });
    try {
      const keyed = new OpenAIBackend({ baseUrl: `${guarded.url}/v1`, apiKey: 'sk-test-secret-0001' });
      assert.equal((await keyed.listModels()).length, 3);
      assert.equal(guarded.requests[0].headers.authorization, 'Bearer sk-test-secret-0001');
    } finally {
      await guarded.close();
    }
  });

  it('without a key sends no Authorization header at all, not even OPENAI_API_KEY from the environment', async () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-from-the-environment';
    try {
      const keyless = new OpenAIBackend({ baseUrl: `${server.url}/v1` });
      await keyless.listModels();
      await collect(keyless.streamCompletion({ model: FIM_MODEL, prompt: 'x' }));
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
    assert.equal(server.requests.length, 2);
    for (const request of server.requests) assert.equal(request.headers.authorization, undefined);
  });

  it('does not retry: one failing request is one request on the wire', async () => {
    server.replyOnce({ status: 500 });
    server.replyOnce({ status: 429 }, 'openai.models');
    await assert.rejects(collect(backend.streamChat({ model: CHAT_MODEL, messages: [{ role: 'user', content: 'x' }] })));
    await assert.rejects(backend.listModels());
    assert.equal(server.requests.length, 2);
  });
});
