/**
 * The figures the security suite measures. Each test records its rows here (and asserts them itself, so
 * a regression fails the run); report.ts prints them as one table after the run and writes
 * bench-results/security.json. Same row shape as the benchmarks (bench/report.ts).
 */
import type { BenchRow, BenchSection } from '../../bench/report';

export type { BenchRow, BenchSection };

/** Section titles, in the order the report prints them. */
export const SECTIONS = {
  secrets: '1. Secrets sent (corpus secrets through the real pipelines and BackendPool, fake server)',
  ignored: '2. Ignored files sent (ignore rules + guardFiles, fake server)',
  faults: '3. Fault cases (integration suite, test-results/fault-matrix.json)',
  load: '4. Load (scheduler burst, chat session, leaks)',
} as const;

const sections = new Map<string, BenchSection>();

/** Adds rows (and details) to the section titled `title`, in the order the suite runs. */
export function record(title: string, rows: BenchRow[], details?: Record<string, unknown>): void {
  let section = sections.get(title);
  if (!section) {
    section = { title, rows: [] };
    sections.set(title, section);
  }
  section.rows.push(...rows);
  if (details) section.details = { ...((section.details as Record<string, unknown> | undefined) ?? {}), ...details };
}

export function recordedSections(): BenchSection[] {
  const order: string[] = Object.values(SECTIONS);
  const rank = (t: string) => (order.includes(t) ? order.indexOf(t) : order.length);
  return [...sections.values()].sort((a, b) => rank(a.title) - rank(b.title));
}

/** The sections as aligned text: metric, value, target, ok/MISS (as `npm run bench` prints them). */
export function table(list: readonly BenchSection[]): string {
  const lines: string[] = [];
  for (const s of list) {
    lines.push('', `## ${s.title}`);
    const rows = s.rows.map((r) => [r.metric, `${r.value}${r.unit}`, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'ok' : 'MISS']);
    const width = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['metric', 'value', 'target', ''][i].length));
    const fmt = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  ').trimEnd();
    lines.push(fmt(['metric', 'value', 'target', '']), fmt(width.map((w) => '-'.repeat(w))), ...rows.map(fmt));
  }
  return lines.join('\n');
}
