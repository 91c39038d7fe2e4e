/**
 * `npm run bench [-- NAME ...]`: runs the benchmarks, prints one table with every figure beside its
 * target, and writes bench-results/bench.json. Timing figures live here, never in unit tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable, type Benchmark, type BenchSection } from './report';

const BENCHMARKS: Record<string, () => Promise<{ run: Benchmark }>> = {
  parse: () => import('./parse'),
  overhead: () => import('./overhead'),
  typing: () => import('./typing'),
  memory: () => import('./memory'),
  replay: () => import('./replay'),
  context: () => import('./context'),
  activation: () => import('./activation'),
  redaction: () => import('./redaction'),
  'next-edit': () => import('./nextEdit'),
  search: () => import('./search'),
  'codebase-worker': () => import('./codebaseWorker'),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(BENCHMARKS);
  const sections: BenchSection[] = [];
  for (const name of names) {
    const load = BENCHMARKS[name];
    if (!load) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    process.stderr.write(`running ${name}…\n`);
    const started = performance.now();
    const section = await (await load()).run();
    process.stderr.write(`  ${name} took ${Math.round(performance.now() - started)} ms\n`);
    sections.push(section);
  }
  process.stdout.write(formatTable(sections) + '\n');
  const out = join(__dirname, '..', 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'bench.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, sections }, null, 2));
  process.stdout.write(`\nJSON: ${join(out, 'bench.json')}\n`);
  const failed = sections.flatMap((s) => s.rows).filter((r) => r.pass === false).length;
  if (failed) process.stdout.write(`${failed} figure(s) miss their target.\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
