import * as assert from 'node:assert/strict';
import { objectSource, parseConfig } from '../../../src/config/settings';
import { EMBEDDINGS_OFF } from '../../../src/doctor/embeddingsProbe';
import { formatReport } from '../../../src/doctor/formatReport';
import { runDoctor } from '../../../src/doctor/probe';
import { silentLogger } from '../../../src/logging/logger';
import { BackendPool } from '../../../src/roles/pool';
import { startFakeServer, type FakeServer } from '../../fake-server';

describe('doctor: the embeddings role', () => {
  let server: FakeServer;
  before(async () => (server = await startFakeServer()));
  after(() => server.close());
  beforeEach(() => server.reset());

  function doctor(settings: Record<string, unknown>) {
    const config = parseConfig(objectSource({ 'ollama.baseUrl': server.url, requestTimeoutMs: 2000, ...settings }));
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    return runDoctor((role) => pool.backendFor(role), { timeoutMs: 2000 }, undefined, () => pool.embeddingsBackend());
  }

  it('off: a note that search is lexical, not a problem', async () => {
    const report = await doctor({});
    assert.deepEqual(report.embeddings, { state: 'off', note: EMBEDDINGS_OFF });
    assert.equal(report.ok, true);
    assert.match(formatReport(report), /^Codebase search: lexical only — set fathom\.embeddings\.provider/m);
  });

  it('on: embeds one short text and reports the vectors’ length', async () => {
    const report = await doctor({ 'embeddings.provider': 'ollama' });
    assert.equal(report.embeddings?.state, 'ok');
    assert.equal(report.embeddings?.dimensions, 256);
    assert.equal(report.embeddings?.model, 'nomic-embed-text');
    assert.ok(server.requests.some((r) => r.endpoint === 'ollama.embed'));
    assert.match(formatReport(report), /embeddings: Ollama at .*, model nomic-embed-text\n {2}✓ embeds: 256 dimensions/);
  });

  it('a missing embedding model is a problem with the pull fix, and fails the report', async () => {
    const report = await doctor({ 'embeddings.provider': 'ollama', 'embeddings.model': 'no-such-embedder' });
    assert.equal(report.embeddings?.state, 'failed');
    assert.equal(report.embeddings?.problem?.fix, 'pullModel');
    assert.equal(report.ok, false);
    assert.match(formatReport(report), /✗ .*no-such-embedder.*codebase search stays lexical/);
  });
});
