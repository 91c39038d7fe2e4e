import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ChunkPool, type StartChunkWorker } from '../../../src/codebase/chunkPool';
import { CodebaseIndex } from '../../../src/codebase/codebaseIndex';
import { chunksOf, syncIndex } from '../../../src/codebase/syncIndex';
// @ts-expect-error -- a plain .mjs module shared with the build script
import { grammarSources } from '../../../src/syntax/grammarSources.mjs';
import { Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from '../syntax/grammars';
import { tempTree } from '../tempTree';

const ROOT = resolve(__dirname, '../../..');
const ENTRY = resolve(ROOT, 'src/codebase/chunkWorker.ts');
const grammarPaths = Object.fromEntries(Object.entries(grammarSources as Record<string, string>).map(([file, source]) => [file, resolve(ROOT, source)]));
/** The real chunk worker from source: tsx registered inside the worker first. */
const sourceWorker: StartChunkWorker = () => new Worker(`require('tsx/cjs'); require(${JSON.stringify(ENTRY)});`, { eval: true, workerData: { grammarPaths } });
/** A worker that dies as it starts (a missing script, a crash). */
const brokenWorker: StartChunkWorker = () => new Worker('throw new Error("no grammar here")', { eval: true });

const FILES: Record<string, string> = {
  'src/cart.ts': 'import { tax } from "./tax";\n\nexport class Cart {\n  items: number[] = [];\n  add(price: number): void {\n    this.items.push(price);\n  }\n  total(): number {\n    return this.items.reduce((a, b) => a + b, 0) * (1 + tax);\n  }\n}\n',
  'src/tax.ts': 'export const tax = 0.2;\n',
  'lib/http_client.py': 'import json\n\n\ndef send_request(url, headers):\n    return fetch(url, headers)\n\n\nclass Client:\n    def get(self, url):\n        return send_request(url, {})\n',
  'notes/plan.md': '# Plan\n\nShip the cart.\n',
  'config/settings.yaml': 'name: shop\nport: 8080\n',
  'dist/app.min.js': `var a=${'1+'.repeat(3000)}1;\n`,
};

describe('codebase: chunking in worker threads', function () {
  this.timeout(60_000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  before(() => {
    root = tempTree('fathom-chunk-pool-', FILES);
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    parsers.dispose();
  });

  const snapshotOf = async (options: Parameters<typeof syncIndex>[3] = {}) => {
    const index = CodebaseIndex.empty();
    const stats = await syncIndex(root, index, parsers, options);
    return { stats, snapshot: JSON.stringify(index.snapshot()) };
  };

  it('a worker returns exactly the chunks chunksOf makes in the calling thread', async () => {
    const pool = ChunkPool.start(sourceWorker, 1);
    try {
      for (const [path, text] of Object.entries(FILES)) assert.deepEqual(await pool.chunks(path, text), await chunksOf(path, text, parsers), path);
    } finally {
      await pool.close();
    }
  });

  it('an index built with chunk workers is the one built in a single thread', async () => {
    const single = await snapshotOf();
    const pooled = await snapshotOf({ startChunkWorker: sourceWorker, chunkWorkersFrom: 1 });
    assert.equal(pooled.snapshot, single.snapshot);
    assert.deepEqual({ ...pooled.stats, chunkedInWorkers: 0 }, single.stats);
    assert.equal(pooled.stats.chunkedInWorkers, 5, 'every file the walk found went to the worker');
    assert.ok(single.stats.chunks > 5, 'the tree was chunked');
  });

  it('workers that cannot run leave the work to the calling thread: the same index, nothing lost', async () => {
    const single = await snapshotOf();
    const fallen = await snapshotOf({ startChunkWorker: brokenWorker, chunkWorkersFrom: 1 });
    assert.equal(fallen.snapshot, single.snapshot);
    assert.equal(fallen.stats.chunkedInWorkers, 0);
    const pool = ChunkPool.start(brokenWorker, 2);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(pool.alive, false);
    await assert.rejects(pool.chunks('a.ts', 'export const a = 1;\n'), /no chunk worker is running/);
    await pool.close();
  });

  it('below the threshold no worker is started', async () => {
    let started = 0;
    await snapshotOf({ startChunkWorker: () => (started++, sourceWorker()), chunkWorkersFrom: Object.keys(FILES).length + 1 });
    assert.equal(started, 0);
  });
});
