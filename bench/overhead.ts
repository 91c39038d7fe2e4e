/**
 * Pipeline overhead per request, network excluded: snapshot, syntax (incremental re-parse after the
 * edit), context, prompt, streaming stop and post-processing — everything the extension does per
 * keystroke that reaches a request — against a scripted backend that answers at once. Real files of about
 * 500, 4,400, 5,500, 12,000 and 130,000 lines; the cursor at the end of a half-typed line, a new one per request.
 * The target (10 ms p95) is set at 5,000 lines: realtime.ts (5,553 lines) is the file above it; fs.d.ts (4,376
 * lines, the file the figure was first measured on) keeps its row for comparison, and is measured again
 * with the repository retriever on (a LocalCodebase over its folder): warm — the names' definitions
 * already cached, as when typing on in a file — and cold, where every position's lookups start during the
 * measured requests and, in this process, also run on its thread (the extension's index answers from a
 * worker thread, so this is an upper bound).
 * FATHOM_OVERHEAD_ONLY=realtime.ts,fs.d.ts measures only those files (`fs.d.ts:warm` / `fs.d.ts:cold` for the
 * repository rows); FATHOM_OVERHEAD_SAMPLES sets the requests per file (more for a CPU profile).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { RoleBackend } from '../src/roles/pool';
import { ScriptedBackend } from '../src/backends/scripted';
import { NodeWorkspaceFiles } from '../src/cli/nodeWorkspaceFiles';
import { createCompleteOnce } from '../src/completion/service';
import type { DocumentSnapshot } from '../src/workspace/document';
import { parseConfig } from '../src/config/settings';
import { DocumentTrees } from '../src/syntax/documentTrees';
import { languageOfPath } from '../src/syntax/languages';
import { Parsers } from '../src/syntax/parsers';
import { devGrammar } from '../test/unit/syntax/grammars';
import { SHARED_BENCH, quantile, type BenchRow, type BenchSection } from './report';
import { CodebaseIndex } from '../src/codebase/codebaseIndex';
import { LocalCodebase } from '../src/codebase/localCodebase';
import { syncIndex } from '../src/codebase/syncIndex';
import { RepositoryRetriever } from '../src/context/repository';

const ROOT = join(__dirname, '..');
type Repository = 'warm' | 'cold';
const FILES: { root: string; file: string; target?: { p95: number }; repository?: Repository }[] = [
  { root: join(SHARED_BENCH, 'context.jsonl.trees/rxjs'), file: 'internal/Observable.ts' },
  { root: join(ROOT, 'node_modules/@types/node'), file: 'fs.d.ts', target: { p95: 10 } },
  { root: join(ROOT, 'node_modules/@types/node'), file: 'fs.d.ts', target: { p95: 10 }, repository: 'warm' },
  { root: join(ROOT, 'node_modules/@types/node'), file: 'fs.d.ts', repository: 'cold' },
  { root: join(ROOT, 'node_modules/openai/src'), file: 'resources/realtime/realtime.ts', target: { p95: 10 } },
  { root: join(ROOT, 'node_modules/openai/src'), file: 'resources/beta/responses/responses.ts' },
  { root: join(ROOT, 'node_modules/typescript/lib'), file: '_tsc.js', target: { p95: 50 } },
];
const SAMPLES = Number(process.env.FATHOM_OVERHEAD_SAMPLES ?? 300);
const WARMUP = 10;
/** Characters removed from the end of the line: the cursor stands in a half-typed line. */
const CUT = 6;

/** A small deterministic generator, so every run measures the same positions. */
function positions(text: string, count: number): number[] {
  const ends: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    const start = text.lastIndexOf('\n', i - 1) + 1;
    if (i - start > CUT + 4 && text.slice(start, i).trim().length > CUT) ends.push(i);
  }
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  return Array.from({ length: count }, () => ends[next() % ends.length]);
}

export async function run(): Promise<BenchSection> {
  const parsers = new Parsers(devGrammar);
  const rows: BenchRow[] = [];
  const details: unknown[] = [];
  const config = parseConfig(() => undefined);
  const only = process.env.FATHOM_OVERHEAD_ONLY?.split(',');
  for (const { root, file, target, repository } of FILES) {
    const key = `${file.split('/').pop()}${repository ? `:${repository}` : ''}`;
    if (only && !only.includes(key)) continue;
    const original = readFileSync(join(root, file), 'utf8');
    const lines = original.split('\n').length;
    const retriever = repository ? new TimedRetriever(await codebaseOf(root, parsers)) : undefined;
    const complete = completer(root, file, parsers, config, retriever);
    const at = positions(original, SAMPLES + WARMUP);
    if (repository === 'warm') {
      // Every position asked once and the lookups answered: the cache holds what typing on would have filled.
      await measure(complete, original, root, file, at, retriever);
    }
    retriever?.times.splice(0);
    const cpu: number[] = [];
    const times = (await measure(complete, original, root, file, at, undefined, cpu)).slice(WARMUP);
    cpu.splice(0, WARMUP);
    const own = retriever?.times.slice(WARMUP);
    complete.dispose();
    retriever?.dispose();
    const p50 = Math.round(quantile(times, 0.5) * 100) / 100;
    const p95 = Math.round(quantile(times, 0.95) * 100) / 100;
    const name = `${file.split('/').pop()} (${lines} lines${original.length > 1_000_000 ? ', above the parse limit: indentation rules' : ''}${repository ? `, repository retriever on, ${repository === 'warm' ? 'definitions cached' : 'cold: lookups in this thread'}` : ''})`;
    rows.push({ metric: `${name}: p50`, value: p50, unit: ' ms' });
    rows.push({ metric: `${name}: p95`, value: p95, unit: ' ms', target: target ? `<= ${target.p95} ms` : undefined, pass: target ? p95 <= target.p95 : undefined });
    if (own?.length) rows.push({ metric: `${name}: the retriever's own time, p95`, value: Math.round(quantile(own, 0.95) * 1000) / 1000, unit: ' ms' });
    details.push({ file: join(dirname(file), file), lines, repository, samples: times.length, p50, p95, max: Math.max(...times), cpuP50: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95), ...(own?.length ? { retrieverP50: quantile(own, 0.5), retrieverP95: quantile(own, 0.95) } : {}) });
  }
  parsers.dispose();
  return { title: 'Pipeline overhead per request (network excluded)', rows, details };
}

type Completer = ((snapshot: DocumentSnapshot) => Promise<unknown>) & { trees: DocumentTrees; backend: ScriptedBackend; uri: string; dispose(): void };

/** The editor's per-request pipeline for one file, against a backend that answers at once. */
function completer(root: string, file: string, parsers: Parsers, config: ReturnType<typeof parseConfig>, repository: RepositoryRetriever | undefined): Completer {
  const trees = new DocumentTrees(parsers);
  const backend = new ScriptedBackend('value);\n  return result;\n}\n');
  const roleBackend: RoleBackend = { backend, settings: config.completion, info: { name: 'scripted', supportsFim: true }, contextLength: config.contextLength };
  const complete = createCompleteOnce({
    target: async () => roleBackend,
    getConfig: () => config,
    parsers,
    withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use),
    files: new NodeWorkspaceFiles(root, { recent: [file] }),
    repository,
  });
  return Object.assign((snapshot: DocumentSnapshot) => complete(snapshot, new AbortController().signal), { trees, backend, uri: `file://${join(root, file)}`, dispose: () => trees.dispose() });
}

/**
 * Times one request per position (with `settle`, waiting for its lookups after each); with `cpu`, also the
 * process's CPU time per request (all threads: bench.json's cpuP50 / cpuP95, which a busy machine distorts
 * less than the elapsed time). The document as the editor holds it: each request cuts the end of another
 * line, after the previous cut was typed back; the edits reach the tree cache as they would from the editor.
 */
async function measure(complete: Completer, original: string, root: string, file: string, at: readonly number[], settle?: RepositoryRetriever, cpu?: number[]): Promise<number[]> {
  const { trees, backend, uri } = complete;
  const languageId = languageOfPath(file)!;
  let version = versions.get(trees) ?? 0;
  let cut: { at: number; removed: string } | undefined;
  const times: number[] = [];
  for (const lineEnd of at) {
    const started = performance.now();
    const cpuStarted = cpu && process.cpuUsage();
    if (cut) trees.edit(uri, [{ rangeOffset: cut.at, rangeLength: 0, text: cut.removed }], original, ++version);
    const offset = lineEnd - CUT;
    cut = { at: offset, removed: original.slice(offset, lineEnd) };
    const text = original.slice(0, offset) + original.slice(lineEnd);
    trees.edit(uri, [{ rangeOffset: offset, rangeLength: CUT, text: '' }], text, ++version);
    const snapshot: DocumentSnapshot = { uri, path: relative(root, join(root, file)), languageId, text, offset, version };
    await complete(snapshot);
    times.push(performance.now() - started);
    if (cpuStarted) {
      const used = process.cpuUsage(cpuStarted);
      cpu!.push((used.user + used.system) / 1000);
    }
    backend.streams.length = 0;
    await settle?.settled();
  }
  // The last cut typed back, so a second pass starts from the original text.
  if (cut) trees.edit(uri, [{ rangeOffset: cut.at, rangeLength: 0, text: cut.removed }], original, ++version);
  versions.set(trees, version);
  return times;
}

const versions = new WeakMap<DocumentTrees, number>();

/** The repository retriever, timing the part of each request it takes (finding names, reading its cache). */
class TimedRetriever extends RepositoryRetriever {
  readonly times: number[] = [];

  override candidates(snapshot: DocumentSnapshot): ReturnType<RepositoryRetriever['candidates']> {
    const started = performance.now();
    try {
      return super.candidates(snapshot);
    } finally {
      this.times.push(performance.now() - started);
    }
  }
}

/** The codebase index of a folder, built in memory, behind the Codebase interface. */
async function codebaseOf(root: string, parsers: Parsers): Promise<() => LocalCodebase> {
  const index = CodebaseIndex.empty();
  await syncIndex(root, index, parsers);
  const codebase = new LocalCodebase(root, index);
  return () => codebase;
}
