import * as assert from 'node:assert/strict';
import { BackendPool } from '../../../src/roles/pool';
import { objectSource, parseConfig } from '../../../src/config/settings';
import { silentLogger } from '../../../src/logging/logger';
import { failureOf } from '../backends/helpers';
import { startFakeServer, type FakeServer } from '../../fake-server';

describe('BackendPool: the embeddings role', () => {
  let server: FakeServer;
  before(async () => (server = await startFakeServer()));
  after(() => server.close());
  beforeEach(() => server.reset());

  it('has no backend while embeddings are off', async () => {
    const config = parseConfig(objectSource({ 'ollama.baseUrl': server.url }));
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    assert.equal(await pool.embeddingsBackend(), undefined);
  });

  it('embeds through its own endpoint when set, redacting every text first', async () => {
    const config = parseConfig(objectSource({ 'ollama.baseUrl': 'http://127.0.0.1:9', 'embeddings.provider': 'openai', 'embeddings.baseUrl': `${server.url}/v1` }));
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    const role = (await pool.embeddingsBackend())!;
    assert.equal(role.backend.baseUrl, `${server.url}/v1`);
    const secret = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    const vectors = await role.backend.embed([`const token = "${secret}";`, 'plain'], role.settings.model);
    assert.equal(vectors.length, 2);
    const sent = server.requests.find((r) => r.endpoint === 'openai.embeddings')!;
    assert.ok(!sent.rawBody.includes(secret), 'the secret was not sent');
    assert.match(sent.rawBody, /«secret:/);
  });

  it('local-only mode refuses a remote embeddings endpoint before anything is sent', async () => {
    const config = parseConfig(objectSource({ 'embeddings.provider': 'ollama', 'embeddings.baseUrl': 'https://example.com', localOnly: true }));
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    const role = (await pool.embeddingsBackend())!;
    const error = await failureOf(role.backend.embed(['x'], role.settings.model));
    assert.equal(error.kind, 'refused');
    assert.equal(error.refusal, 'localOnly');
  });

  it('a declined remote endpoint gets nothing: consent is asked before the request', async () => {
    let asked = 0;
    const config = parseConfig(objectSource({ 'embeddings.provider': 'ollama', 'embeddings.baseUrl': 'https://example.com' }));
    const pool = new BackendPool(() => config, async () => undefined, silentLogger, Date.now, async () => (asked++, false));
    const role = (await pool.embeddingsBackend())!;
    const error = await failureOf(role.backend.embed(['x'], role.settings.model));
    assert.equal(error.refusal, 'declined');
    assert.equal(asked, 1);
  });
});
