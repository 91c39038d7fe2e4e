/**
 * Replay accuracy: the development cases (../shared/bench/completion.jsonl) through the same code as
 * `node dist/cli.js replay`, scored as ../shared/bench/README.md says: a case is right when the document
 * with the completion applied equals the expected one (or an alternate), line by line, trailing spaces
 * ignored. Reported overall (target >= 95%), by language and by kind, beside two reference strategies
 * and the pipeline without tree-sitter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCases, replayCase, type ReplayCase, type ReplayResult } from '../src/cli/replay';
import { shippedGrammar } from '../src/syntax/locateGrammar';
import { Parsers } from '../src/syntax/parsers';
import { percent, quantile, SHARED_BENCH, type BenchRow, type BenchSection } from './report';

interface Edit {
  insert: string;
  replaceLength: number;
}

interface ScoredCase extends ReplayCase {
  kind: string;
  expected: Edit;
  alternates?: Edit[];
}

const TARGET = 95;

export async function run(): Promise<BenchSection> {
  const cases = parseCases(readFileSync(join(SHARED_BENCH, 'completion.jsonl'), 'utf8')) as ScoredCase[];
  const parsers = new Parsers(shippedGrammar(join(__dirname, '..', 'dist')));
  const results: ReplayResult[] = [];
  const textOnly: ReplayResult[] = [];
  try {
    for (const c of cases) results.push(await replayCase(c, parsers));
    for (const c of cases) textOnly.push(await replayCase(c));
  } finally {
    parsers.dispose();
  }

  const correct = cases.map((c, i) => isCorrect(c, { insert: results[i].completion, replaceLength: results[i].replaceLength }));
  const rows: BenchRow[] = [];
  const share = (pick: (c: ScoredCase) => boolean) => {
    const picked = cases.map((c, i) => [c, correct[i]] as const).filter(([c]) => pick(c));
    return { value: percent(picked.filter(([, ok]) => ok).length, picked.length), n: picked.length };
  };
  const overall = share(() => true);
  rows.push({ metric: `replay accuracy (all ${overall.n} cases)`, value: overall.value, unit: '%', target: `>= ${TARGET}%`, pass: overall.value >= TARGET });
  for (const language of unique(cases.map((c) => c.languageId))) {
    const s = share((c) => c.languageId === language);
    rows.push({ metric: `replay accuracy (${language}, ${s.n} cases)`, value: s.value, unit: '%', target: `>= ${TARGET}%`, pass: s.value >= TARGET });
  }
  for (const kind of unique(cases.map((c) => c.kind))) {
    const s = share((c) => c.kind === kind);
    rows.push({ metric: `replay accuracy (${kind}, ${s.n} cases)`, value: s.value, unit: '%', target: `>= ${TARGET}%`, pass: s.value >= TARGET });
  }
  const reference = (name: string, completion: (c: ScoredCase, i: number) => Edit) =>
    rows.push({ metric: `reference: ${name}`, value: percent(cases.filter((c, i) => isCorrect(c, completion(c, i))).length, cases.length), unit: '%' });
  reference('pipeline without tree-sitter', (_c, i) => ({ insert: textOnly[i].completion, replaceLength: textOnly[i].replaceLength }));
  reference('first non-blank line only', (c) => ({ insert: firstNonBlankLine(c.modelOutput), replaceLength: 0 }));
  reference('cut at suffix repeat (30 chars)', (c) => ({ insert: cutAtSuffix(c), replaceLength: 0 }));
  const ms = results.map((r) => r.ms);
  rows.push({ metric: 'replay pipeline time p50 (one-off parse included)', value: round(quantile(ms, 0.5)), unit: ' ms' });
  rows.push({ metric: 'replay pipeline time p95 (one-off parse included)', value: round(quantile(ms, 0.95)), unit: ' ms' });

  const failing = cases.filter((_c, i) => !correct[i]).map((c) => `${c.id} (${c.languageId}, ${c.kind})`);
  const errors = results.filter((r) => r.error).map((r) => `${r.id}: ${r.error}`);
  return { title: 'Completion replay accuracy (development cases)', rows, details: { failing, errors, byLanguageAndKind: table(cases, correct) } };
}

/** The document with `edit` applied equals the one with the expected edit (or an alternate). */
export function isCorrect(c: ScoredCase, edit: Edit): boolean {
  const actual = normalize(apply(c, edit));
  return [c.expected, ...(c.alternates ?? [])].some((e) => normalize(apply(c, e)) === actual);
}

function apply(c: ReplayCase, edit: Edit): string {
  return c.text.slice(0, c.offset) + edit.insert + c.text.slice(c.offset + edit.replaceLength);
}

/** Line by line with trailing spaces ignored. */
function normalize(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\r]+$/, ''))
    .join('\n');
}

/** The README's first reference: the model output up to the end of its first non-blank line. */
function firstNonBlankLine(output: string): string {
  const lines = output.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  return first === -1 ? '' : lines.slice(0, first + 1).join('\n');
}

/** The README's second reference: the model output up to where it repeats the next 30 characters of the suffix. */
function cutAtSuffix(c: ReplayCase): string {
  const next = c.text.slice(c.offset, c.offset + 30);
  const at = next.trim() ? c.modelOutput.indexOf(next) : -1;
  return at === -1 ? c.modelOutput : c.modelOutput.slice(0, at);
}

function table(cases: ScoredCase[], correct: boolean[]): Record<string, string> {
  const counts = new Map<string, [number, number]>();
  cases.forEach((c, i) => {
    const key = `${c.languageId} ${c.kind}`;
    const [ok, n] = counts.get(key) ?? [0, 0];
    counts.set(key, [ok + (correct[i] ? 1 : 0), n + 1]);
  });
  return Object.fromEntries([...counts].sort().map(([k, [ok, n]]) => [k, `${ok}/${n}`]));
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
