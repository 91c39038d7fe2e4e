/**
 * Redaction cost: what the secret scan adds to every request, and what the worst input can make it cost.
 *
 * - A realistic 16 KB completion prompt (this repository's code, context snippets as comments, a few
 *   secrets among them) redacted 300 times by one Redactor, as a session does: p50 and p95.
 * - Every adversarial input of test/unit/privacy/adversarial.ts at 5 MB (text built to make the patterns
 *   slow: prefixes without the rest, BEGIN without END, runs of placeholders, …): the median of three runs
 *   each after a warm-up run, and the worst of them.
 * - Real secrets densely (the whole secret corpus over and over, a placeholder every few dozen characters):
 *   throughput, for information.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redactor } from '../src/privacy/redactor';
import { ADVERSARIAL, denseSecrets, realisticPrompt } from '../test/unit/privacy/adversarial';
import { quantile, type BenchRow, type BenchSection } from './report';

const ROOT = join(__dirname, '..');
const PROMPT_SIZE = 16 * 1024;
const PROMPT_RUNS = 300;
const ADVERSARIAL_SIZE = 5 * 1024 * 1024;
export const TARGET = { p95Ms: 1, worstMs: 500 };

/** This repository's TypeScript sources, concatenated: ordinary code to build prompts from. */
export function repositoryCode(limit = 256 * 1024): string {
  const out: string[] = [];
  let size = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (size >= limit) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        out.push(text);
        size += text.length;
      }
    }
  };
  walk(join(ROOT, 'src'));
  return out.join('\n');
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * p50 and p95 of redacting a realistic 16 KB prompt with one warm Redactor. With secrets in it (the
 * figure), the Redactor scans twice (its second pass confirms nothing more is left); without, once.
 */
export function promptTimes(runs = PROMPT_RUNS, withSecrets = true): { p50: number; p95: number; found: number } {
  const prompt = withSecrets ? realisticPrompt(repositoryCode(), PROMPT_SIZE) : repositoryCode().slice(0, PROMPT_SIZE);
  const redactor = new Redactor();
  let found = 0;
  for (let i = 0; i < 30; i++) found = redactor.redact(prompt).found.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    redactor.redact(prompt);
    times.push(performance.now() - started);
  }
  return { p50: round(quantile(times, 0.5)), p95: round(quantile(times, 0.95)), found };
}

/**
 * Median time of `runs` redactions of `text` by fresh Redactors, after one warm-up run on the same text
 * (the first run of a 5 MB input also pays one-time costs: the heap growing for strings that size, the
 * regular-expression engine's stack growing; those are not what the figure is about).
 */
export function redactionTime(text: string, runs = 3): { ms: number; found: number } {
  new Redactor().redact(text);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    found = new Redactor().redact(text).found.length;
    times.push(performance.now() - started);
  }
  return { ms: Math.round(quantile(times, 0.5)), found };
}

/** Every adversarial input at `size`: its median time; the caller takes the worst. */
export function adversarialTimes(size = ADVERSARIAL_SIZE): { name: string; aims: string; ms: number; found: number }[] {
  return ADVERSARIAL.map((input) => ({ name: input.name, aims: input.aims, ...redactionTime(input.make(size)) }));
}

export async function run(): Promise<BenchSection> {
  const prompt = promptTimes();
  const plain = promptTimes(PROMPT_RUNS, false);
  const adversarial = adversarialTimes();
  const worst = adversarial.reduce((a, b) => (b.ms > a.ms ? b : a));
  const dense = redactionTime(denseSecrets(ADVERSARIAL_SIZE));
  const slowest = [...adversarial].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const rows: BenchRow[] = [
    { metric: `16 KB prompt: p50 (${PROMPT_RUNS} runs, ${prompt.found} secrets in it)`, value: prompt.p50, unit: ' ms' },
    { metric: '16 KB prompt: p95', value: prompt.p95, unit: ' ms', target: `<= ${TARGET.p95Ms} ms`, pass: prompt.p95 <= TARGET.p95Ms },
    { metric: '16 KB of code without secrets (one scan): p50 / p95', value: plain.p50, unit: ` / ${plain.p95} ms` },
    { metric: `5 MB adversarial: worst of ${adversarial.length} inputs (${worst.name})`, value: worst.ms, unit: ' ms', target: `<= ${TARGET.worstMs} ms`, pass: worst.ms <= TARGET.worstMs },
    ...slowest.slice(1).map((a) => ({ metric: `5 MB adversarial: ${a.name} (${a.aims})`, value: a.ms, unit: ' ms' })),
    { metric: `5 MB of real secrets, densely (${dense.found} placeholders; information)`, value: dense.ms, unit: ' ms' },
  ];
  return { title: 'Redaction cost (secret scan per request)', rows, details: { prompt, plain, adversarial, dense } };
}
