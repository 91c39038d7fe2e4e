/**
 * Pipeline overhead per request, network excluded: snapshot, syntax (incremental re-parse after the
 * edit), context, prompt, streaming stop and post-processing — everything the extension does per
 * keystroke that reaches a request — against a scripted backend that answers at once. Real files of about
 * 500, 5,000, 12,000 and 130,000 lines; the cursor at the end of a half-typed line, a new one per request.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { RoleBackend } from '../src/roles/pool';
import { ScriptedBackend } from '../src/backends/scripted';
import { NodeWorkspaceFiles } from '../src/cli/nodeWorkspaceFiles';
import { createCompleteOnce } from '../src/completion/service';
import type { DocumentSnapshot } from '../src/workspace/document';
import { parseConfig } from '../src/config/settings';
import { DocumentTrees } from '../src/syntax/documentTrees';
import { languageOfPath } from '../src/syntax/languages';
import { Parsers } from '../src/syntax/parsers';
import { devGrammar } from '../test/unit/syntax/grammars';
import { SHARED_BENCH, quantile, type BenchRow, type BenchSection } from './report';

const ROOT = join(__dirname, '..');
const FILES: { root: string; file: string; target?: { p95: number } }[] = [
  { root: join(SHARED_BENCH, 'context.jsonl.trees/rxjs'), file: 'internal/Observable.ts' },
  { root: join(ROOT, 'node_modules/@types/node'), file: 'fs.d.ts', target: { p95: 10 } },
  { root: join(ROOT, 'node_modules/openai/src'), file: 'resources/beta/responses/responses.ts' },
  { root: join(ROOT, 'node_modules/typescript/lib'), file: '_tsc.js', target: { p95: 50 } },
];
const SAMPLES = 300;
const WARMUP = 10;
/** Characters removed from the end of the line: the cursor stands in a half-typed line. */
const CUT = 6;

/** A small deterministic generator, so every run measures the same positions. */
function positions(text: string, count: number): number[] {
  const ends: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    const start = text.lastIndexOf('\n', i - 1) + 1;
    if (i - start > CUT + 4 && text.slice(start, i).trim().length > CUT) ends.push(i);
  }
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  return Array.from({ length: count }, () => ends[next() % ends.length]);
}

export async function run(): Promise<BenchSection> {
  const parsers = new Parsers(devGrammar);
  const rows: BenchRow[] = [];
  const details: unknown[] = [];
  const config = parseConfig(() => undefined);
  for (const { root, file, target } of FILES) {
    const original = readFileSync(join(root, file), 'utf8');
    const lines = original.split('\n').length;
    const languageId = languageOfPath(file)!;
    const trees = new DocumentTrees(parsers);
    const backend = new ScriptedBackend('value);\n  return result;\n}\n');
    const roleBackend: RoleBackend = { backend, settings: config.completion, info: { name: 'scripted', supportsFim: true }, contextLength: config.contextLength };
    const uri = `file://${join(root, file)}`;
    const complete = createCompleteOnce({
      target: async () => roleBackend,
      getConfig: () => config,
      parsers,
      withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use),
      files: new NodeWorkspaceFiles(root, { recent: [file] }),
    });

    // The document as the editor holds it: each request cuts the end of another line, after the
    // previous cut was typed back; the edits reach the tree cache as they would from the editor.
    let text = original;
    let version = 1;
    let cut: { at: number; removed: string } | undefined;
    const times: number[] = [];
    for (const [i, lineEnd] of positions(original, SAMPLES + WARMUP).entries()) {
      const started = performance.now();
      if (cut) {
        trees.edit(uri, [{ rangeOffset: cut.at, rangeLength: 0, text: cut.removed }], original, ++version);
        text = original;
      }
      const at = lineEnd - CUT;
      cut = { at, removed: original.slice(at, lineEnd) };
      text = original.slice(0, at) + original.slice(lineEnd);
      trees.edit(uri, [{ rangeOffset: at, rangeLength: CUT, text: '' }], text, ++version);
      const snapshot: DocumentSnapshot = { uri, path: relative(root, join(root, file)), languageId, text, offset: at, version };
      await complete(snapshot, new AbortController().signal);
      if (i >= WARMUP) times.push(performance.now() - started);
      backend.streams.length = 0;
    }
    trees.dispose();
    const p50 = Math.round(quantile(times, 0.5) * 100) / 100;
    const p95 = Math.round(quantile(times, 0.95) * 100) / 100;
    const name = `${file.split('/').pop()} (${lines} lines${text.length > 1_000_000 ? ', above the parse limit: indentation rules' : ''})`;
    rows.push({ metric: `${name}: p50`, value: p50, unit: ' ms' });
    rows.push({ metric: `${name}: p95`, value: p95, unit: ' ms', target: target ? `<= ${target.p95} ms` : undefined, pass: target ? p95 <= target.p95 : undefined });
    details.push({ file: join(dirname(file), file), lines, samples: times.length, p50, p95, max: Math.max(...times) });
  }
  parsers.dispose();
  return { title: 'Pipeline overhead per request (network excluded)', rows, details };
}
