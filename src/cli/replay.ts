/**
 * `node dist/cli.js replay --cases FILE.jsonl`: runs the production completion pipeline (automatic
 * trigger: multi-line decision, streaming stop, post-processing) on recorded cases, with a scripted
 * backend that streams each case's `modelOutput` in small chunks. Prints one JSON line per case:
 * {"id","completion","replaceLength","ms"} — the ghost text inserted at `offset`, how many characters
 * right of the cursor it replaces, and the pipeline's time. An empty completion means nothing is shown.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Tree } from 'web-tree-sitter';
import { withAnswerCap } from '../backends/answerCap';
import { ScriptedBackend } from '../backends/scripted';
import { completeOnce } from '../completion/engine/engine';
import type { DocumentSnapshot } from '../workspace/document';
import { shippedGrammar } from '../syntax/locateGrammar';
import { Parsers } from '../syntax/parsers';
import { jsonLines } from './jsonLines';

export interface ReplayCase {
  id: string;
  languageId: string;
  path: string;
  text: string;
  /** Cursor, as a UTF-16 offset into `text`. */
  offset: number;
  /** What the model streams. */
  modelOutput: string;
}

export interface ReplayResult {
  id: string;
  completion: string;
  replaceLength: number;
  ms: number;
  /** Present when the pipeline failed on this case (then nothing is shown). */
  error?: string;
}

/** One case per line (jsonLines). */
export function parseCases(jsonl: string): ReplayCase[] {
  return jsonLines(jsonl).map(({ row }) => JSON.parse(row) as ReplayCase);
}

/**
 * Runs one case through `completeOnce`. With `parsers`, the document is parsed once (as the editor's
 * tree cache would hold it) and the syntax checks run; without, the text rules decide alone.
 */
export async function replayCase(c: ReplayCase, parsers?: Parsers): Promise<ReplayResult> {
  const snapshot: DocumentSnapshot = { uri: c.path, path: c.path, languageId: c.languageId, text: c.text, offset: c.offset, version: 1 };
  // Loading a grammar happens once per session, not per request: keep it out of the timing.
  const language = parsers ? await parsers.language(c.languageId) : undefined;
  // The answer size cap the extension's pool puts around every client, so a runaway output is judged alike.
  const backend = withAnswerCap(new ScriptedBackend(c.modelOutput));
  const started = performance.now();
  try {
    const result = await completeOnce(snapshot, {
      backend,
      model: 'scripted',
      withTree: language && parsers ? async (s, use) => withOneOffTree(parsers.parse(language, s.text), use) : undefined,
      parse: parsers ? (lang, text) => parsers.parse(lang, text) : undefined,
    });
    return { id: c.id, completion: result?.insert ?? '', replaceLength: result?.replaceLength ?? 0, ms: elapsed(started) };
  } catch (error) {
    return { id: c.id, completion: '', replaceLength: 0, ms: elapsed(started), error: error instanceof Error ? error.message : String(error) };
  }
}

function withOneOffTree<R>(tree: Tree | undefined, use: (tree: Tree | undefined) => R): R {
  try {
    return use(tree);
  } finally {
    tree?.delete();
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

export const REPLAY_USAGE = `  replay     Run the completion pipeline on recorded cases with a scripted model:
             --cases FILE.jsonl (one {"id","languageId","path","text","offset","modelOutput"} per line);
             prints one {"id","completion","replaceLength","ms"} per line. --no-syntax: text rules only.`;

export async function replay(
  args: string[],
  write: (text: string) => void = (t) => process.stdout.write(t),
  writeError: (text: string) => void = (t) => process.stderr.write(t),
): Promise<number> {
  const { values } = parseArgs({ args, options: { cases: { type: 'string' }, 'no-syntax': { type: 'boolean', default: false } } });
  if (!values.cases) {
    writeError(`replay needs --cases FILE.jsonl\n\n${REPLAY_USAGE}\n`);
    return 2;
  }
  const cases = parseCases(readFileSync(values.cases, 'utf8'));
  const parsers = values['no-syntax'] ? undefined : new Parsers(shippedGrammar(__dirname));
  try {
    for (const c of cases) write(JSON.stringify(await replayCase(c, parsers)) + '\n');
  } finally {
    parsers?.dispose();
  }
  return 0;
}
