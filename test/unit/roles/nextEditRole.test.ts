import * as assert from 'node:assert/strict';
import { BackendPool } from '../../../src/roles/pool';
import { objectSource, parseConfig, type FathomConfig } from '../../../src/config/settings';
import { silentLogger } from '../../../src/logging/logger';
import { failureOf } from '../backends/helpers';
import { startFakeServer, type FakeServer } from '../../fake-server';

describe('BackendPool: the next-edit role', () => {
  let server: FakeServer;
  before(async () => (server = await startFakeServer()));
  after(() => server.close());
  beforeEach(() => server.reset());

  it('has no backend while no next-edit model is configured', async () => {
    const config = parseConfig(objectSource({ 'ollama.baseUrl': server.url }));
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    assert.equal(await pool.nextEditBackend(), undefined);
  });

  it('talks to its own endpoint when one is set, else uses the provider\'s server', async () => {
    let config: FathomConfig = parseConfig(objectSource({ 'ollama.baseUrl': 'http://127.0.0.1:9', 'nextEdit.model': 'zeta', 'nextEdit.baseUrl': server.url }));
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    const role = (await pool.nextEditBackend())!;
    assert.equal(role.settings.model, 'zeta');
    assert.equal(role.backend.baseUrl, server.url);
    for await (const _ of role.backend.streamCompletion({ model: 'qwen2.5-coder:1.5b', prompt: 'p', raw: true, maxTokens: 8 })) void _;
    assert.ok(server.requests.some((r) => r.endpoint === 'ollama.generate'));
    config = parseConfig(objectSource({ 'ollama.baseUrl': server.url, 'nextEdit.model': 'zeta' }));
    pool.invalidate();
    const shared = (await pool.nextEditBackend())!;
    assert.equal(shared.backend.baseUrl, (await pool.backendFor('completion')).backend.baseUrl);
  });

  it('is guarded like every role: local-only mode refuses a remote next-edit endpoint before anything is sent', async () => {
    const config = parseConfig(objectSource({ 'ollama.baseUrl': server.url, 'nextEdit.model': 'zeta', 'nextEdit.baseUrl': 'https://example.com', localOnly: true }));
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    const role = (await pool.nextEditBackend())!;
    const error = await failureOf(role.backend.streamCompletion({ model: 'zeta', prompt: 'p', raw: true, maxTokens: 8 }));
    assert.ok(error.kind, 'refused with a backend error');
    assert.equal(server.requests.length, 0);
  });
});
