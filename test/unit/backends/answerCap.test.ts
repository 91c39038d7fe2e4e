/** The size cap on streamed answers, with the real SDKs against the fake server's endless stream, and as the decorator the pool applies. */
import assert from 'node:assert/strict';
import { answerCharLimit, capAnswer, withAnswerCap } from '../../../src/backends/answerCap';
import { OpenAIBackend } from '../../../src/backends/openai';
import { ScriptedBackend } from '../../../src/backends/scripted';
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

  describe('withAnswerCap (the decorator the pool puts around every client)', () => {
    it('caps a chat and a completion stream at answerCharLimit(maxTokens): tooLong naming the cap and model', async () => {
      // 50 tokens allow 4,000 characters (the minimum); 500 allow 6,000. The script is 5,000 characters.
      const scripted = new ScriptedBackend('y'.repeat(5000), { chunk: (text) => text.match(/.{1,100}/gs) ?? [] });
      const capped = withAnswerCap(scripted);
      const chat = await failureOf(capped.streamChat({ model: 'm', maxTokens: 50, messages: [{ role: 'user', content: 'x' }] }));
      assert.equal(chat.kind, 'tooLong');
      assert.equal(chat.limitChars, 4000);
      assert.equal(chat.model, 'm');
      assert.equal(scripted.streams[0].stoppedEarly, true, 'reading stopped at the cap');
      const completion = await failureOf(capped.streamCompletion({ model: 'm', prompt: 'x' }));
      assert.equal(completion.limitChars, 4000, 'no token limit: the minimum');
      let text = '';
      for await (const piece of capped.streamCompletion({ model: 'm', prompt: 'x', maxTokens: 500 })) text += piece;
      assert.equal(text.length, 5000, 'within 500 tokens’ cap the whole answer passes');
    });

    it('keeps provider and base URL, and forwards everything else untouched', async () => {
      const scripted = new ScriptedBackend('ok', { provider: 'openai' });
      const capped = withAnswerCap(scripted);
      assert.equal(capped.provider, 'openai');
      assert.equal(capped.baseUrl, 'scripted:');
      assert.deepEqual(await capped.listModels(), await scripted.listModels());
      const request = { model: 'm', prompt: 'x', maxTokens: 8 };
      for await (const _ of capped.streamCompletion(request));
      assert.equal(scripted.streams[0].request, request, 'the request reaches the client as sent');
    });

    for (const provider of ['ollama', 'openai'] as const) {
      it(`${provider}: an endless chat answer is stopped and its HTTP stream closed`, async () => {
        server.replyOnce({ text: 'again ', endless: true, tokenMs: 1 });
        const inner = provider === 'ollama' ? new OllamaBackend({ baseUrl: server.url }) : new OpenAIBackend({ baseUrl: `${server.url}/v1` });
        const capped = withAnswerCap(inner, () => 1000);
        const error = await failureOf(capped.streamChat({ model: 'qwen2.5-coder:7b', maxTokens: 64, messages: [{ role: 'user', content: 'Count forever' }] }));
        assert.equal(error.kind, 'tooLong');
        assert.equal(error.limitChars, 1000);
        assert.equal(error.provider, provider);
        await server.waitFor((rs) => rs.find((r) => r.closedByClient), 5000, 'the endless stream to be closed by the client');
      });
    }
  });
});
