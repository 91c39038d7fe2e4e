import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { snapshotPath } from '../../../../src/codebase/indexStore';
import type { IndexWorkerClient } from '../../../../src/codebase/worker/client';
import { IndexService } from '../../../../src/codebase/worker/indexService';
import { isAbortError } from '../../../../src/codebase/worker/rpc';
import { Parsers } from '../../../../src/syntax/parsers';
import { devGrammar } from '../../syntax/grammars';
import { spawnIndexWorker } from './spawnWorker';

const fn = (name: string) => `export function ${name}(input: number): number {\n  return input + ${name.length};\n}\n`;

describe('codebase worker: the real index worker on a temp folder', function () {
  this.timeout(60000);
  let root: string;
  let store: string;
  let workers: IndexWorkerClient[] = [];
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const start = () => {
    const w = spawnIndexWorker({ saveDelayMs: 20 });
    workers.push(w);
    return w;
  };
  const defined = async (w: IndexWorkerClient, name: string) => (await w.codebase(root).definitions(name, 5)).map((h) => h.path);
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-indexworker-'));
    store = mkdtempSync(join(tmpdir(), 'fathom-indexstore-'));
    write('src/price.ts', fn('totalPrice'));
    write('src/cart.ts', "import { totalPrice } from './price';\n\nexport function checkout(items: number[]) {\n  return totalPrice(items.length);\n}\n");
    write('lib/util.py', 'def format_money(value):\n    return f"{value:.2f}"\n');
    write('.gitignore', 'secret-build/\n');
    write('secret-build/leak.ts', fn('leakedThing'));
    write('node_modules/dep/index.js', fn('dependencyThing'));
    write('.env', 'API_KEY=abc\n');
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    rmSync(root, { recursive: true, force: true });
    rmSync(store, { recursive: true, force: true });
  });

  it('builds the index in the worker with progress, answers search, definitions and usages, and never holds ignored files', async () => {
    const w = start();
    const opened = await w.open(root, store);
    assert.equal(opened.fromSnapshot, false);
    const progress: number[] = [];
    const outcome = await w.sync(root, { onProgress: (p) => progress.push(p.done) });
    assert.equal(outcome.cancelled, false);
    assert.equal(outcome.status.complete, true);
    assert.equal(outcome.status.files, 4, 'price, cart, util.py and .gitignore');
    assert.equal(progress.at(-1), 4, 'the last progress is the end');
    assert.deepEqual(await defined(w, 'totalPrice'), ['src/price.ts']);
    assert.deepEqual([...new Set((await w.codebase(root).usages('totalPrice', 5)).map((h) => h.path))], ['src/cart.ts']);
    assert.equal((await w.codebase(root).search('format money value', 1))[0]?.path, 'lib/util.py');
    for (const name of ['leakedThing', 'dependencyThing']) assert.deepEqual(await defined(w, name), [], `${name} is in an ignored file`);
    assert.deepEqual(await w.codebase(root).search('API_KEY', 5), []);
  });

  it('re-indexes only the paths it is given: save, create, delete and rename', async () => {
    const w = start();
    await w.open(root, store);
    await w.sync(root);
    write('src/price.ts', fn('netPrice'));
    write('src/tax.ts', fn('salesTax'));
    rmSync(join(root, 'lib/util.py'));
    renameSync(join(root, 'src/cart.ts'), join(root, 'src/basket.ts'));
    const outcome = await w.syncPaths(root, ['src/price.ts', 'src/tax.ts', 'lib/util.py', 'src/cart.ts', 'src/basket.ts']);
    assert.deepEqual({ added: outcome.stats.added, updated: outcome.stats.updated, removed: outcome.stats.removed }, { added: 2, updated: 1, removed: 2 });
    assert.deepEqual(await defined(w, 'netPrice'), ['src/price.ts']);
    assert.deepEqual(await defined(w, 'totalPrice'), []);
    assert.deepEqual(await defined(w, 'salesTax'), ['src/tax.ts']);
    assert.deepEqual(await defined(w, 'checkout'), ['src/basket.ts']);
    assert.deepEqual(await w.codebase(root).search('format money value', 5).then((h) => h.filter((x) => x.path === 'lib/util.py')), []);
    write('secret-build/more.ts', fn('moreLeaks'));
    await w.syncPaths(root, ['secret-build/more.ts']);
    assert.deepEqual(await defined(w, 'moreLeaks'), []);
  });

  it('saves a snapshot that the next worker starts from, re-reading nothing that did not change', async () => {
    const first = start();
    await first.open(root, store);
    await first.sync(root);
    assert.ok(existsSync(snapshotPath(store, root)));
    write('src/tax.ts', fn('salesTax'));
    await first.syncPaths(root, ['src/tax.ts']);
    await first.stop(); // writes the path sync's pending snapshot

    const second = start();
    const opened = await second.open(root, store);
    assert.equal(opened.fromSnapshot, true);
    assert.equal(opened.files, 5);
    assert.ok((opened.snapshotBytes ?? 0) > 0);
    assert.deepEqual(await defined(second, 'salesTax'), ['src/tax.ts'], 'searchable from the snapshot before any sync');
    const outcome = await second.sync(root);
    assert.deepEqual({ added: outcome.stats.added, updated: outcome.stats.updated, unchanged: outcome.stats.unchanged }, { added: 0, updated: 0, unchanged: 5 });
  });

  it('cancelling a build through the client rejects it; what was built stays searchable and the next sync finishes it', async () => {
    for (let i = 0; i < 300; i++) write(`gen/file${i}.ts`, fn(`generated${i}`));
    const w = start();
    await w.open(root, store);
    const abort = new AbortController();
    await assert.rejects(w.sync(root, { signal: abort.signal, onProgress: () => abort.abort() }), (e) => isAbortError(e));
    const partial = await w.settled(root);
    assert.ok(partial.files < 304, `partial: ${partial.files}`);
    assert.equal(partial.complete, false);
    const done = await w.sync(root);
    assert.equal(done.status.complete, true);
    assert.equal(done.status.files, 304);
    assert.equal(done.stats.added, 304 - partial.files, 'only what the cancelled build had not read');
    assert.deepEqual(await defined(w, 'generated299'), ['gen/file299.ts']);
  });

  it('drop forgets the index and deletes its snapshot; the codebase call reaches only the codebase\'s own methods', async () => {
    const w = start();
    await w.open(root, store);
    await w.sync(root);
    const dropped = await w.drop(root);
    assert.equal(dropped.files, 0);
    assert.equal(existsSync(snapshotPath(store, root)), false);
    assert.deepEqual(await defined(w, 'totalPrice'), []);
    await assert.rejects(w.codebase(root).call('toString', []), /has no method toString/);
  });
});

describe('codebase worker: IndexService cancel (in process)', function () {
  this.timeout(60000);
  const parsers = new Parsers(devGrammar);
  after(() => parsers.dispose());

  it('a cancelled build keeps and saves what it read; reopened, it resumes from there', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fathom-indexservice-'));
    const store = mkdtempSync(join(tmpdir(), 'fathom-indexstore-'));
    try {
      for (let i = 0; i < 100; i++) writeFileSync(join(root, `f${i}.ts`), fn(`value${i}`));
      const service = new IndexService(parsers);
      await service.open(root, store);
      const abort = new AbortController();
      const cancelled = await service.sync(root, { signal: abort.signal, onProgress: ({ done }) => done === 10 && abort.abort() });
      assert.equal(cancelled.cancelled, true);
      assert.ok(cancelled.status.files > 0 && cancelled.status.files < 100, `partial: ${cancelled.status.files}`);
      assert.ok(existsSync(snapshotPath(store, root)), 'saved when cancelled');
      assert.equal((await service.codebase(root).definitions('value0', 1)).length, 1, 'what was read is searchable');

      const again = new IndexService(parsers);
      const reopened = await again.open(root, store);
      assert.deepEqual({ fromSnapshot: reopened.fromSnapshot, files: reopened.files }, { fromSnapshot: true, files: cancelled.status.files });
      const resumed = await again.sync(root);
      assert.equal(resumed.stats.added, 100 - cancelled.status.files);
      assert.equal(resumed.status.complete, true);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(store, { recursive: true, force: true });
    }
  });
});

describe('codebase worker: a worker that ends', function () {
  this.timeout(30000);
  it('is no longer alive, and its calls fail instead of hanging', async () => {
    const w = spawnIndexWorker();
    const root = mkdtempSync(join(tmpdir(), 'fathom-indexworker-'));
    try {
      await w.open(root);
      assert.equal(w.alive, true);
      await w.stop();
      assert.equal(w.alive, false);
      await assert.rejects(w.codebase(root).search('anything', 5), /stopped/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
