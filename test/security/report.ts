/**
 * Mocha root hooks for `npm run test:security`: after the whole run, adds the fault-matrix figure and the
 * Restricted Mode figure (written by the integration suite, read here, never run here), prints every figure as one table, and writes
 * bench-results/security.json. Runs whether the tests passed or not, so a failing run still shows its figures.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatTable } from '../../bench/report';
import { record, recordedSections, SECTIONS, type BenchRow } from './figures';

const ROOT = resolve(__dirname, '../..');
const FAULT_MATRIX = join(ROOT, 'test-results', 'fault-matrix.json');
const RESTRICTED_MODE = join(ROOT, 'test-results', 'restricted-mode.json');
const CLI_TRUTH = join(ROOT, 'test-results', 'cli-truth.json');

export const mochaHooks = {
  afterAll(): void {
    recordFaultMatrix();
    recordRestrictedMode();
    recordCliTruth();
    const sections = recordedSections();
    process.stdout.write(`\nSecurity figures\n${formatTable(sections)}\n`);
    const out = join(ROOT, 'bench-results');
    mkdirSync(out, { recursive: true });
    const file = join(out, 'security.json');
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, sections }, null, 2));
    process.stdout.write(`\nJSON: ${file}\n`);
    const missed = sections.flatMap((s) => s.rows).filter((r) => r.pass === false).length;
    if (missed) process.stdout.write(`${missed} figure(s) miss their target.\n`);
  },
};

interface FaultCount {
  path: string;
  run: number;
  passed: number;
}

/** Prints the fault matrix the integration suite left behind, or "not run" (never a failure here). */
function recordFaultMatrix(): void {
  if (!existsSync(FAULT_MATRIX)) {
    record(SECTIONS.faults, [{ metric: 'fault matrix: not run (no test-results/fault-matrix.json; run npm run test:integration)', value: 0, unit: ' cases' }]);
    return;
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(FAULT_MATRIX, 'utf8'));
  } catch (error) {
    record(SECTIONS.faults, [{ metric: `fault matrix: unreadable (${error instanceof Error ? error.message : String(error)})`, value: 0, unit: ' cases' }]);
    return;
  }
  const counts = faultCounts(data);
  if (counts.length === 0) {
    record(SECTIONS.faults, [{ metric: 'fault matrix: no run/passed counts found in the file', value: 0, unit: ' cases' }], { faultMatrix: data });
    return;
  }
  const rows: BenchRow[] = counts.map((c) => ({ metric: `fault cases passed: ${c.path}`, value: c.passed, unit: ` / ${c.run}`, target: `= ${c.run}`, pass: c.passed === c.run }));
  const run = counts.reduce((n, c) => n + c.run, 0);
  const passed = counts.reduce((n, c) => n + c.passed, 0);
  if (counts.length > 1) rows.push({ metric: 'fault cases passed: all paths', value: passed, unit: ` / ${run}`, target: `= ${run}`, pass: passed === run });
  const at = typeof (data as { at?: unknown }).at === 'string' ? (data as { at: string }).at : undefined;
  record(SECTIONS.faults, rows, { faultMatrix: data, faultMatrixAt: at });
}

/** Prints the rows test/integration/restricted.test.ts wrote (npm run test:restricted), or "not run". */
function recordRestrictedMode(): void {
  if (!existsSync(RESTRICTED_MODE)) {
    record(SECTIONS.restricted, [{ metric: 'Restricted Mode: not run (no test-results/restricted-mode.json; run npm run test:restricted)', value: 0, unit: ' cases' }]);
    return;
  }
  let data: { at?: unknown; rows?: unknown; details?: unknown };
  try {
    data = JSON.parse(readFileSync(RESTRICTED_MODE, 'utf8'));
  } catch (error) {
    record(SECTIONS.restricted, [{ metric: `Restricted Mode: unreadable (${error instanceof Error ? error.message : String(error)})`, value: 0, unit: ' cases' }]);
    return;
  }
  const rows = Array.isArray(data.rows) ? data.rows.filter(isRow) : [];
  if (rows.length === 0) {
    record(SECTIONS.restricted, [{ metric: 'Restricted Mode: no rows in test-results/restricted-mode.json', value: 0, unit: ' cases' }], { restrictedMode: data });
    return;
  }
  record(SECTIONS.restricted, rows, { restrictedMode: data.details, restrictedModeAt: typeof data.at === 'string' ? data.at : undefined });
}

function isRow(value: unknown): value is BenchRow {
  const r = value as Partial<BenchRow> | null;
  return !!r && typeof r.metric === 'string' && typeof r.value === 'number' && typeof r.unit === 'string';
}

/**
 * Adds the integration suite's comparison of `node dist/cli.js prompt` with the body the extension really sent
 * (test/integration/privacy.test.ts writes it), or "not run"; never a failure here.
 */
function recordCliTruth(): void {
  let data: { comparisons?: unknown; equal?: unknown; at?: unknown } | undefined;
  try {
    data = existsSync(CLI_TRUTH) ? JSON.parse(readFileSync(CLI_TRUTH, 'utf8')) : undefined;
  } catch {
    data = undefined;
  }
  const comparisons = num(data?.comparisons);
  const equal = num(data?.equal);
  if (comparisons === undefined || equal === undefined) {
    record(SECTIONS.cliTruth, [{ metric: 'in the extension host: not run (no test-results/cli-truth.json; run npm run test:integration)', value: 0, unit: ' comparisons' }]);
    return;
  }
  record(SECTIONS.cliTruth, [{ metric: 'in the extension host: CLI body = body the extension sent (integration suite)', value: equal, unit: ` / ${comparisons}`, target: `= ${comparisons}`, pass: equal === comparisons }], { cliTruthIntegration: data });
}

/**
 * Finds every {run, passed} pair in the file, wherever it sits: a list of `{ path, run, passed }`, an object
 * keyed by path, or nested under a top-level key; `cases`/`total` stand for `run`, and a `cases` list of
 * `{ passed: boolean }` is counted.
 */
export function faultCounts(value: unknown, path: string[] = []): FaultCount[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => faultCounts(v, [...path, labelOf(v) ?? String(i)]));
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const run = num(o.run) ?? num(o.total) ?? num(o.cases) ?? (Array.isArray(o.cases) ? o.cases.length : undefined);
  const passed = num(o.passed) ?? (Array.isArray(o.cases) ? o.cases.filter((c) => c && typeof c === 'object' && (c as { passed?: unknown }).passed === true).length : undefined);
  if (run !== undefined && passed !== undefined) return [{ path: path.filter((p) => !/^(paths|results|matrix)$/.test(p)).join(' / ') || 'all', run, passed }];
  return Object.entries(o).flatMap(([k, v]) => faultCounts(v, Array.isArray(v) ? [...path] : [...path, k]));
}

function labelOf(v: unknown): string | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const label = o.path ?? o.name ?? o.id;
  return typeof label === 'string' ? label : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
