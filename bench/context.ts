/**
 * Context recall: the development cases (../shared/bench/context.jsonl) run as ../shared/bench/README.md
 * says: for each case the tree gets the case's text at its file, `node dist/cli.js context --root …
 * --file … --offset … --budget 1024` runs, and the case counts when a snippet from `expect.path`
 * contains the line `expect.lineText` with `tokens` within the budget. The shared data is read-only,
 * so the trees are copied to a temporary folder first. Reported overall (target >= 85%) and by
 * language, beside the Jaccard-only baseline (similar windows over every file of the tree), with the
 * time per request measured in-process (cold: empty caches; warm: the same request again).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { NodeWorkspaceFiles } from '../src/cli/nodeWorkspaceFiles';
import type { ContextSnippet } from '../src/context/snippets/snippet';
import type { DocumentSnapshot } from '../src/workspace/document';
import { fitSnippets } from '../src/context/fitSnippets';
import { FileIndexCache } from '../src/context/imports/fileIndexCache';
import { gatherContext } from '../src/context/gather';
import { jaccard, wordsOf } from '../src/context/similar';
import { languageOfPath } from '../src/syntax/languages';
import { shippedGrammar } from '../src/syntax/locateGrammar';
import { Parsers } from '../src/syntax/parsers';
import { percent, quantile, SHARED_BENCH, type BenchRow, type BenchSection } from './report';

interface ContextCase {
  id: string;
  languageId: string;
  root: string;
  file: string;
  text: string;
  offset: number;
  symbol: string;
  expect: { path: string; line: number; lineText: string };
}

interface Output {
  snippets: Pick<ContextSnippet, 'path' | 'startLine' | 'endLine' | 'text' | 'source'>[];
  tokens: number;
}

const BUDGET = 1024;
const TARGET = 85;
const run_ = promisify(execFile);

export async function run(): Promise<BenchSection> {
  // Split on "\n" only: some cases' texts contain U+2028, which a generic line splitter would break on.
  const cases = readFileSync(join(SHARED_BENCH, 'context.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ContextCase);
  const trees = join(SHARED_BENCH, 'context.jsonl.trees');

  const cli = await viaCli(cases, trees);
  const baseline = await jaccardBaseline(cases, trees);
  const timing = await inProcessTiming(cases, trees);

  const rows: BenchRow[] = [];
  const hit = cases.map((c, i) => isHit(c, cli[i]));
  const withinBudget = percent(cli.filter((o) => o !== undefined && o.tokens <= BUDGET).length, cases.length);
  const share = (pick: (c: ContextCase) => boolean, hits: boolean[]) => {
    const picked = cases.map((c, i) => [c, hits[i]] as const).filter(([c]) => pick(c));
    return { value: percent(picked.filter(([, ok]) => ok).length, picked.length), n: picked.length };
  };
  const all = share(() => true, hit);
  rows.push({ metric: `context recall @${BUDGET} tokens (all ${all.n} cases)`, value: all.value, unit: '%', target: `>= ${TARGET}%`, pass: all.value >= TARGET });
  for (const language of [...new Set(cases.map((c) => c.languageId))]) {
    const s = share((c) => c.languageId === language, hit);
    rows.push({ metric: `context recall (${language}, ${s.n} cases)`, value: s.value, unit: '%' });
  }
  const base = share(() => true, baseline);
  rows.push({ metric: `baseline: Jaccard windows of every file @${BUDGET} (reference 3.3%)`, value: base.value, unit: '%' });
  for (const language of [...new Set(cases.map((c) => c.languageId))]) {
    rows.push({ metric: `baseline: Jaccard (${language})`, value: share((c) => c.languageId === language, baseline).value, unit: '%' });
  }
  rows.push({ metric: `cases whose tokens stay within the ${BUDGET}-token budget`, value: withinBudget, unit: '%', target: '100%', pass: withinBudget === 100 });
  rows.push({ metric: 'context time per request, cold: empty caches, file parsed (p50)', value: round(quantile(timing.cold, 0.5)), unit: ' ms' });
  rows.push({ metric: 'context time per request, cold: empty caches, file parsed (p95)', value: round(quantile(timing.cold, 0.95)), unit: ' ms' });
  rows.push({ metric: 'context time per request, warm: next keystroke, editor tree (p50)', value: round(quantile(timing.warm, 0.5)), unit: ' ms' });
  rows.push({ metric: 'context time per request, warm: next keystroke, editor tree (p95)', value: round(quantile(timing.warm, 0.95)), unit: ' ms' });
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  rows.push({ metric: 'snippets per case (mean)', value: round(mean(cli.map((o) => o?.snippets.length ?? 0))), unit: '' });
  return {
    title: 'Context retrieval (cross-file definitions)',
    rows,
    details: {
      failing: cases.flatMap((c, i) =>
        hit[i] ? [] : [{ id: c.id, symbol: c.symbol, expect: c.expect, got: cli[i]?.snippets.map((s) => `${s.source} ${s.path}:${s.startLine}-${s.endLine}`) ?? 'error' }],
      ),
      baselineHits: cases.filter((_, i) => baseline[i]).map((c) => c.id),
    },
  };
}

/** A snippet from the expected file holds the defining line, and the tokens stay within the budget. */
function isHit(c: ContextCase, out: Output | undefined): boolean {
  if (!out || out.tokens > BUDGET) return false;
  const want = c.expect.lineText.trim();
  return out.snippets.some((s) => s.path === c.expect.path && s.text.split('\n').some((l) => l.trim() === want));
}

/** The contract: the built CLI, on a writable copy of each tree, with the case's text written over its file. */
async function viaCli(cases: ContextCase[], trees: string): Promise<(Output | undefined)[]> {
  const work = mkdtempSync(join(tmpdir(), 'fathom-context-'));
  const cliPath = join(__dirname, '..', 'dist', 'cli.js');
  try {
    const out: (Output | undefined)[] = [];
    const copied = new Set<string>();
    for (const c of cases) {
      const root = join(work, c.root);
      if (!copied.has(c.root)) {
        cpSync(join(trees, c.root), root, { recursive: true });
        copied.add(c.root);
      }
      const file = join(root, c.file);
      const original = readFileSync(file);
      writeFileSync(file, c.text);
      try {
        const { stdout } = await run_(process.execPath, [cliPath, 'context', '--root', root, '--file', c.file, '--offset', String(c.offset), '--budget', String(BUDGET)], { maxBuffer: 1 << 24 });
        out.push(JSON.parse(stdout) as Output);
      } catch (error) {
        process.stderr.write(`  ${c.id}: ${error instanceof Error ? error.message : String(error)}\n`);
        out.push(undefined);
      } finally {
        writeFileSync(file, original);
      }
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The reference method: Jaccard over 50-line windows of every file of the tree, fitted to the same budget. */
async function jaccardBaseline(cases: ContextCase[], trees: string): Promise<boolean[]> {
  const windowsByRoot = new Map<string, Window[]>();
  return cases.map((c) => {
    let windows = windowsByRoot.get(c.root);
    if (!windows) windowsByRoot.set(c.root, (windows = allWindows(join(trees, c.root))));
    const query = wordsOf(c.text.slice(0, c.offset).split('\n').slice(-BASELINE_WINDOW).join('\n'));
    const ranked = windows
      .filter((w) => w.path !== c.file)
      .map((w) => ({ w, score: jaccard(query, w.words) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 50);
    const fitted = fitSnippets(ranked.map(({ w, score }) => ({ path: w.path, source: 'similar', score, forms: [{ text: w.text, startLine: w.startLine, endLine: w.endLine }] })), BUDGET, c.languageId);
    return isHit(c, fitted);
  });
}

interface Window {
  path: string;
  startLine: number;
  endLine: number;
  text: string;
  words: Set<string>;
}

const BASELINE_WINDOW = 50;
const BASELINE_STEP = 10;

/** Every 50-line window (every 10 lines) of every source file under `root`. */
function allWindows(root: string): Window[] {
  const windows: Window[] = [];
  for (const file of allFiles(root)) {
    const lines = file.text.split('\n');
    for (let start = 0; start < lines.length; start += BASELINE_STEP) {
      const end = Math.min(lines.length, start + BASELINE_WINDOW);
      const text = lines.slice(start, end).join('\n');
      windows.push({ path: file.path, startLine: start + 1, endLine: end, text, words: wordsOf(text) });
      if (end === lines.length) break;
    }
  }
  return windows;
}

/**
 * Time per request in-process. Cold: empty caches, the current file parsed too (what the CLI pays).
 * Warm: the same request again with the document's tree given, as the editor keeps it (DocumentTrees).
 */
async function inProcessTiming(cases: ContextCase[], trees: string): Promise<{ cold: number[]; warm: number[] }> {
  const parsers = new Parsers(shippedGrammar(join(__dirname, '..', 'dist')));
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    // Load every grammar once first: the first parse of a language pays for its wasm, not the retrieval.
    for (const languageId of new Set(cases.map((c) => c.languageId))) await parsers.language(languageId);
    for (const c of cases) {
      const files = new NodeWorkspaceFiles(join(trees, c.root), { overlay: new Map([[c.file, c.text]]) });
      const cache = new FileIndexCache(parsers);
      const snapshot: DocumentSnapshot = { uri: c.file, path: c.file, languageId: c.languageId, text: c.text, offset: c.offset, version: 1 };
      let started = performance.now();
      await gatherContext(snapshot, files, parsers, { budgetTokens: BUDGET, cache });
      cold.push(performance.now() - started);
      const tree = await parsers.parseText(c.languageId, c.text);
      try {
        started = performance.now();
        await gatherContext(snapshot, files, parsers, { budgetTokens: BUDGET, cache, tree });
        warm.push(performance.now() - started);
      } finally {
        tree?.delete();
      }
    }
  } finally {
    parsers.dispose();
  }
  return { cold, warm };
}

function allFiles(root: string): { path: string; text: string; languageId: string }[] {
  const out: { path: string; text: string; languageId: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else {
        const languageId = languageOfPath(name);
        if (languageId) out.push({ path: relative(root, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8'), languageId });
      }
    }
  };
  walk(root);
  return out;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
