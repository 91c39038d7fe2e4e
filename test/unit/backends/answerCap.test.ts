/** The size cap on streamed answers, with the real Ollama SDK against the fake server's endless stream. */
import assert from 'node:assert/strict';
import { answerCharLimit, capAnswer } from '../../../src/backends/answerCap';
import { OllamaBackend } from '../../../src/backends/ollama';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { failureOf } from './helpers';

describe('capAnswer', () => {
  let server: FakeServer;
  before(async () => {
    server = await startFakeServer();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('scales with the token limit, never below its minimum', () => {
    assert.equal(answerCharLimit(undefined), 4000);
    assert.equal(answerCharLimit(16), 4000);
    assert.equal(answerCharLimit(2048), 24_576);
  });

  it('passes an answer within the cap through unchanged', async () => {
    server.replyOnce({ text: 'return a + b;' });
    const backend = new OllamaBackend({ baseUrl: server.url });
    let text = '';
    for await (const piece of capAnswer(backend.streamCompletion({ model: 'qwen2.5-coder:1.5b', prompt: 'x' }), 100, backend)) text += piece;
    assert.equal(text, 'return a + b;');
  });

  it('stops an endless answer past the cap: tooLong naming the cap, and the HTTP stream is closed', async () => {
    server.replyOnce({ chunks: ['x'.repeat(100)], endless: true, tokenMs: 1 });
    const backend = new OllamaBackend({ baseUrl: server.url });
    const error = await failureOf(capAnswer(backend.streamCompletion({ model: 'qwen2.5-coder:1.5b', prompt: 'x' }), 1000, { ...backend, model: 'qwen2.5-coder:1.5b' }));
    assert.equal(error.kind, 'tooLong');
    assert.equal(error.limitChars, 1000);
    assert.match(error.message, /kept answering past 1000 characters, far beyond the token limit/);
    await server.waitFor((rs) => rs.find((r) => r.closedByClient), 5000, 'the endless stream to be closed by the client');
  });
});
