/**
 * Backend.embed for both providers through their real SDKs against the fake server: the vectors come back
 * one per text and in order, the request has the protocol's shape, and each failure (server down, wrong key,
 * missing model, rate limit, a short answer, cancellation) becomes the BackendError the other calls give.
 */
import assert from 'node:assert/strict';
import type { ProviderKind } from '../../../src/backends/types';
import { EMBEDDING_DIMENSIONS, fakeEmbedding, startFakeServer, type FakeServer } from '../../fake-server';
import { checkedVectors } from '../../../src/backends/embeddingAnswer';
import { createBackend } from '../../../src/backends/create';
import { BackendError } from '../../../src/backends/errors';
import { ScriptedBackend } from '../../../src/backends/scripted';
import type { Logger } from '../../../src/logging/logger';
import { backendFor, closedPortUrl, failureOf } from './helpers';

const MODEL = { ollama: 'nomic-embed-text', openai: 'text-embedding-3-small' } as const;
const ENDPOINT = { ollama: 'ollama.embed', openai: 'openai.embeddings' } as const;
const KEY = 'sk-live-embed-key-0123456789';

for (const provider of ['ollama', 'openai'] as const satisfies readonly ProviderKind[]) {
  describe(`${provider} backend embed`, () => {
    let server: FakeServer;

    before(async () => {
      server = await startFakeServer();
    });
    afterEach(() => server.reset());
    after(async () => {
      await server.close();
    });

    it('returns one vector per text, in order, as the server computed them', async () => {
      const texts = ['function parseHeader(line) {}', 'class TokenBucket {}', 'parse the header'];
      const vectors = await backendFor(provider, server).embed(texts, MODEL[provider]);
      assert.equal(vectors.length, 3);
      for (let i = 0; i < texts.length; i++) {
        assert.equal(vectors[i].length, EMBEDDING_DIMENSIONS);
        vectors[i].forEach((x, d) => assert.ok(Math.abs(x - fakeEmbedding(texts[i])[d]) < 1e-6));
      }
    });

    it('posts the texts in one request to the protocol’s embeddings route', async () => {
      await backendFor(provider, server).embed(['a b', 'c d'], MODEL[provider]);
      const sent = server.requests.filter((r) => r.endpoint === ENDPOINT[provider]);
      assert.equal(sent.length, 1);
      assert.deepEqual((sent[0].body as { input: unknown }).input, ['a b', 'c d']);
      assert.equal((sent[0].body as { model: unknown }).model, MODEL[provider]);
    });

    it('sends nothing for no texts', async () => {
      assert.deepEqual(await backendFor(provider, server).embed([], MODEL[provider]), []);
      assert.equal(server.requests.length, 0);
    });

    it('a model the server does not have is modelMissing', async () => {
      const error = await failureOf(backendFor(provider, server).embed(['x'], 'no-such-embedder'));
      assert.equal(error.kind, 'modelMissing');
      assert.equal(error.model, 'no-such-embedder');
    });

    it('a rate limit is rateLimited with the server’s Retry-After', async () => {
      server.replyOnce({ status: 429, retryAfterSeconds: 7 }, ENDPOINT[provider]);
      const error = await failureOf(backendFor(provider, server).embed(['x'], MODEL[provider]));
      assert.equal(error.kind, 'rateLimited');
      assert.equal(error.retryAfterMs, 7000);
    });

    it('an answer that is not JSON is a badResponse', async () => {
      server.reply((request) => (request.endpoint === ENDPOINT[provider] ? { fault: 'malformed' } : undefined));
      const error = await failureOf(backendFor(provider, server).embed(['x', 'y'], MODEL[provider]));
      assert.equal(error.kind, 'badResponse');
    });

    it('an aborted call is cancelled and closes the connection', async () => {
      server.replyOnce({ fault: 'stall' }, ENDPOINT[provider]);
      const controller = new AbortController();
      const call = backendFor(provider, server).embed(['x'], MODEL[provider], { signal: controller.signal });
      await server.waitFor((requests) => requests.some((r) => r.endpoint === ENDPOINT[provider]), 5000, 'the embed request');
      controller.abort();
      assert.equal((await failureOf(call)).kind, 'cancelled');
      await server.waitFor((requests) => requests.find((r) => r.endpoint === ENDPOINT[provider])?.closedByClient, 5000, 'the connection to close');
    });

    it('a server that is not running is unreachable', async () => {
      const error = await failureOf(backendFor(provider, await closedPortUrl()).embed(['x'], MODEL[provider]));
      assert.equal(error.kind, 'unreachable');
    });
  });

  describe(`${provider} backend embed behind a key`, () => {
    let server: FakeServer;
    before(async () => {
      server = await startFakeServer({ apiKey: KEY });
    });
    after(async () => {
      await server.close();
    });

    it('a wrong key is unauthorized and the key appears nowhere in the error', async () => {
      const error = await failureOf(backendFor(provider, server, { apiKey: 'sk-wrong-key-987654321' }).embed(['x'], MODEL[provider]));
      assert.equal(error.kind, 'unauthorized');
      assert.ok(!JSON.stringify({ message: error.message, detail: error.detail }).includes('sk-wrong-key-987654321'));
    });

    it('the right key gets vectors', async () => {
      const vectors = await backendFor(provider, server, { apiKey: KEY }).embed(['x y'], MODEL[provider]);
      assert.equal(vectors.length, 1);
    });
  });
}

describe('checkedVectors', () => {
  const bad = () => new BackendError('badResponse', { provider: 'ollama', baseUrl: 'http://127.0.0.1:1' });

  it('passes one vector per text of one length', () => {
    assert.deepEqual(checkedVectors([[1, 0], [0, 1]], 2, bad), [[1, 0], [0, 1]]);
  });

  it('refuses fewer vectors than texts, mixed lengths, empty vectors and non-arrays', () => {
    for (const answer of [[[1, 0]], [[1, 0], [1]], [[], []], 'x', undefined]) {
      assert.throws(() => checkedVectors(answer, 2, bad), (e: unknown) => e instanceof BackendError && e.kind === 'badResponse');
    }
  });
});

describe('embed through the request log and the scripted backend', () => {
  let server: FakeServer;
  before(async () => (server = await startFakeServer()));
  after(() => server.close());

  it('logs one info line per batch with the count and size, the texts only at trace level', async () => {
    const lines: Array<{ level: string; message: string }> = [];
    const log = (level: string) => (message: string) => lines.push({ level, message });
    const logger: Logger = { trace: log('trace'), debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    const backend = createBackend('ollama', { baseUrl: server.url, logger });
    await backend.embed(['const launchCodes = 1234;', 'x'], 'nomic-embed-text');
    const info = lines.filter((l) => l.level === 'info').map((l) => l.message);
    assert.equal(info.length, 1);
    assert.match(info[0], /^ollama POST \/api\/embed model=nomic-embed-text \(2 texts, 26 chars\): ok in \d+ ms$/);
    assert.ok(!info[0].includes('launchCodes'));
    assert.ok(lines.some((l) => l.level === 'trace' && l.message.includes('launchCodes')));
  });

  it('a scripted backend has no embedding model', async () => {
    const error = await failureOf(new ScriptedBackend('text').embed(['x'], 'm'));
    assert.equal(error.kind, 'modelMissing');
  });
});
