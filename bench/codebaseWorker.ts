/**
 * `npm run bench -- codebase-worker`: the codebase index built in its worker thread (dist/codebaseWorker.js,
 * as the extension runs it) over a generated tree of 10,000 source files (FATHOM_BENCH_WORKER_FILES for
 * another size, e.g. 100000): how long the build takes, how responsive the host's event loop stays meanwhile
 * (max and p99 delay from perf_hooks.monitorEventLoopDelay: the extension host's own work would wait that
 * long), the process's peak RSS while the worker builds (the worker shares the process), the snapshot's size,
 * reopening from the snapshot, one saved file re-indexed, and a search.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { IndexWorkerClient } from '../src/codebase/worker/client';
import type { BenchSection } from './report';

const FILES = Number(process.env.FATHOM_BENCH_WORKER_FILES ?? 10_000);
const DIST = join(__dirname, '..', 'dist');

/** A plausible source file: a few functions with distinct names, about 40 lines. */
function sourceFile(i: number): string {
  const fns = [0, 1, 2, 3].map(
    (k) => `export function compute${i}Part${k}(items: number[], factor: number): number {\n  // sums the items of part ${k} scaled by the factor\n  let total = 0;\n  for (const item of items) {\n    total += item * factor + ${k};\n  }\n  return total / (items.length || 1);\n}\n`,
  );
  return `import { helper${i % 97} } from './helpers';\n\n${fns.join('\n')}\nexport const LIMIT_${i} = helper${i % 97}(${i});\n`;
}

function generate(root: string, files: number): void {
  for (let i = 0; i < files; i++) {
    const dir = join(root, `pkg${Math.floor(i / 1000)}`, `mod${Math.floor(i / 50) % 20}`);
    if (i % 50 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `file${i}.ts`), sourceFile(i));
  }
}

export async function run(): Promise<BenchSection> {
  const root = mkdtempSync(join(tmpdir(), 'fathom-bench-worker-'));
  const store = mkdtempSync(join(tmpdir(), 'fathom-bench-store-'));
  try {
    generate(root, FILES);
    // The same measure with no worker, for comparison: on a shared 2-core machine other processes delay it too.
    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    idle.disable();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const delay = monitorEventLoopDelay({ resolution: 10 });

    const client = IndexWorkerClient.start(join(DIST, 'codebaseWorker.js'), { distDir: DIST });
    delay.enable();
    const started = performance.now();
    await client.open(root, store);
    const built = await client.sync(root);
    const buildMs = performance.now() - started;
    delay.disable();
    clearInterval(sampler);

    const searchStart = performance.now();
    const hits = await client.codebase(root).search('sum the items scaled by the factor', 10);
    const searchMs = performance.now() - searchStart;
    const nameStart = performance.now();
    const named = await client.codebase(root).definitions(`compute${Math.floor(FILES / 2)}Part2`, 5);
    const nameMs = performance.now() - nameStart;

    writeFileSync(join(root, 'pkg0', 'mod0', 'file0.ts'), sourceFile(0) + '\nexport function freshlySaved() {\n  return 1;\n}\n');
    const saveStart = performance.now();
    await client.syncPaths(root, ['pkg0/mod0/file0.ts']);
    const saveMs = performance.now() - saveStart;
    await client.stop();

    const again = IndexWorkerClient.start(join(DIST, 'codebaseWorker.js'), { distDir: DIST });
    const reopenStart = performance.now();
    const reopened = await again.open(root, store);
    const openMs = performance.now() - reopenStart;
    const resynced = await again.sync(root);
    const reopenMs = performance.now() - reopenStart;
    await again.stop();

    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    const n = FILES.toLocaleString('en-US');
    return {
      title: `Codebase index in its worker (${n} generated files)`,
      rows: [
        { metric: `build ${n} files in the worker`, value: Math.round(buildMs), unit: ' ms' },
        { metric: 'host event loop: max delay while building', value: Math.round(delay.max / 1e6), unit: ' ms' },
        { metric: 'host event loop: p99 delay while building', value: Math.round(delay.percentile(99) / 1e6), unit: ' ms', target: '<= 50 ms', pass: delay.percentile(99) / 1e6 <= 50 },
        { metric: 'host event loop: max / p99 delay with no worker (3 s idle)', value: Math.round(idle.max / 1e6), unit: ` / ${Math.round(idle.percentile(99) / 1e6)} ms` },
        { metric: 'process peak RSS while building (host + worker)', value: mb(peakRss), unit: ' MB', target: FILES >= 100_000 ? '<= 500 MB' : '', pass: FILES >= 100_000 ? mb(peakRss) <= 500 : undefined },
        { metric: 'RSS added by the worker and its index (peak)', value: mb(peakRss - baseRss), unit: ' MB' },
        { metric: 'snapshot on disk', value: mb(reopened.snapshotBytes ?? 0), unit: ' MB' },
        { metric: 'reopen: load the snapshot (searchable from here)', value: Math.round(openMs), unit: ' ms' },
        { metric: 'reopen: load the snapshot and re-sync (nothing changed)', value: Math.round(reopenMs), unit: ' ms' },
        { metric: 'one saved file re-indexed (syncPaths)', value: Math.round(saveMs), unit: ' ms' },
        { metric: 'search (top 10; every chunk matches the words: the worst case)', value: Math.round(searchMs), unit: ' ms' },
        { metric: 'definitions of one name', value: Math.round(nameMs), unit: ' ms' },
      ],
      details: { files: built.status.files, chunks: built.status.chunks, stats: built.stats, resync: resynced.stats, topHit: hits[0]?.path, definition: named[0]?.path },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(store, { recursive: true, force: true });
  }
}
