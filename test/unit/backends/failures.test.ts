/**
 * Every way a call can fail, for both providers through their real SDKs: each becomes the right
 * BackendError kind, keys never leak into it, and cancelling or timing out closes the HTTP connection.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { BackendError } from '../../../src/backends/errors';
import type { Backend, ProviderKind } from '../../../src/backends/types';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { backendFor, closedPortUrl, collect, ENDPOINTS, failureOf } from './helpers';

const MODEL = 'qwen2.5-coder:1.5b';
const KEY = 'sk-live-secret-key-0123456789';

/** Reads a stream until it fails; returns what arrived before and the error. */
async function readUntilFailure(stream: AsyncIterable<string>): Promise<{ chunks: string[]; error: BackendError }> {
  const chunks: string[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } catch (error) {
    assert.ok(error instanceof BackendError, `expected a BackendError, got ${String(error)}`);
    return { chunks, error };
  }
  assert.fail(`the stream ended normally after ${JSON.stringify(chunks)}`);
}

/** Runs `body` with console.warn silenced: ollama-js warns on every unparsable NDJSON line it skips. */
async function withoutSdkWarnings<T>(body: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await body();
  } finally {
    console.warn = warn;
  }
}

for (const provider of ['ollama', 'openai'] as const satisfies readonly ProviderKind[]) {
  describe(`${provider} backend failures`, () => {
    let server: FakeServer;
    let backend: Backend;
    const generation = ENDPOINTS[provider].completion;
    const complete = (options: { signal?: AbortSignal; timeoutMs?: number } = {}) => backend.streamCompletion({ model: MODEL, prompt: 'x', ...options });

    before(async () => {
      server = await startFakeServer();
    });
    after(async () => {
      await server.close();
    });
    beforeEach(() => {
      server.reset();
      backend = backendFor(provider, server);
    });

    it('unreachable: nothing listens at the URL (plain call and stream)', async () => {
      const dead = backendFor(provider, await closedPortUrl());
      const plain = await failureOf(dead.listModels());
      assert.equal(plain.kind, 'unreachable');
      assert.equal(plain.baseUrl, dead.baseUrl);
      assert.match(plain.detail ?? '', /ECONNREFUSED/);
      assert.equal((await failureOf(dead.streamCompletion({ model: MODEL, prompt: 'x' }))).kind, 'unreachable');
    });

    it('unauthorized: 401 and 403, and the rejected key appears nowhere in the error', async () => {
      const guarded = await startFakeServer({ apiKey: 'the-right-key-42' });
      try {
        const wrongKey = backendFor(provider, guarded, { apiKey: KEY });
        for (const error of [await failureOf(wrongKey.listModels()), await failureOf(wrongKey.streamChat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }))]) {
          assert.equal(error.kind, 'unauthorized');
          assert.equal(error.status, 401);
          // The fake echoes the key it rejected, as OpenAI and many proxies do.
          assert.match(guarded.requests[0].headers.authorization ?? '', new RegExp(KEY));
          for (const text of [error.message, error.detail ?? '', String(error.cause), JSON.stringify(error)]) {
            assert.doesNotMatch(text, /sk-live-secret|0123456789/, `the key leaked into: ${text}`);
          }
        }
      } finally {
        await guarded.close();
      }
      server.replyOnce({ status: 403 });
      assert.equal((await failureOf(complete())).kind, 'unauthorized');
    });

    it('modelMissing: an unknown model names the model', async () => {
      const error = await failureOf(backend.streamCompletion({ model: 'ghost:7b', prompt: 'x' }));
      assert.equal(error.kind, 'modelMissing');
      assert.equal(error.model, 'ghost:7b');
      assert.equal(error.status, 404);
      assert.match(error.message, /"ghost:7b"/);
    });

    it('rateLimited: 429 carries Retry-After in milliseconds', async () => {
      server.replyOnce({ status: 429, retryAfterSeconds: 7 });
      const error = await failureOf(complete());
      assert.equal(error.kind, 'rateLimited');
      assert.equal(error.retryAfterMs, 7000);
      assert.match(error.message, /Retry in 7 s/);
    });

    it('badResponse: a server error keeps the status and the server words', async () => {
      server.replyOnce({ status: 500, message: 'CUDA error: out of memory' });
      const error = await failureOf(complete());
      assert.equal(error.kind, 'badResponse');
      assert.equal(error.status, 500);
      assert.match(error.detail ?? '', /out of memory/);
    });

    it('badResponse: a connection dropped mid-stream says the connection was lost, after the text so far', async () => {
      server.replyOnce({ text: 'one two three four', fault: 'drop', afterChunks: 2 });
      const { chunks, error } = await readUntilFailure(complete());
      assert.equal(chunks.join(''), 'one ');
      assert.equal(error.kind, 'badResponse');
      assert.equal(error.interrupted, true);
      assert.match(error.message, /was lost in the middle of the answer/);
      assert.doesNotMatch(error.message, /server said/);
    });

    it('badResponse: a chunk that is not JSON', async () => {
      server.replyOnce({ text: 'one two', fault: 'malformed', afterChunks: 1 });
      const { chunks, error } = await withoutSdkWarnings(() => readUntilFailure(complete()));
      assert.deepEqual(chunks, ['one']);
      assert.equal(error.kind, 'badResponse');
    });

    it('timeout: a stream that stalls before its first chunk, and the connection is closed', async () => {
      server.replyOnce({ fault: 'stall' });
      const started = Date.now();
      const error = await failureOf(complete({ timeoutMs: 150 }));
      assert.equal(error.kind, 'timeout');
      assert.ok(Date.now() - started < 2000);
      await server.waitFor((rs) => rs.find((r) => r.endpoint === generation)?.closedByClient, 2000, 'the stalled stream to be closed');
    });

    it('timeout: a stream that stalls between chunks', async () => {
      server.replyOnce({ text: 'one two three', tokenMs: 400 });
      const { chunks, error } = await readUntilFailure(complete({ timeoutMs: 150 }));
      assert.deepEqual(chunks, ['one']);
      assert.equal(error.kind, 'timeout');
    });

    it('timeout: a plain call that gets headers and no body', async () => {
      server.replyOnce({ fault: 'stall' }, provider === 'ollama' ? 'ollama.tags' : 'openai.models');
      assert.equal((await failureOf(backend.listModels({ timeoutMs: 150 }))).kind, 'timeout');
    });

    it('no timeout for a long healthy stream, nor for a slow reader', async () => {
      server.replyOnce({ text: 'a b c d e f g h', tokenMs: 40 });
      // 15 chunks 40 ms apart: 600 ms in all, twice the limit, but never 300 ms of silence.
      assert.equal((await collect(complete({ timeoutMs: 300 }))).join(''), 'a b c d e f g h');
      const chunks: string[] = [];
      for await (const chunk of complete({ timeoutMs: 100 })) {
        chunks.push(chunk);
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      assert.ok(chunks.length > 2, 'a reader slower than the limit in total still gets everything');
    });

    it('cancelled: aborting mid-stream rejects and closes the HTTP stream', async () => {
      server.replyOnce({ text: 'tick ', endless: true, tokenMs: 5 });
      const controller = new AbortController();
      const chunks: string[] = [];
      const error = await failureOf(
        (async () => {
          for await (const chunk of complete({ signal: controller.signal })) {
            chunks.push(chunk);
            if (chunks.length === 3) controller.abort();
          }
        })(),
      );
      assert.equal(error.kind, 'cancelled');
      assert.equal(error.message, 'The request was cancelled.');
      await server.waitFor((rs) => rs[0]?.closedByClient, 2000, 'the aborted stream to be closed by the client');
    });

    it('cancelled: an already-aborted signal sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      assert.equal((await failureOf(complete({ signal: controller.signal }))).kind, 'cancelled');
      assert.equal((await failureOf(backend.listModels({ signal: controller.signal }))).kind, 'cancelled');
      assert.equal(server.requests.length, 0);
    });

    it('breaking out of for-await closes the HTTP stream without an error', async () => {
      server.replyOnce({ text: 'tick ', endless: true, tokenMs: 5 });
      let received = 0;
      for await (const _chunk of complete()) {
        if (++received === 3) break;
      }
      const request = await server.waitFor((rs) => rs.find((r) => r.closedByClient), 2000, 'the abandoned stream to be closed by the client');
      assert.equal(request.endpoint, generation);
      assert.equal(request.completed, false);
    });

    it('leaves no listener on the caller’s signal after calls end', async () => {
      const controller = new AbortController();
      await backend.listModels({ signal: controller.signal, timeoutMs: 1000 });
      await collect(complete({ signal: controller.signal, timeoutMs: 1000 }));
      server.replyOnce({ status: 500 });
      await failureOf(complete({ signal: controller.signal }));
      for await (const _chunk of complete({ signal: controller.signal })) break;
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    });
  });
}
