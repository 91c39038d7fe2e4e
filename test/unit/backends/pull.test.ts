/** Pulling a model through the real `ollama` package against the fake server, and the progress it shows. */
import assert from 'node:assert/strict';
import { OllamaBackend } from '../../../src/backends/ollama';
import { PullProgress, type PullUpdate } from '../../../src/backends/pullProgress';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { failureOf } from './helpers';

describe('OllamaBackend.pullModel', () => {
  let server: FakeServer;
  let backend: OllamaBackend;
  before(async () => {
    server = await startFakeServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    backend = new OllamaBackend({ baseUrl: server.url });
  });

  it('streams the progress lines, and the pulled model is then listed', async () => {
    const updates: PullUpdate[] = [];
    await backend.pullModel('starcoder2:3b', (u) => updates.push(u));
    assert.equal(updates[0].status, 'pulling manifest');
    const sized = updates.filter((u) => u.total);
    assert.equal(sized.at(-1)?.completed, sized.at(-1)?.total);
    assert.equal(updates.at(-1)?.status, 'success');
    assert.deepEqual(server.requests[0].body, { name: 'starcoder2:3b', stream: true });
    assert.ok((await backend.listModels()).some((m) => m.name === 'starcoder2:3b'));
  });

  it('aborting closes the HTTP request and rejects as cancelled; the model is not added', async () => {
    server.replyOnce({ tokenMs: 200 }, 'ollama.pull');
    const abort = new AbortController();
    const error = failureOf(backend.pullModel('starcoder2:3b', () => abort.abort(), abort.signal));
    assert.equal((await error).kind, 'cancelled');
    await server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.pull' && r.closedByClient), 5000, 'the pull to be closed by the client');
    assert.ok(!server.models.some((m) => m.name === 'starcoder2:3b'));
  });
});

describe('PullProgress', () => {
  const layer = (digest: string, completed: number, total: number): PullUpdate => ({ status: `pulling ${digest}`, digest, completed, total });

  it('says the status alone until a layer with a size arrives', () => {
    assert.deepEqual(new PullProgress().step({ status: 'pulling manifest' }), { message: 'pulling manifest', percent: undefined, increment: 0 });
  });

  it('counts every layer into one percentage, and only ever moves the bar forward', () => {
    const progress = new PullProgress();
    assert.deepEqual(progress.step(layer('aaa', 0, 3_000_000)), { message: 'pulling aaa (0 of 3 MB) — 0%', percent: 0, increment: 0 });
    assert.deepEqual(progress.step(layer('aaa', 3_000_000, 3_000_000)), { message: 'pulling aaa (3 of 3 MB) — 100%', percent: 100, increment: 100 });
    // A second layer appears: the whole is now 4 MB, of which 3 are done; the bar does not go back.
    assert.deepEqual(progress.step(layer('bbb', 0, 1_000_000)), { message: 'pulling bbb (0 of 1 MB) — 75%', percent: 75, increment: 0 });
    assert.deepEqual(progress.step(layer('bbb', 1_000_000, 1_000_000)).percent, 100);
    assert.deepEqual(progress.step({ status: 'verifying sha256 digest' }), { message: 'verifying sha256 digest — 100%', percent: 100, increment: 0 });
    assert.equal(progress.step({ status: 'success' }).message, 'done — 100%');
  });

  it('never reports more than 100 % for a layer that overshoots', () => {
    assert.equal(new PullProgress().step(layer('aaa', 5, 4)).percent, 100);
  });
});
