import * as assert from 'node:assert/strict';
import { BackendPool } from '../../../src/roles/pool';
import { distinctServers, keyTargets, pullTargetFor, pullTargets, roleServers } from '../../../src/roles/servers';
import { objectSource, parseConfig, roleBaseUrl, type FathomConfig } from '../../../src/config/settings';
import { RESTRICTED_SETTINGS, trustedSource } from '../../../src/config/trust';
import type { RequestRecord } from '../../../src/backends/requestRecord';
import { silentLogger } from '../../../src/logging/logger';
import { failureOf } from '../backends/helpers';
import { CORPUS } from '../privacy/corpus';
import { startFakeServer, type FakeServer } from '../../fake-server';

async function drain(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

const generation = (server: FakeServer) => server.requests.filter((r) => r.endpoint === 'ollama.generate' || r.endpoint === 'ollama.chat' || r.endpoint === 'openai.chat' || r.endpoint === 'openai.completions');

describe('a server per role (fathom.completion.baseUrl, fathom.chat.baseUrl)', () => {
  describe('resolution', () => {
    it("empty (the default) is the provider's URL, so today's configurations keep working", () => {
      const c = parseConfig(objectSource({ 'ollama.baseUrl': 'http://127.0.0.1:11500', 'chat.provider': 'openai', 'openai.baseUrl': 'https://api.example.com/v1' }));
      assert.equal(c.completion.baseUrl, '');
      assert.equal(roleBaseUrl(c, 'completion'), 'http://127.0.0.1:11500');
      assert.equal(roleBaseUrl(c, 'chat'), 'https://api.example.com/v1');
    });

    it("a role's own URL wins over its provider's, trimmed and without a trailing slash; the other role keeps the provider's", () => {
      const c = parseConfig(objectSource({ 'completion.provider': 'openai', 'completion.baseUrl': ' http://127.0.0.1:8080/v1/ ', 'chat.provider': 'openai', 'openai.baseUrl': 'https://api.openai.com/v1' }));
      assert.equal(roleBaseUrl(c, 'completion'), 'http://127.0.0.1:8080/v1');
      assert.equal(roleBaseUrl(c, 'chat'), 'https://api.openai.com/v1');
    });

    it('both are restricted: an untrusted workspace cannot point a role at its own server', () => {
      for (const key of ['completion.baseUrl', 'chat.baseUrl'] as const) assert.ok(RESTRICTED_SETTINGS.includes(key), key);
      const workspace: Record<string, unknown> = { 'chat.baseUrl': 'https://collector.example' };
      const c = parseConfig(trustedSource((k) => workspace[k], () => ({ globalValue: undefined, workspaceValue: workspace['chat.baseUrl'] }), false));
      assert.equal(roleBaseUrl(c, 'chat'), 'http://127.0.0.1:11434');
    });

    it('lists every role on its server, and each distinct server once with its roles', () => {
      const c = parseConfig(objectSource({ 'chat.baseUrl': 'http://gpu-box:11434', 'nextEdit.model': 'zeta', 'embeddings.provider': 'ollama', 'embeddings.baseUrl': 'http://gpu-box:11434/' }));
      assert.deepEqual(roleServers(c).map((r) => [r.role, r.baseUrl]), [
        ['completion', 'http://127.0.0.1:11434'],
        ['chat', 'http://gpu-box:11434'],
        ['nextEdit', 'http://127.0.0.1:11434'],
        ['embeddings', 'http://gpu-box:11434'],
      ]);
      assert.deepEqual(distinctServers(roleServers(c)), [
        { provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', roles: ['completion', 'nextEdit'] },
        { provider: 'ollama', baseUrl: 'http://gpu-box:11434', roles: ['chat', 'embeddings'] },
      ]);
    });

    it('offers a key for every role’s server (one per origin), then each provider’s own', () => {
      const c = parseConfig(objectSource({ 'completion.provider': 'openai', 'completion.baseUrl': 'http://127.0.0.1:8080/v1', 'chat.provider': 'openai', 'openai.baseUrl': 'https://api.openai.com/v1' }));
      assert.deepEqual(keyTargets(c, ['openai', 'ollama']).map((t) => [t.provider, t.baseUrl, t.roles.join(',')]), [
        ['openai', 'http://127.0.0.1:8080/v1', 'completion'],
        ['openai', 'https://api.openai.com/v1', 'chat'],
        ['ollama', 'http://127.0.0.1:11434', ''],
      ]);
    });

    it('pulls into the Ollama a role uses: named by the role or by its URL; a role not on Ollama or an unknown URL names none', () => {
      const c = parseConfig(objectSource({ 'ollama.baseUrl': 'http://127.0.0.1:11434', 'chat.baseUrl': 'http://gpu-box:11434', 'nextEdit.model': 'zeta', 'nextEdit.provider': 'openai' }));
      assert.deepEqual(pullTargets(c).map((t) => [t.baseUrl, t.roles]), [['http://127.0.0.1:11434', ['completion']], ['http://gpu-box:11434', ['chat']]]);
      assert.equal(pullTargetFor(c, 'chat')?.baseUrl, 'http://gpu-box:11434');
      assert.equal(pullTargetFor(c, 'http://gpu-box:11434/')?.baseUrl, 'http://gpu-box:11434');
      assert.equal(pullTargetFor(c, 'nextEdit'), undefined);
      assert.equal(pullTargetFor(c, 'http://attacker.example:11434'), undefined);
      const noOllama = parseConfig(objectSource({ 'completion.provider': 'openai', 'chat.provider': 'openai', 'ollama.baseUrl': 'http://127.0.0.1:11500' }));
      assert.deepEqual(pullTargets(noOllama), [{ provider: 'ollama', baseUrl: 'http://127.0.0.1:11500', roles: [] }]);
    });
  });

  describe('the pool', () => {
    let a: FakeServer;
    let b: FakeServer;
    before(async () => {
      a = await startFakeServer();
      b = await startFakeServer();
    });
    after(async () => {
      await a.close();
      await b.close();
    });
    beforeEach(() => {
      a.reset();
      b.reset();
    });

    const hybrid = (extra: Record<string, unknown> = {}): FathomConfig => parseConfig(objectSource({ 'ollama.baseUrl': 'http://127.0.0.1:9', 'completion.baseUrl': a.url, 'chat.provider': 'openai', 'chat.baseUrl': `${b.url}/v1`, ...extra }));

    it('sends completions to the completion server only and chat to the chat server only', async () => {
      const pool = new BackendPool(() => hybrid(), async () => undefined, silentLogger);
      const completion = await pool.backendFor('completion');
      const chat = await pool.backendFor('chat');
      assert.equal(completion.backend.provider, 'ollama');
      assert.equal(chat.backend.provider, 'openai');
      await drain(completion.backend.streamCompletion({ model: completion.settings.model, prompt: 'const a = ', maxTokens: 8 }));
      await drain(chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'user', content: 'hi' }], maxTokens: 8 }));
      assert.deepEqual(generation(a).map((r) => r.endpoint), ['ollama.generate']);
      assert.deepEqual(generation(b).map((r) => r.endpoint), ['openai.chat']);
    });

    it("gives each role its own server's key, never the other server's", async () => {
      const keys = new Map([[`openai ${b.url}/v1`, 'key-for-b']]);
      const asked: string[] = [];
      const pool = new BackendPool(() => hybrid(), async (provider, baseUrl) => (asked.push(`${provider} ${baseUrl}`), keys.get(`${provider} ${baseUrl}`)), silentLogger);
      const completion = await pool.backendFor('completion');
      const chat = await pool.backendFor('chat');
      await drain(completion.backend.streamCompletion({ model: completion.settings.model, prompt: 'x', maxTokens: 8 }));
      await drain(chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'user', content: 'hi' }], maxTokens: 8 }));
      assert.deepEqual(asked, [`ollama ${a.url}`, `openai ${b.url}/v1`]);
      assert.equal(generation(a)[0].headers.authorization, undefined);
      assert.equal(generation(b)[0].headers.authorization, 'Bearer key-for-b');
    });

    it("local-only mode judges each role's own URL: a local completion server is used, a remote chat server is refused before anything is sent", async () => {
      // 0.0.0.0 reaches the fake server but is not a loopback address.
      const remote = b.url.replace('127.0.0.1', '0.0.0.0');
      const config = parseConfig(objectSource({ 'completion.baseUrl': a.url, 'chat.baseUrl': remote, localOnly: true }));
      const pool = new BackendPool(() => config, async () => undefined, silentLogger);
      const completion = await pool.backendFor('completion');
      assert.ok((await drain(completion.backend.streamCompletion({ model: completion.settings.model, prompt: 'x', maxTokens: 8 }))).length > 0);
      const chat = await pool.backendFor('chat');
      const error = await failureOf(chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'user', content: 'hi' }] }));
      assert.equal(error.kind, 'refused');
      assert.equal(error.refusal, 'localOnly');
      assert.match(error.message, new RegExp(`refuses ${remote.replace(/\./g, '\\.')}.*Point "fathom\\.chat\\.baseUrl" at a local server`));
      assert.equal(b.requests.length, 0);
      assert.equal(generation(a).length, 1);
    });

    it("asks consent for the chat role's own server (not the provider's URL), and redacts what goes there", async () => {
      const remote = b.url.replace('127.0.0.1', '0.0.0.0');
      const asked: string[] = [];
      const records: RequestRecord[] = [];
      const config = parseConfig(objectSource({ 'completion.baseUrl': a.url, 'chat.baseUrl': remote }));
      const pool = new BackendPool(() => config, async () => undefined, silentLogger, Date.now, async (url) => (asked.push(url), true), (r) => records.push(r));
      const secret = CORPUS[0].context;
      const chat = await pool.backendFor('chat');
      await drain(chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'user', content: `Is this safe?\n${secret}` }], maxTokens: 8 }));
      const completion = await pool.backendFor('completion');
      await drain(completion.backend.streamCompletion({ model: completion.settings.model, prompt: 'x', maxTokens: 8 }));
      assert.deepEqual(asked, [remote], 'asked once, for the chat server; the local completion server needs no consent');
      const sent = generation(b)[0].rawBody;
      assert.ok(!sent.includes(CORPUS[0].secret), 'the secret did not reach the chat server');
      assert.equal(a.requests.filter((r) => r.endpoint === 'ollama.chat').length, 0);
      // Show Last Request names the role and its server.
      assert.deepEqual(records.map((r) => [r.role, r.baseUrl]), [['chat', remote], ['completion', a.url]]);
    });

    it("pulls into the Ollama of the role asked for, else into fathom.ollama.baseUrl", async () => {
      const config = parseConfig(objectSource({ 'ollama.baseUrl': a.url, 'chat.baseUrl': b.url }));
      const pool = new BackendPool(() => config, async () => undefined, silentLogger);
      assert.equal((await pool.ollama('chat')).baseUrl, b.url);
      assert.equal((await pool.ollama('completion')).baseUrl, a.url);
      assert.equal((await pool.ollama()).baseUrl, a.url);
    });
  });
});
