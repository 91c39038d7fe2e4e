import * as assert from 'node:assert/strict';
import { OllamaBackend } from '../../../src/backends/ollama';
import { requestCompletion } from '../../../src/completion/requestCompletion';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';
import { startFakeServer, type FakeServer } from '../../fake-server';

const settings = { provider: 'ollama' as const, model: 'qwen2.5-coder:1.5b', temperature: 0.2, maxTokens: 64 };

describe('requestCompletion (native FIM against the fake Ollama)', () => {
  let server: FakeServer;
  let backend: OllamaBackend;
  before(async () => {
    server = await startFakeServer();
    backend = new OllamaBackend({ baseUrl: server.url, contextLength: DEFAULT_SETTINGS.contextLength });
  });
  after(() => server.close());
  beforeEach(() => server.reset());
  const target = (supportsFim = true) => ({ backend, settings, info: { name: settings.model, supportsFim }, timeoutMs: 5000 });

  it('sends prefix and suffix as a native FIM request and returns the streamed text', async () => {
    server.replyOnce({ text: 'a + b\n' });
    const text = await requestCompletion({ prefix: 'function add(a, b) {\n  return ', suffix: '\n}\n' }, target());
    assert.equal(text, 'a + b');
    const body = server.requests.find((r) => r.endpoint === 'ollama.generate')?.body as { prompt: string; suffix: string };
    assert.equal(body.prompt, 'function add(a, b) {\n  return ');
    assert.equal(body.suffix, '\n}\n');
  });

  it('mid-line keeps only the rest of the line and stops reading (closing the stream)', async () => {
    server.replyOnce({ text: 'b);\nconsole.log("more");\nmore();\n', tokenMs: 20 });
    const text = await requestCompletion({ prefix: 'add(a, ', suffix: ' // sum\n' }, target());
    assert.equal(text, 'b);');
    const request = await server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate' && (r.closedByClient || r.completed)), 2000, 'the generate request to end');
    assert.equal(request.closedByClient, true);
  });

  it('returns nothing for a whitespace-only answer, and for a model that cannot fill in the middle', async () => {
    server.replyOnce({ text: '  \n\n' });
    assert.equal(await requestCompletion({ prefix: 'x = ', suffix: '' }, target()), '');
    assert.equal(await requestCompletion({ prefix: 'x = ', suffix: '' }, target(false)), '');
    assert.equal(server.requests.filter((r) => r.endpoint === 'ollama.generate').length, 1);
  });

  it('rejects with a cancelled BackendError and closes the connection when aborted mid-stream', async () => {
    server.replyOnce({ text: 'long answer '.repeat(50), tokenMs: 20 });
    const abort = new AbortController();
    const pending = requestCompletion({ prefix: 'x = ', suffix: '' }, target(), abort.signal);
    await server.waitFor((rs) => rs.some((r) => r.endpoint === 'ollama.generate'), 2000, 'the generate request');
    abort.abort();
    await assert.rejects(pending, (e: Error & { kind?: string }) => e.kind === 'cancelled');
    await server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate' && r.closedByClient), 2000, 'the client to close the stream');
  });
});
