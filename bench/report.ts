/** What each benchmark returns; bench/run.ts prints them as one table and writes them as JSON. */
export interface BenchRow {
  /** What was measured, e.g. "replay accuracy (python, line-rest)". */
  metric: string;
  value: number;
  unit: string;
  /** The target in words, e.g. ">= 95%"; empty when the row is informational. */
  target?: string;
  /** Whether the target is met; undefined for informational rows. */
  pass?: boolean;
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  /** Free-form details kept in the JSON (per-case results, failures to look at). */
  details?: unknown;
}

export type Benchmark = () => Promise<BenchSection>;

/** Shared data for the completion benchmarks (see ../shared/bench/README.md). */
export const SHARED_BENCH = process.env.FATHOM_BENCH_DATA ?? new URL('../../shared/bench/', `file://${__dirname}/`).pathname;

export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The sections as aligned text: metric, value, target, ok/MISS (what `npm run bench` and the security suite print). */
export function formatTable(sections: readonly BenchSection[]): string {
  const lines: string[] = [];
  for (const s of sections) {
    lines.push('', `## ${s.title}`);
    const rows = s.rows.map((r) => [r.metric, `${r.value}${r.unit}`, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'ok' : 'MISS']);
    const width = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['metric', 'value', 'target', ''][i].length));
    const fmt = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  ').trimEnd();
    lines.push(fmt(['metric', 'value', 'target', '']), fmt(width.map((w) => '-'.repeat(w))), ...rows.map(fmt));
  }
  return lines.join('\n');
}
