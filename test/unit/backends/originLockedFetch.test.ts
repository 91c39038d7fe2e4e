/**
 * Redirects never take a request to another server: originLockedFetch on its own (method and body rules,
 * hop limit, the endpoint rule), and every request both real clients make — completion, chat, model list,
 * model info, version, pull — against a fake server that redirects to a second one, which must receive
 * nothing at all. Real HTTP throughout: two fake servers, the real SDKs, the global fetch.
 */
import assert from 'node:assert/strict';
import { BackendError } from '../../../src/backends/errors';
import { OllamaBackend } from '../../../src/backends/ollama';
import { MAX_REDIRECTS, originLockedFetch } from '../../../src/backends/originLockedFetch';
import type { Backend, ProviderKind } from '../../../src/backends/types';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../../fake-server';
import { backendFor, collect, failureOf } from './helpers';

type Status = 301 | 302 | 303 | 307 | 308;
const STATUSES: Status[] = [301, 302, 303, 307, 308];

/** Bytes a server received for a request: its request line, headers and body. */
export function bytesReceived(requests: readonly RecordedRequest[]): number {
  return requests.reduce((n, r) => n + Buffer.byteLength(`${r.method} ${r.path}${r.query}\r\n${Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${r.rawBody}`), 0);
}

/** Every request each client makes, as one call each (a stream is read to its end). */
function requestsOf(provider: ProviderKind, backend: Backend): Array<{ name: string; run: () => Promise<unknown> }> {
  const calls: Array<{ name: string; run: () => Promise<unknown> }> = [
    { name: 'completion', run: () => collect(backend.streamCompletion({ model: 'qwen2.5-coder:1.5b', prompt: 'const SECRET_CODE = ', suffix: ';' })) },
    { name: 'chat', run: () => collect(backend.streamChat({ model: 'qwen2.5-coder:1.5b', messages: [{ role: 'user', content: 'explain SECRET_CODE' }] })) },
    { name: 'model list', run: () => backend.listModels() },
    { name: 'model info', run: () => backend.modelInfo('qwen2.5-coder:1.5b') },
  ];
  if (provider === 'ollama') {
    calls.push({ name: 'version', run: () => backend.version() });
    calls.push({ name: 'pull', run: () => (backend as OllamaBackend).pullModel('starcoder2:3b', () => {}) });
  }
  return calls;
}

describe('originLockedFetch: redirects stay on the configured server', function () {
  this.timeout(20000);
  let server: FakeServer;
  let other: FakeServer;
  before(async () => {
    server = await startFakeServer();
    other = await startFakeServer();
  });
  after(async () => {
    await server.close();
    await other.close();
  });
  beforeEach(() => {
    server.reset();
    other.reset();
  });

  /** Redirects every first hop on `server` (to `other` by default), and serves the marked second hop. */
  const redirectAll = (status: Status, to: (r: RecordedRequest) => string = (r) => `${other.url}${r.path}`) =>
    server.reply((r) => (r.query.includes('moved') ? undefined : { redirect: { status, location: to(r) } }));

  describe('the fetch itself', () => {
    const locked = () => originLockedFetch({ provider: 'ollama', baseUrl: server.url });
    const post = (path: string) => locked()(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k-123' }, body: '{"model":"qwen2.5-coder:1.5b","prompt":"code"}' });

    for (const status of STATUSES) {
      it(`refuses a ${status} to another origin, naming both, and sends it nothing`, async () => {
        redirectAll(status);
        const error = await post('/api/show').then(
          () => assert.fail('the redirect was followed'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof BackendError);
        assert.equal(error.kind, 'refused');
        assert.equal(error.refusal, 'redirect');
        assert.equal(
          error.message,
          `The server at ${server.url} redirected to ${other.url}; Fathom does not follow redirects to another server. If that server is the right one, set "fathom.ollama.baseUrl" to it.`,
        );
        assert.equal(server.requests.length, 1);
        assert.equal(other.requests.length, 0);
      });
    }

    it('follows a 307 and a 308 on the same origin with the same method, headers and body', async () => {
      for (const status of [307, 308] as const) {
        server.reset();
        redirectAll(status, (r) => `${r.path}?moved=1`);
        const response = await post('/api/show');
        assert.equal(response.status, 200);
        assert.equal(((await response.json()) as { details: { family: string } }).details.family, 'qwen2');
        const [first, second] = server.requests;
        assert.equal(second.method, 'POST');
        assert.equal(second.query, '?moved=1');
        assert.equal(second.rawBody, first.rawBody);
        assert.equal(second.headers.authorization, 'Bearer k-123');
      }
    });

    it('turns a POST into a GET without body on a same-origin 301, 302 and 303', async () => {
      for (const status of [301, 302, 303] as const) {
        server.reset();
        redirectAll(status, () => '/api/version?moved=1');
        const response = await post('/api/show');
        assert.deepEqual(await response.json(), { version: '0.12.6' });
        const second = server.requests[1];
        assert.equal(second.endpoint, 'ollama.version');
        assert.equal(second.rawBody, '');
        assert.equal(second.headers['content-type'], undefined);
      }
    });

    it(`stops after ${MAX_REDIRECTS} same-origin redirects and hands back the last redirect`, async () => {
      server.reply(() => ({ redirect: { status: 307, location: '/api/show' } }));
      const response = await post('/api/show');
      assert.equal(response.status, 307);
      assert.equal(server.requests.length, MAX_REDIRECTS + 1);
    });

    it('refuses a request to another origin than the configured one without sending it', async () => {
      const error = await locked()(`${other.url}/api/tags`).then(
        () => assert.fail('sent'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof BackendError && error.refusal === 'redirect');
      assert.equal(other.requests.length, 0);
    });

    it('an Ollama base URL without a scheme still works (the SDK completes it), and stays locked to that server', async () => {
      const ollama = new OllamaBackend({ baseUrl: `127.0.0.1:${server.port}` });
      assert.ok((await ollama.listModels()).length > 0);
      redirectAll(307);
      const error = await failureOf(ollama.listModels());
      assert.equal(error.message.startsWith(`The server at ${server.url} redirected to ${other.url};`), true, error.message);
      assert.equal(other.requests.length, 0);
    });

    it('asks the endpoint rule before sending: a refusal sends nothing', async () => {
      const seen: string[] = [];
      const fetch = originLockedFetch({ provider: 'ollama', baseUrl: server.url, rule: (url) => (seen.push(url.pathname), 'localOnly') });
      const error = await fetch(`${server.url}/api/tags`).then(
        () => assert.fail('sent'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof BackendError && error.refusal === 'localOnly');
      assert.deepEqual(seen, ['/api/tags']);
      assert.equal(server.requests.length, 0);
    });
  });

  for (const provider of ['ollama', 'openai'] as const) {
    describe(`${provider}: every request`, () => {
      for (const status of [307, 308] as const) {
        it(`a cross-origin ${status} is refused for each, and the other server receives 0 requests and 0 bytes`, async () => {
          const backend = backendFor(provider, server, { apiKey: 'sk-local-key-123456' });
          const calls = requestsOf(provider, backend);
          redirectAll(status);
          for (const call of calls) {
            const error = await failureOf(call.run());
            assert.equal(error.kind, 'refused', `${call.name}: ${error.message}`);
            assert.equal(error.refusal, 'redirect', call.name);
            assert.match(error.message, new RegExp(`^The server at ${server.url} redirected to ${other.url}; Fathom does not follow redirects to another server\\.`), call.name);
          }
          assert.equal(server.requests.length, calls.length, 'each call reached the configured server once');
          assert.equal(other.requests.length, 0);
          assert.equal(bytesReceived(other.requests), 0);
        });
      }

      it('a same-origin 307 is followed for each, and the answers are the normal ones', async () => {
        const backend = backendFor(provider, server);
        redirectAll(307, (r) => `${r.path}?moved=1`);
        const calls = requestsOf(provider, backend);
        const answers = [];
        for (const call of calls) answers.push(await call.run());
        assert.ok((answers[0] as string[]).join('').length > 0, 'the completion streamed its text');
        assert.ok((answers[2] as Array<{ name: string }>).some((m) => m.name === 'qwen2.5-coder:1.5b'), 'the model list arrived');
        assert.equal(server.requests.filter((r) => r.query === '?moved=1').length, calls.length, 'every call took the redirect');
        assert.equal(other.requests.length, 0);
      });
    });
  }
});
