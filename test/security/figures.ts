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

