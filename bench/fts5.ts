/**
 * FTS5 measurement spike: the codebase index on SQLite FTS5 in a database file (fts5Codebase.ts) beside
 * today's MiniSearch index, same chunks (both fed by syncIndex), each engine and tree in its own child
 * process so one's memory never counts in the other's. Per target: recall@1/5/10 and MRR@10 (the search
 * bench's development sets and its held-out set), index time, query p50/p95 (each query asked once, so
 * every query is a first one), heap and RSS after indexing, peak RSS, database file size.
 *   nice -n 10 npx tsx bench/fts5.ts [--targets sets,large,huge] [--engines minisearch,full,column,...] [--only typescript,python]
 * Targets: sets = the dev and held-out sets; large = 10,000 copied files; huge = 100,000 hard-linked files
 * (FATHOM_BENCH_HUGE_FILES to change). Engines: minisearch or a variant of fts5Index.ts's VARIANTS.
 * Prints a markdown table and writes bench-results/fts5-<targets>.json (merged with earlier runs).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CodebaseIndex } from '../src/codebase/codebaseIndex';
import { syncIndex } from '../src/codebase/syncIndex';
import { walkRoot } from '../src/codebase/walk';
import { shippedGrammar } from '../src/syntax/locateGrammar';
import { Parsers } from '../src/syntax/parsers';
import { Fts5Codebase } from './fts5Codebase';
import { VARIANTS } from './fts5Index';
import { exposeGc } from './gc';
import { percent, quantile } from './report';
import { buildSet, setSources, type SearchCase } from './searchSet';

const TOP = 10;
const LARGE_FILES = 10_000;
const HUGE_FILES = Number(process.env.FATHOM_BENCH_HUGE_FILES ?? 100_000);
/** Queries timed on the generated trees: the first of each tuned set's cases. */
const TIMED_PER_SET = 100;
const WORK = join(tmpdir(), 'fathom-fts5-bench');
const run_ = promisify(execFile);

interface Target {
  name: string;
  root: string;
  cases: SearchCase[];
  /** Generated trees: queries timed, not scored (a copy's hit is not the expected path). */
  timedOnly: boolean;
}

interface Measured {
  files: number;
  chunks: number;
  indexS: number;
  /** CPU seconds (user + system) of the indexing: far less sensitive to the shared machine's load than wall time. */
  indexCpuS: number;
  heapMB: number;
  rssMB: number;
  peakRssMB: number;
  dbMB: number;
  p50: number;
  p95: number;
  r1: number;
  r5: number;
  r10: number;
  mrr: number;
}

async function parent(): Promise<void> {
  const wanted = listArg('--targets', ['sets', 'large']);
  const engines = listArg('--engines', ['minisearch', 'full']);
  const targetsFile = join(WORK, 'targets.json');
  if (!existsSync(targetsFile)) await buildTargets(targetsFile);
  const all = JSON.parse(readFileSync(targetsFile, 'utf8')) as Target[];
  const only = listArg('--only', ['']);
  const targets = all.filter((t) => (t.timedOnly ? wanted.includes('large') : wanted.includes('sets')) && only.some((prefix) => t.name.startsWith(prefix)));
  if (wanted.includes('huge')) targets.push(await hugeTree(all.filter((t) => !t.timedOnly && !t.name.startsWith('held-out'))));
  // One file per group of targets, so runs of different targets in parallel do not overwrite each other.
  const resultsFile = join(__dirname, '..', 'bench-results', `fts5-${wanted.join('-')}.json`);
  const results = (existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {}) as Record<string, Record<string, Measured>>;
  for (const target of targets) {
    for (const engine of engines) {
      process.stderr.write(`${target.name} / ${engine}…\n`);
      const input = join(WORK, `target-${process.pid}.json`);
      writeFileSync(input, JSON.stringify(target));
      const { stdout } = await run_(process.execPath, ['--import', 'tsx', __filename, '--child', engine, input], { maxBuffer: 1 << 26 });
      (results[target.name] ??= {})[engine] = JSON.parse(stdout) as Measured;
      process.stderr.write(`  ${stdout}\n`);
      mkdirSync(join(resultsFile, '..'), { recursive: true });
      writeFileSync(resultsFile, JSON.stringify(results, null, 2));
    }
  }
  printTable(results);
}

async function buildTargets(targetsFile: string): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  const parsers = new Parsers(shippedGrammar(join(__dirname, '..', 'dist')));
  const targets: Target[] = [];
  try {
    for (const [i, source] of setSources().entries()) {
      const set = await buildSet(source, join(WORK, `set${i}`), parsers);
      targets.push({ name: `${set.name.split(' ')[0]} (${set.files} files, ${set.cases.length} queries)`, root: set.root, cases: set.cases, timedOnly: false });
    }
  } finally {
    parsers.dispose();
  }
  // The search bench's 10,000-file tree: copies of the tuned sets (search.ts largeTree).
  const tuned = targets.filter((t) => !t.name.startsWith('held-out'));
  const root = join(WORK, 'large');
  let files = 0;
  for (let copy = 0; files < LARGE_FILES; copy++) {
    for (const [i, t] of tuned.entries()) {
      if (files >= LARGE_FILES) break;
      cpSync(t.root, join(root, `copy${copy}`, `set${i}`), { recursive: true });
      files += Number(/\((\d+) files/.exec(t.name)?.[1] ?? 0);
    }
  }
  targets.push({ name: `generated (${files} files)`, root, cases: tuned.flatMap((t) => t.cases.slice(0, TIMED_PER_SET)), timedOnly: true });
  writeFileSync(targetsFile, JSON.stringify(targets));
}

/** Hard-linked copies of the tuned sets' files until the tree holds HUGE_FILES files (search.ts hugeTree). */
async function hugeTree(tuned: Target[]): Promise<Target> {
  const root = join(WORK, `huge${HUGE_FILES}`);
  if (!existsSync(root)) {
    const perSet = await Promise.all(tuned.map(async (t) => ({ t, files: (await walkRoot(t.root)).map((f) => f.path) })));
    let files = 0;
    for (let copy = 0; files < HUGE_FILES; copy++) {
      for (const [i, { t, files: paths }] of perSet.entries()) {
        for (const path of paths) {
          if (files >= HUGE_FILES) break;
          const to = join(root, `copy${copy}`, `set${i}`, path);
          mkdirSync(join(to, '..'), { recursive: true });
          linkSync(join(t.root, path), to);
          files++;
        }
      }
    }
  }
  return { name: `huge (${HUGE_FILES} hard-linked files)`, root, cases: tuned.flatMap((t) => t.cases.slice(0, TIMED_PER_SET)), timedOnly: true };
}

async function child(engine: string, input: string): Promise<void> {
  const target = JSON.parse(readFileSync(input, 'utf8')) as Target;
  const gc = exposeGc();
  const parsers = new Parsers(shippedGrammar(join(__dirname, '..', 'dist')));
  // A warm-up parse so the parsers' own memory is not counted as the index's.
  for (const [languageId, text] of [['typescript', 'function f(): void {}'], ['javascript', 'function f() {}'], ['python', 'def f():\n  pass\n']]) {
    (await parsers.parseText(languageId, text))?.delete();
  }
  const dbFile = join(WORK, `child-${process.pid}.db`);
  rmSync(dbFile, { force: true });
  gc?.();
  const before = process.memoryUsage();
  const fts = engine === 'minisearch' ? undefined : new Fts5Codebase(dbFile, VARIANTS[engine] ?? fail(`no variant ${engine}`));
  const mini = fts ? undefined : CodebaseIndex.empty();
  let started = performance.now();
  const cpu = process.cpuUsage();
  // Fts5Codebase offers every method syncIndex calls (its Syncable type); CodebaseIndex's private fields make the cast necessary.
  const stats = await syncIndex(target.root, (mini ?? fts) as unknown as CodebaseIndex, parsers);
  fts?.commit();
  const indexMs = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpu);
  gc?.();
  const after = process.memoryUsage();
  const queryMs: number[] = [];
  const ranks = target.cases.map((c) => {
    started = performance.now();
    const hits = (mini ?? fts)!.search(c.query, TOP);
    queryMs.push(performance.now() - started);
    return 1 + hits.findIndex((r) => r.path === c.path && r.startLine <= c.endLine && r.endLine >= c.startLine);
  });
  const peakRssMB = round(process.resourceUsage().maxRSS / 1e3);
  fts?.close();
  const dbMB = fts ? round(statSync(dbFile).size / 1e6) : NaN;
  rmSync(dbFile, { force: true });
  const at = (k: number) => (target.timedOnly ? NaN : percent(ranks.filter((r) => r > 0 && r <= k).length, ranks.length));
  const out: Measured = {
    files: stats.files,
    chunks: stats.chunks,
    indexS: round(indexMs / 1000),
    indexCpuS: round((cpuUsed.user + cpuUsed.system) / 1e6),
    heapMB: round((after.heapUsed - before.heapUsed) / 1e6),
    rssMB: round((after.rss - before.rss) / 1e6),
    peakRssMB,
    dbMB,
    p50: round(quantile(queryMs, 0.5)),
    p95: round(quantile(queryMs, 0.95)),
    r1: at(1),
    r5: at(5),
    r10: at(10),
    mrr: target.timedOnly ? NaN : round(ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / Math.max(1, ranks.length), 3),
  };
  parsers.dispose();
  process.stdout.write(JSON.stringify(out));
}

function printTable(results: Record<string, Record<string, Measured>>): void {
  const cols: (keyof Measured)[] = ['files', 'chunks', 'r1', 'r5', 'r10', 'mrr', 'p50', 'p95', 'indexS', 'indexCpuS', 'heapMB', 'rssMB', 'peakRssMB', 'dbMB'];
  const lines = [`| target | engine | ${cols.join(' | ')} |`, `|${'---|'.repeat(cols.length + 2)}`];
  for (const [target, byEngine] of Object.entries(results)) {
    for (const [engine, m] of Object.entries(byEngine)) lines.push(`| ${target} | ${engine} | ${cols.map((c) => (m[c] === null || Number.isNaN(m[c]) ? '' : m[c])).join(' | ')} |`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

function listArg(flag: string, fallback: string[]): string[] {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? process.argv[at + 1].split(',') : fallback;
}

function fail(message: string): never {
  throw new Error(message);
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

const childAt = process.argv.indexOf('--child');
void (childAt >= 0 ? child(process.argv[childAt + 1], process.argv[childAt + 2]) : parent()).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
