/**
 * Runs one next-edit case end to end, as the CLI and the benchmark do: the user's edit goes into the history,
 * the real pipeline asks the scripted model (which answers with `after`), and with `follow` the suggestion is
 * accepted and the pipeline asked again, as a user pressing Tab would: the accepted edits join the history,
 * the cursor moves to the end of the last one and the regions offered so far are not offered again.
 */
import type { Language, Tree } from 'web-tree-sitter';
import { DocumentTrees, type TextChange } from '../syntax/documentTrees';
import { languageOfPath } from '../syntax/languages';
import type { Parsers } from '../syntax/parsers';
import { formatForModel } from './formats/detect';
import type { NextEditFormat } from './formats/types';
import { EditHistory } from './history';
import { applyLineEdits, positionAfter, splitLines } from './lines';
import { predictNextEdit } from './pipeline';
import { ScriptedNextEditModel } from './scriptedModel';
import type { LineEdit, LineRange, Position } from './types';
import { userEditHunk, type LineReplacement } from './userEdit';

export interface NextEditCase {
  id: string;
  languageId?: string;
  path: string;
  text: string;
  cursor: Position;
  edit: LineReplacement;
  after: string;
}

export interface CaseStep {
  edits: LineEdit[];
  region?: LineRange;
  dropped?: string;
  ms: number;
}

export interface CaseRun {
  id: string;
  /** Every accepted edit, in order. */
  edits: LineEdit[];
  /** Pipeline time of all the requests, in milliseconds. */
  ms: number;
  steps: CaseStep[];
}

export interface RunOptions {
  /** Further requests after the first, each after accepting the previous suggestion. */
  follow?: number;
  /** Model name the format is told from (default: a Zeta model). */
  model?: string;
  format?: NextEditFormat;
  parsers?: Parsers;
}

export const DEFAULT_CASE_MODEL = 'zeta';

export async function runCase(c: NextEditCase, options: RunOptions = {}): Promise<CaseRun> {
  const languageId = c.languageId || languageOfPath(c.path) || 'plaintext';
  const model = options.model ?? DEFAULT_CASE_MODEL;
  const format = options.format ?? formatForModel(model);
  const afterLines = splitLines(c.after);
  let lines = splitLines(c.text);
  const history = new EditHistory();
  const user = userEditHunk(c.path, c.text, c.edit, c.cursor);
  history.record(user.path, user.startLine, user.before, user.after, 'user');
  // As in the editor, the document's tree is kept up to date by the tree cache as edits happen (incrementally),
  // outside the request; loading a grammar happens once per session. Neither is part of the pipeline's time.
  const language: Language | undefined = options.parsers ? await options.parsers.language(languageId) : undefined;
  const trees = options.parsers && language ? new DocumentTrees(options.parsers) : undefined;
  const backend = new ScriptedNextEditModel(format, afterLines, () => lines);
  let cursor = c.cursor;
  let visited: LineRange[] = [];
  const run: CaseRun = { id: c.id, edits: [], ms: 0, steps: [] };
  try {
    for (let step = 0; step <= (options.follow ?? 0); step++) {
      const text = lines.join('\n');
      const result = await withTree(trees, c.path, languageId, step, text, async (tree) => {
        const started = performance.now();
        const r = await predictNextEdit(
          { document: { path: c.path, languageId, text }, cursor, history: history.list(c.path), visited },
          { backend, model, format, syntax: language && options.parsers ? { language, parse: (l, t, old) => options.parsers!.parse(l, t, old), tree } : undefined },
        );
        return { ...r, ms: Math.round((performance.now() - started) * 100) / 100 };
      });
      run.ms = Math.round((run.ms + result.ms) * 100) / 100;
      run.steps.push({ edits: result.edits, region: result.region, dropped: result.dropped, ms: result.ms });
      if (result.edits.length === 0) break;
      const before = lines;
      for (const e of result.edits) {
        const next = applyLineEdits(lines, [e]);
        history.record(c.path, e.startLine, lines.slice(e.startLine, e.endLine + 1), e.text.split('\n'), 'suggestion');
        trees?.edit(c.path, [lineChange(lines, e)], next.join('\n'), step + 1);
        lines = next;
      }
      visited = shiftVisited([...visited, ...result.tried], result.region!, lines.length - before.length);
      run.edits.push(...result.edits);
      cursor = positionAfter(result.edits) ?? cursor;
    }
  } finally {
    trees?.dispose();
  }
  return run;
}

async function withTree<R>(trees: DocumentTrees | undefined, uri: string, languageId: string, version: number, text: string, use: (tree: Tree | undefined) => Promise<R>): Promise<R> {
  if (!trees) return use(undefined);
  // The tree is valid while `use` runs; the pipeline awaits inside it, so hold it until the promise settles.
  let pending: Promise<R> | undefined;
  await trees.withTree(uri, languageId, version, text, (tree) => {
    pending = use(tree);
  });
  return pending!;
}

/** A line edit as the editor reports a change: an offset range of the old text and its new text. */
function lineChange(lines: readonly string[], e: LineEdit): TextChange {
  const rangeOffset = lines.slice(0, e.startLine).reduce((n, l) => n + l.length + 1, 0);
  const rangeLength = lines.slice(e.startLine, e.endLine + 1).join('\n').length;
  return { rangeOffset, rangeLength, text: e.text };
}

/** Visited ranges below the region move with the lines the suggestion added or removed; the region itself grows. */
export function shiftVisited(visited: LineRange[], region: LineRange, delta: number): LineRange[] {
  if (delta === 0) return visited;
  return visited.map((v) => (v === region ? { startLine: v.startLine, endLine: v.endLine + delta } : v.startLine > region.endLine ? { startLine: v.startLine + delta, endLine: v.endLine + delta } : v));
}
