import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { IndexWorkerClient } from '../../../../src/codebase/worker/client';
import { spawnIndexWorker } from './spawnWorker';

/** A stand-in embedding model on the host: one dimension per word of a tiny vocabulary (what matters here is the wiring). */
const VOCABULARY = ['money', 'price', 'total', 'cart', 'format', 'customer', 'invoice', 'discount'];
const embedOne = (text: string) => {
  const words = text.toLowerCase().split(/[^a-z]+/);
  const v = VOCABULARY.map((w) => words.filter((x) => x.startsWith(w)).length + 0.01);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};

describe('codebase worker: vector search through the host\'s embeddings role', function () {
  this.timeout(60000);
  let root: string;
  let store: string;
  let worker: IndexWorkerClient;
  let sent: string[];
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  /** Waits until the worker's queued work (the embedding pass after a sync) is done. */
  const settled = () => worker.settled(root);
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-embedworker-'));
    store = mkdtempSync(join(tmpdir(), 'fathom-embedstore-'));
    write('src/price.ts', 'export function totalPrice(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n');
    write('src/invoice.ts', "export function customerInvoice(name: string) {\n  const secret = 'sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv';\n  return `invoice for ${name}`;\n}\n");
    sent = [];
    worker = spawnIndexWorker({ saveDelayMs: 20 });
    worker.provide('embed', async ([texts]) => {
      const list = (texts as string[]).map(String);
      sent.push(...list);
      return list.map(embedOne);
    });
  });
  afterEach(async () => {
    await worker.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(store, { recursive: true, force: true });
  });

  it('embeds every chunk once on the host after a build, redacted, keeps the vectors on disk and searches hybrid', async () => {
    await worker.setEmbeddings('test:vocabulary');
    await worker.open(root, store);
    await worker.sync(root);
    const status = await settled();
    assert.equal(status.vectors, status.chunks, 'every chunk has a vector');
    assert.equal(status.embedError, undefined);
    assert.ok(sent.length >= 2 && sent.some((t) => t.includes('customerInvoice')), 'the chunks were sent to the host');
    assert.ok(!sent.some((t) => t.includes('sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv')), 'a secret never reaches the embedder');
    assert.ok(readdirSync(store).some((f) => !f.endsWith('.json')), 'the vectors are saved beside the snapshot');
    const before = sent.length;
    const [hit] = await worker.codebase(root).search('the sum of the prices', 1);
    assert.equal(hit.path, 'src/price.ts');
    assert.equal(sent.length, before + 1, 'the question is embedded (hybrid search)');
  });

  it('embeds only new chunks after a change; a failing model leaves search lexical and says why; off stops embedding', async () => {
    await worker.setEmbeddings('test:vocabulary');
    await worker.open(root, store);
    await worker.sync(root);
    await settled();
    const first = sent.length;
    write('src/cart.ts', 'export function cartDiscount(total: number) {\n  return total * 0.9;\n}\n');
    await worker.syncPaths(root, ['src/cart.ts']);
    const after = await settled();
    assert.equal(sent.length, first + 1, 'one new chunk embedded, the others kept');
    assert.equal(after.vectors, after.chunks);

    worker.provide('embed', async () => {
      throw new Error('model "vocabulary" not found, try pulling it first');
    });
    await worker.setEmbeddings('test:other-model');
    const failed = await settled();
    assert.match(failed.embedError ?? '', /not found/);
    assert.equal(failed.vectors, 0);
    assert.equal((await worker.codebase(root).search('cart discount', 1))[0]?.path, 'src/cart.ts', 'lexical search still answers');

    await worker.setEmbeddings(undefined);
    const off = await settled();
    assert.equal(off.vectors, undefined, 'no vector figure while embeddings are off');
  });
});
