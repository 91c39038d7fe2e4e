/** The integration suite's report, written by test/integration/index.ts inside the extension host. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface IntegrationResult {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  tests: TestOutcome[];
  vscodeVersion: string;
}

/** `<result>.log`: the progress lines the suite appends while it runs. */
export const progressLogOf = (resultFile: string) => resultFile.replace(/\.json$/, '') + '.log';

/** Prints what the progress log gained since the last call (for live output while the suite runs). */
export function progressPrinter(logFile: string, write: (text: string) => void = (t) => process.stdout.write(t)): () => void {
  let printed = 0;
  return () => {
    if (!existsSync(logFile)) return;
    const text = readFileSync(logFile, 'utf8');
    if (text.length > printed) write(text.slice(printed));
    printed = text.length;
  };
}

/**
 * Writes the result whole or not at all: the runner polls for the file and reads it as soon as it exists, so a
 * plain write could be read half-written ("Unexpected end of JSON input"). A rename within a folder is atomic.
 */
export function writeResult(resultFile: string, result: IntegrationResult): void {
  const partial = `${resultFile}.partial`;
  writeFileSync(partial, JSON.stringify(result, null, 2));
  renameSync(partial, resultFile);
}

export function readResult(resultFile: string): IntegrationResult {
  return JSON.parse(readFileSync(resultFile, 'utf8')) as IntegrationResult;
}

/** One line per failure with its error, then the counts. */
export function summarize(result: IntegrationResult): string {
  const failures = result.tests.filter((t) => t.state === 'failed');
  const lines = failures.map((t, i) => `${i + 1}) ${t.title}\n${(t.error ?? '').replace(/^/gm, '     ')}`);
  lines.push(`integration: ${result.passed} passing, ${result.failed} failing, ${result.pending} pending in ${(result.durationMs / 1000).toFixed(1)} s (VS Code ${result.vscodeVersion})`);
  return lines.join('\n');
}

/** The fault matrix's tests are titled `fault matrix: <path> <case> (<provider>)`. */
const FAULT_TITLE = /^fault matrix: (\S+) (.+)$/;

export interface FaultMatrix {
  /** Per path (completion, commands, doctor): cases run and passed, and the titles of those that failed. */
  paths: Record<string, { run: number; passed: number; failed: string[] }>;
  run: number;
  passed: number;
}

/** Counts the fault matrix's cases in an integration result (cases skipped by --grep are not counted). */
export function faultMatrix(result: IntegrationResult): FaultMatrix {
  const matrix: FaultMatrix = { paths: {}, run: 0, passed: 0 };
  for (const test of result.tests) {
    const match = FAULT_TITLE.exec(test.title);
    if (!match || test.state === 'pending') continue;
    const path = (matrix.paths[match[1]] ??= { run: 0, passed: 0, failed: [] });
    path.run++;
    matrix.run++;
    if (test.state === 'passed') {
      path.passed++;
      matrix.passed++;
    } else path.failed.push(match[2]);
  }
  return matrix;
}

/** "fault cases passed: N/N", then one line per path. */
export function describeFaultMatrix(matrix: FaultMatrix): string {
  const paths = Object.entries(matrix.paths).map(([path, p]) => `  ${path}: ${p.passed}/${p.run}${p.failed.length ? ` (failed: ${p.failed.join('; ')})` : ''}`);
  return [`fault cases passed: ${matrix.passed}/${matrix.run}`, ...paths].join('\n');
}
