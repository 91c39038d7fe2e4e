/**
 * The fake server passing for other OpenAI-compatible servers (test/fake-server/flavors.ts), on the wire with
 * plain fetch: the routes each one has and has not, its model list, its error shape, llama.cpp's /infill.
 */
import assert from 'node:assert/strict';
import { DEFAULT_COMPLETION_TEXT, startFakeServer, type FakeServer, type ServerFlavor } from '../fake-server';

function post(server: FakeServer, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('fake server flavors', () => {
  const servers: FakeServer[] = [];
  const start = async (flavor: ServerFlavor, model = 'm') => {
    const server = await startFakeServer({ flavor, models: [{ name: model, contextLength: 8192 }] });
    servers.push(server);
    return server;
  };
  after(() => Promise.all(servers.map((s) => s.close())));

  it('anthropic: chat at /v1, no /v1/completions or /v1/embeddings (404 in its error shape), its own model list', async () => {
    const server = await start('anthropic', 'claude-haiku-4-5');
    assert.equal((await post(server, '/v1/chat/completions', { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] })).status, 200);
    for (const path of ['/v1/completions', '/v1/embeddings']) {
      const response = await post(server, path, { model: 'claude-haiku-4-5', prompt: 'x', input: 'x' });
      assert.equal(response.status, 404, path);
      assert.equal(((await response.json()) as { type: string }).type, 'error');
    }
    const models = (await (await fetch(`${server.url}/v1/models`)).json()) as { data: Array<Record<string, unknown>>; has_more: boolean };
    assert.deepEqual(models.data.map((m) => [m.type, m.id, m.display_name]), [['model', 'claude-haiku-4-5', 'claude-haiku-4-5']]);
    assert.equal(models.has_more, false);
  });

  it('gemini: everything under /v1beta/openai, models as models/<name>, either name accepted, errors as an array', async () => {
    const server = await start('gemini', 'gemini-2.5-flash');
    for (const model of ['gemini-2.5-flash', 'models/gemini-2.5-flash']) {
      assert.equal((await post(server, '/v1beta/openai/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }] })).status, 200, model);
    }
    assert.equal((await post(server, '/v1/chat/completions', { model: 'gemini-2.5-flash', messages: [] })).status, 404);
    const missing = await post(server, '/v1beta/openai/completions', { model: 'gemini-2.5-flash', prompt: 'x' });
    assert.equal(missing.status, 404);
    const body = (await missing.json()) as Array<{ error: { code: number; status: string } }>;
    assert.ok(Array.isArray(body));
    assert.deepEqual([body[0].error.code, body[0].error.status], [404, 'NOT_FOUND']);
    const models = (await (await fetch(`${server.url}/v1beta/openai/models`)).json()) as { data: Array<{ id: string; owned_by: string }> };
    assert.deepEqual(models.data.map((m) => [m.id, m.owned_by]), [['models/gemini-2.5-flash', 'google']]);
  });

  it('llamacpp: /infill streams content/stop events without [DONE], answers whole without stream, any model name', async () => {
    const server = await start('llamacpp');
    const streamed = await post(server, '/infill', { input_prefix: 'const a = ', input_suffix: ';', stream: true, model: 'whatever' });
    assert.equal(streamed.headers.get('content-type'), 'text/event-stream');
    const events = (await streamed.text())
      .split('\n\n')
      .filter(Boolean)
      .map((e) => JSON.parse(e.replace(/^data: /, '')) as { content: string; stop: boolean });
    assert.equal(events.map((e) => e.content).join(''), DEFAULT_COMPLETION_TEXT);
    assert.deepEqual(events.map((e) => e.stop), [...events.slice(1).map(() => false), true]);
    const whole = (await (await post(server, '/infill', { input_prefix: 'a', input_suffix: 'b' })).json()) as { content: string; stop: boolean };
    assert.deepEqual([whole.content, whole.stop], [DEFAULT_COMPLETION_TEXT, true]);
    const models = (await (await fetch(`${server.url}/v1/models`)).json()) as { data: Array<{ owned_by: string; meta: { n_ctx_train: number } }> };
    assert.deepEqual([models.data[0].owned_by, models.data[0].meta.n_ctx_train], ['llamacpp', 8192]);
    // Only llama.cpp has it.
    const plain = await start('openai');
    assert.equal((await post(plain, '/infill', { input_prefix: 'a', input_suffix: 'b' })).status, 404);
  });

  it('vllm: 400 "suffix is not currently supported" for any suffix, completions without one', async () => {
    const server = await start('vllm');
    const refused = await post(server, '/v1/completions', { model: 'm', prompt: 'a', suffix: '' });
    assert.equal(refused.status, 400);
    assert.equal(((await refused.json()) as { error: { message: string } }).error.message, 'suffix is not currently supported');
    assert.equal((await post(server, '/v1/completions', { model: 'm', prompt: 'a' })).status, 200);
    const models = (await (await fetch(`${server.url}/v1/models`)).json()) as { data: Array<{ owned_by: string; max_model_len: number }> };
    assert.deepEqual([models.data[0].owned_by, models.data[0].max_model_len], ['vllm', 8192]);
  });
});
