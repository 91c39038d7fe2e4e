/**
 * Figure 10, the endpoint guard. Every kind of request Fathom makes — completion, chat, model list, model
 * info, version, Pull Model — on both protocols, through the real BackendPool (endpoint guard, redaction,
 * request log, the SDKs and originLockedFetch), over real HTTP:
 *
 * (a) Redirects: the configured fake server answers every request with a 301/302/303/307/308 pointing at a
 *     second fake server, which records whatever arrives. It must receive 0 requests and 0 bytes; every
 *     request must fail with the redirect refusal. A control redirects on the same origin, which is followed:
 *     proof that the redirects are really being exercised.
 * (b) Local-only mode: the endpoint is `http://0.0.0.0:<port>` — not a loopback address by the rule, yet it
 *     reaches the fake server listening on 127.0.0.1. With `fathom.localOnly` on, 0 requests may reach it; the
 *     control run with it off reaches it with every request (proof the zero is the rule's doing).
 */
import * as assert from 'node:assert/strict';
import { isBackendError } from '../../src/backends/errors';
import { BackendPool } from '../../src/roles/pool';
import type { ProviderKind } from '../../src/backends/types';
import { objectSource, parseConfig } from '../../src/config/settings';
import { silentLogger } from '../../src/logging/logger';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fake-server';
import { record, SECTIONS } from './figures';
import { drain } from './helpers';

const PROVIDERS: ProviderKind[] = ['ollama', 'openai'];
const STATUSES = [301, 302, 303, 307, 308] as const;
const CODE = 'const zebraSecretCode = 42;';

type Kind = 'completion' | 'chat' | 'model list' | 'model info' | 'version' | 'pull';
/** The kinds each protocol makes requests for (OpenAI-compatible servers have no version or pull endpoint). */
const KINDS: Record<ProviderKind, Kind[]> = {
  ollama: ['completion', 'chat', 'model list', 'model info', 'version', 'pull'],
  openai: ['completion', 'chat', 'model list', 'model info'],
};

function poolAt(baseUrl: string, provider: ProviderKind, localOnly: boolean): BackendPool {
  const config = parseConfig(
    objectSource({ 'completion.provider': provider, 'chat.provider': provider, 'ollama.baseUrl': baseUrl, 'openai.baseUrl': `${baseUrl}/v1`, localOnly, requestTimeoutMs: 5000 }),
  );
  // A key is configured: it must not travel to the redirect target (or anywhere, under local-only mode).
  return new BackendPool(() => config, async () => 'sk-zebra-key-0123456789', silentLogger, Date.now, async () => true);
}

/** One request of `kind`, the way the extension makes it (through the pool's guarded client). */
async function requestOf(pool: BackendPool, kind: Kind): Promise<void> {
  const role = kind === 'chat' ? 'chat' : 'completion';
  const { backend, settings } = await pool.backendFor(role);
  switch (kind) {
    case 'completion':
      await drain(backend.streamCompletion({ model: settings.model, prompt: CODE, suffix: '\n' }));
      return;
    case 'chat':
      await drain(backend.streamChat({ model: settings.model, messages: [{ role: 'user', content: `Explain ${CODE}` }] }));
      return;
    case 'model list':
      await backend.listModels();
      return;
    case 'model info':
      await backend.modelInfo(settings.model);
      return;
    case 'version':
      await backend.version();
      return;
    case 'pull':
      await (await pool.ollama()).pullModel('starcoder2:3b', () => {});
      return;
  }
}

/** The refusal a request failed with, or 'sent' when it went through. */
async function outcome(run: Promise<void>): Promise<string> {
  try {
    await run;
    return 'sent';
  } catch (error) {
    return isBackendError(error) ? `${error.kind}${error.refusal ? `:${error.refusal}` : ''}` : `error: ${String(error)}`;
  }
}

function bytesOf(requests: readonly RecordedRequest[]): number {
  return requests.reduce((n, r) => n + Buffer.byteLength(`${r.method} ${r.path}${r.query}\r\n${Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${r.rawBody}`), 0);
}

interface RedirectCase {
  provider: ProviderKind;
  kind: Kind;
  status: number;
  outcome: string;
}

describe('security 10: the endpoint guard — redirects, and every request under local-only mode', function () {
  this.timeout(60_000);
  let server: FakeServer;
  let target: FakeServer;
  before(async () => {
    server = await startFakeServer();
    target = await startFakeServer();
  });
  after(async () => {
    await server.close();
    await target.close();
  });
  beforeEach(() => {
    server.reset();
    target.reset();
  });

  const redirects: RedirectCase[] = [];
  /** What the redirect target received over all redirect runs. */
  const atTarget = { requests: 0, bytes: 0 };
  let sameOrigin = { requests: 0, followed: 0 };
  const localOnly: { provider: ProviderKind; kind: Kind; attempted: number; reached: number; outcome: string }[] = [];
  const control: { provider: ProviderKind; kind: Kind; reached: number }[] = [];
  const perRole: { provider: ProviderKind; kind: string; remoteReached: number; localReached: number; outcome: string; keyElsewhere: number }[] = [];

  for (const provider of PROVIDERS) {
    it(`${provider}: a cross-origin redirect of any status is refused for every kind of request; the target receives nothing`, async () => {
      for (const status of STATUSES) {
        server.reply((r) => ({ redirect: { status, location: `${target.url}${r.path}` } }));
        const pool = poolAt(server.url, provider, false);
        for (const kind of KINDS[provider]) redirects.push({ provider, kind, status, outcome: await outcome(requestOf(pool, kind)) });
      }
      const mine = redirects.filter((r) => r.provider === provider);
      atTarget.requests += target.requests.length;
      atTarget.bytes += bytesOf(target.requests);
      assert.deepEqual([...new Set(mine.map((r) => r.outcome))], ['refused:redirect']);
      assert.equal(server.requests.length, mine.length, 'each request reached the configured server once, and went no further');
      assert.equal(target.requests.length, 0, 'requests at the redirect target');
      assert.equal(bytesOf(target.requests), 0, 'bytes at the redirect target');
    });

    it(`${provider}: control — a same-origin redirect is followed for every kind of request`, async () => {
      server.reply((r) => (r.query.includes('moved') ? undefined : { redirect: { status: 307, location: `${r.path}?moved=1` } }));
      const pool = poolAt(server.url, provider, false);
      for (const kind of KINDS[provider]) assert.equal(await outcome(requestOf(pool, kind)), 'sent', kind);
      const followed = server.requests.filter((r) => r.query === '?moved=1').length;
      assert.equal(followed, KINDS[provider].length);
      sameOrigin = { requests: sameOrigin.requests + KINDS[provider].length, followed: sameOrigin.followed + followed };
    });

    it(`${provider}: local-only mode refuses every kind of request to a remote endpoint; none reaches the server`, async () => {
      const remote = server.url.replace('127.0.0.1', '0.0.0.0');
      for (const kind of KINDS[provider]) {
        server.reset();
        const result = await outcome(requestOf(poolAt(remote, provider, true), kind));
        localOnly.push({ provider, kind, attempted: 1, reached: server.requests.length, outcome: result });
        assert.equal(result, 'refused:localOnly', kind);
        assert.equal(server.requests.length, 0, `${kind}: requests that reached the server`);
      }
    });

    it(`${provider}: control — without local-only mode the same endpoint is reached by every kind of request`, async () => {
      const remote = server.url.replace('127.0.0.1', '0.0.0.0');
      for (const kind of KINDS[provider]) {
        server.reset();
        assert.equal(await outcome(requestOf(poolAt(remote, provider, false), kind)), 'sent', kind);
        control.push({ provider, kind, reached: server.requests.length });
        assert.ok(server.requests.length > 0, `${kind} reached the server`);
      }
    });

    it(`${provider}: a server per role under local-only mode — the chat role's remote server gets nothing, the completion role's local one works, and no key crosses over`, async () => {
      // chat.baseUrl is remote (0.0.0.0 reaches the target fake but is not loopback); completion.baseUrl local.
      const local = provider === 'ollama' ? server.url : `${server.url}/v1`;
      const remote = (provider === 'ollama' ? target.url : `${target.url}/v1`).replace('127.0.0.1', '0.0.0.0');
      const config = parseConfig(objectSource({ 'completion.provider': provider, 'chat.provider': provider, 'completion.baseUrl': local, 'chat.baseUrl': remote, 'ollama.baseUrl': 'http://127.0.0.1:9', 'openai.baseUrl': 'http://127.0.0.1:9/v1', localOnly: true, requestTimeoutMs: 5000 }));
      // Each server has its own key; the local server's must never reach another.
      const pool = new BackendPool(() => config, async (_p, baseUrl) => (baseUrl === local ? 'sk-local-zebra-0123' : 'sk-remote-zebra-4567'), silentLogger, Date.now, async () => true);
      const chat = await pool.backendFor('chat');
      const completion = await pool.backendFor('completion');
      const chatKinds: [string, () => Promise<unknown>][] = [
        ['chat', () => drain(chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'user', content: `Explain ${CODE}` }] }))],
        ['chat: model list', () => chat.backend.listModels()],
        ['chat: model info', () => chat.backend.modelInfo(chat.settings.model)],
        ['chat: version', () => chat.backend.version()],
      ];
      for (const [kind, run] of chatKinds) {
        const before = server.requests.length;
        const result = await outcome(run().then(() => undefined));
        perRole.push({ provider, kind, remoteReached: target.requests.length, localReached: server.requests.length - before, outcome: result, keyElsewhere: 0 });
        assert.equal(result, 'refused:localOnly', kind);
      }
      assert.equal(await outcome(drain(completion.backend.streamCompletion({ model: completion.settings.model, prompt: CODE, suffix: '\n' })).then(() => undefined)), 'sent');
      const keyElsewhere = target.requests.filter((r) => JSON.stringify(r.headers).includes('sk-local-zebra')).length;
      perRole.push({ provider, kind: 'completion (local role server)', remoteReached: target.requests.length, localReached: server.requests.length, outcome: 'sent', keyElsewhere });
      assert.equal(target.requests.length, 0, "requests that reached the chat role's remote server");
      assert.ok(server.requests.length > 0, 'the completion role reached its local server');
      assert.ok(server.requests.every((r) => !JSON.stringify(r.headers).includes('sk-remote-zebra')), "the chat server's key never went to the completion server");
    });
  }

  after(() => {
    const kinds = (provider: ProviderKind) => KINDS[provider].length;
    const followed = redirects.filter((r) => r.outcome !== 'refused:redirect').length;
    const rows = [
      {
        metric: `cross-origin redirects tried (${STATUSES.join('/')} × ${PROVIDERS.map((p) => `${p}: ${kinds(p)} kinds`).join(', ')})`,
        value: redirects.length,
        unit: '',
      },
      { metric: 'cross-origin redirects followed', value: followed, unit: '', target: '= 0', pass: redirects.length > 0 && followed === 0 },
      { metric: 'requests reaching the redirect target', value: atTarget.requests, unit: '', target: '= 0', pass: redirects.length > 0 && atTarget.requests === 0 },
      { metric: 'bytes reaching the redirect target (code, headers, key)', value: atTarget.bytes, unit: ' B', target: '= 0', pass: redirects.length > 0 && atTarget.bytes === 0 },
      { metric: 'control: same-origin redirects followed', value: sameOrigin.followed, unit: ` / ${sameOrigin.requests}`, target: `= ${sameOrigin.requests}`, pass: sameOrigin.requests > 0 && sameOrigin.followed === sameOrigin.requests },
    ];
    for (const kind of ['completion', 'chat', 'model list', 'model info', 'version', 'pull'] as Kind[]) {
      const cases = localOnly.filter((c) => c.kind === kind);
      if (cases.length === 0) continue;
      const reached = cases.reduce((n, c) => n + c.reached, 0);
      rows.push({
        metric: `local-only mode, remote endpoint: ${kind} requests reaching the server (${cases.length} attempted: ${cases.map((c) => c.provider).join(', ')})`,
        value: reached,
        unit: '',
        target: '= 0',
        pass: reached === 0 && cases.every((c) => c.outcome === 'refused:localOnly'),
      });
    }
    const controlReached = control.filter((c) => c.reached > 0).length;
    rows.push({ metric: 'control without local-only mode: kinds of request that reached the same endpoint', value: controlReached, unit: ` / ${control.length}`, target: `= ${control.length}`, pass: control.length > 0 && controlReached === control.length });
    const refusedRole = perRole.filter((c) => c.kind !== 'completion (local role server)');
    const reachedRemote = perRole.reduce((n, c) => Math.max(n, c.remoteReached), 0);
    rows.push({
      metric: `a server per role, local-only mode: requests reaching the chat role's remote server (${refusedRole.length} chat-role requests tried: ${PROVIDERS.join(', ')})`,
      value: reachedRemote,
      unit: '',
      target: '= 0',
      pass: refusedRole.length > 0 && reachedRemote === 0 && refusedRole.every((c) => c.outcome === 'refused:localOnly'),
    });
    const localWorked = perRole.filter((c) => c.kind === 'completion (local role server)' && c.localReached > 0).length;
    rows.push({ metric: 'a server per role, local-only mode: completion roles on a local server that still work', value: localWorked, unit: ` / ${PROVIDERS.length}`, target: `= ${PROVIDERS.length}`, pass: localWorked === PROVIDERS.length });
    record(SECTIONS.endpoints, rows, { endpoints: { redirects, localOnly, control, perRole } });
  });
});
