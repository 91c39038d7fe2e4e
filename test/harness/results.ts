/** The integration suite's report, written by test/integration/index.ts inside the extension host. */
import { existsSync, readFileSync } from 'node:fs';

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
