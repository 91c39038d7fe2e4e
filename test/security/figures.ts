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
  cutSecrets: '5. Secrets cut by a window, selection, snippet or attachment',
  symbolPasswords: '6. Passwords with symbols, config syntaxes, newer token formats',
  redactionCost: '7. Redaction time (16 KB prompt, adversarial input)',
  falsePositives: '8. False positives (ordinary code, hashes, UUIDs, lockfiles, minified bundles)',
  restore: '9. Placeholder restore scoping',
  endpoints: '10. Endpoint guard (redirects, every request under localOnly)',
  ignorePaths: '11. Ignore rules for every path form (symlinks, schemes, multi-root, ..)',
  restricted: '12. Restricted Mode (untrusted workspace, integration suite)',
  cliTruth: '13. CLI prompt body equals the body sent',
  codebaseIndex: '14. Codebase index: secrets and ignored files in the saved index',
  embeddings: '15. Embeddings requests (redaction, local-only, consent)',
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

