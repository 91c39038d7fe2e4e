import * as assert from 'node:assert/strict';
import { PathBatcher } from '../../../src/codebase/pathBatcher';

describe('codebase: PathBatcher (changed paths synced in one batch per root)', () => {
  it('hands over each root\'s paths once, without duplicates', async () => {
    const batches: [string, string[]][] = [];
    const batcher = new PathBatcher(async (root, paths) => void batches.push([root, paths.sort()]), 10_000);
    for (const p of ['a.ts', 'b.ts', 'a.ts']) batcher.add('/r1', p);
    batcher.add('/r2', 'c.ts');
    assert.equal(batcher.busy, true);
    await batcher.flush();
    assert.deepEqual(batches, [['/r1', ['a.ts', 'b.ts']], ['/r2', ['c.ts']]]);
    assert.equal(batcher.busy, false);
    batcher.dispose();
  });

  it('paths that come while a batch syncs wait for the next batch; a failing sync does not stop later ones', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new PathBatcher(async (_root, paths) => {
      batches.push(paths);
      if (batches.length === 1) {
        await gate;
        throw new Error('the worker failed');
      }
    }, 10_000);
    batcher.add('/r', 'one.ts');
    const first = batcher.flush();
    batcher.add('/r', 'two.ts');
    const second = batcher.flush();
    release();
    await Promise.all([first, second]);
    assert.deepEqual(batches, [['one.ts'], ['two.ts']]);
    batcher.dispose();
  });

  it('syncs by itself once paths stop coming for the delay', async () => {
    let done!: (paths: string[]) => void;
    const synced = new Promise<string[]>((resolve) => (done = resolve));
    const batcher = new PathBatcher(async (_root, paths) => done(paths), 5);
    batcher.add('/r', 'x.ts');
    assert.deepEqual(await synced, ['x.ts']);
    batcher.dispose();
  });
});
