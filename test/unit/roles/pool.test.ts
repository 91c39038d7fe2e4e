import * as assert from 'node:assert/strict';
import { BackendPool } from '../../../src/roles/pool';
import { ServerActivity } from '../../../src/roles/serverActivity';
import { objectSource, parseConfig, type FathomConfig } from '../../../src/config/settings';
import { silentLogger } from '../../../src/logging/logger';
import { answerCharLimit } from '../../../src/backends/answerCap';
import { failureOf } from '../backends/helpers';
import { startFakeServer, type FakeServer } from '../../fake-server';

describe('BackendPool', () => {
  let server: FakeServer;
  let config: FathomConfig;
  before(async () => (server = await startFakeServer()));
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    config = parseConfig(objectSource({ 'ollama.baseUrl': server.url, contextLength: 4096 }));
  });

  it('caps every streamed answer once, for every role: an endless answer ends in tooLong at answerCharLimit', async () => {
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    for (const role of ['completion', 'chat'] as const) {
      server.reset();
      server.replyOnce({ chunks: ['x'.repeat(100)], endless: true, tokenMs: 1 });
      const { backend, settings } = await pool.backendFor(role);
      const stream = role === 'chat' ? backend.streamChat({ model: settings.model, maxTokens: 16, messages: [{ role: 'user', content: 'go' }] }) : backend.streamCompletion({ model: settings.model, maxTokens: 16, prompt: 'go' });
      const error = await failureOf(stream);
      assert.equal(error.kind, 'tooLong', role);
      assert.equal(error.limitChars, answerCharLimit(16), role);
      await server.waitFor((rs) => rs.find((r) => r.closedByClient), 5000, 'the endless stream to be closed by the client');
    }
  });

  it("makes nothing until asked, then reuses each role's client (both roles on the same server by default)", async () => {
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    assert.equal(server.requests.length, 0);
    const a = await pool.backendFor('completion');
    const b = await pool.backendFor('chat');
    assert.equal(a.backend, (await pool.backendFor('completion')).backend);
    assert.equal(a.backend.baseUrl, server.url);
    assert.equal(b.backend.baseUrl, server.url);
    assert.equal(a.settings.model, 'qwen2.5-coder:1.5b');
    assert.equal(b.settings.model, 'qwen2.5-coder:7b');
  });

  it("counts the chat role's streams on its server (completions to a local one wait), not the completion role's", async () => {
    const activity = new ServerActivity();
    const pool = new BackendPool(() => config, async () => undefined, silentLogger, Date.now, undefined, undefined, activity);
    server.reply(() => ({ chunks: ['one ', 'two ', 'three'], tokenMs: 5 }));
    const chat = await pool.backendFor('chat');
    const during: boolean[] = [];
    for await (const _chunk of chat.backend.streamChat({ model: chat.settings.model, messages: [{ role: 'user', content: 'go' }] })) during.push(activity.busyLocally(server.url));
    assert.ok(during.length > 0 && during.every(Boolean));
    assert.equal(activity.busyLocally(server.url), false);
    const completion = await pool.backendFor('completion');
    for await (const _chunk of completion.backend.streamCompletion({ model: completion.settings.model, prompt: 'go' })) assert.equal(activity.busyLocally(server.url), false);
  });

  it('caches model info, caps the context at what the model reports, and refetches after invalidate', async () => {
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    const first = await pool.forRole('completion');
    await pool.forRole('completion');
    assert.equal(first.info.supportsFim, true);
    assert.equal(first.contextLength, 4096, 'the configured 4096 is below the model’s 32768');
    assert.equal(server.requests.filter((r) => r.endpoint === 'ollama.show').length, 1);
    pool.invalidate();
    await pool.forRole('completion');
    assert.equal(server.requests.filter((r) => r.endpoint === 'ollama.show').length, 2);
  });

  it('does not cache a failed model lookup', async () => {
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    server.replyOnce({ status: 500 }, 'ollama.show');
    await assert.rejects(pool.forRole('completion'));
    const ok = await pool.forRole('completion');
    assert.equal(ok.info.supportsFim, true);
  });

  it('follows settings and keys: a new server or key gets a new client that sends it', async () => {
    const stored: { key?: string } = {};
    const pool = new BackendPool(() => config, async () => stored.key, silentLogger);
    const before = (await pool.backendFor('chat')).backend;
    stored.key = 'secret-1';
    const after = (await pool.backendFor('chat')).backend;
    assert.notEqual(before, after);
    await after.listModels();
    assert.equal(server.requests.at(-1)?.headers.authorization, 'Bearer secret-1');
  });

  it('asks an OpenAI-compatible server for native fill-in-the-middle only when fathom.openai.fim says it can', async () => {
    const openai = (fim: boolean) =>
      parseConfig(objectSource({ 'completion.provider': 'openai', 'openai.baseUrl': `${server.url}/v1`, 'openai.fim': fim }));
    const off = await new BackendPool(() => openai(false), async () => undefined, silentLogger).forRole('completion');
    const on = await new BackendPool(() => openai(true), async () => undefined, silentLogger).forRole('completion');
    assert.equal(off.info.supportsFim, false);
    assert.equal(on.info.supportsFim, true);
  });
});
