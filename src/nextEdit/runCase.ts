/**
 * Runs one next-edit case end to end, as the CLI and the benchmark do: the user's edit goes into the history,
 * the real pipeline asks the scripted model (which answers with `after`), and with `follow` the suggestion is
 * accepted and the pipeline asked again, as a user pressing Tab would: the accepted edits join the history,
 * the cursor moves to the end of the last one and the regions offered so far are not offered again.
 */
import type { Language } from 'web-tree-sitter';
import { languageOfPath } from '../syntax/languages';
import type { Parsers } from '../syntax/parsers';
import { formatForModel } from './formats/detect';
import type { NextEditFormat } from './formats/types';
import { EditHistory } from './history';
import { applyLineEdits, positionAfter, splitLines } from './lines';
import { predictNextEdit, type NextEditResult } from './pipeline';
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
  // Loading a grammar happens once per session, not per request: keep it out of the timing.
  const language: Language | undefined = options.parsers ? await options.parsers.language(languageId) : undefined;
  const backend = new ScriptedNextEditModel(format, afterLines, () => lines);
  let cursor = c.cursor;
  let visited: LineRange[] = [];
  const run: CaseRun = { id: c.id, edits: [], ms: 0, steps: [] };
  for (let step = 0; step <= (options.follow ?? 0); step++) {
    const started = performance.now();
    const text = lines.join('\n');
    const tree = language && options.parsers ? options.parsers.parse(language, text) : undefined;
    let result: NextEditResult;
    try {
      result = await predictNextEdit(
        { document: { path: c.path, languageId, text }, cursor, history: history.list(c.path), visited },
        { backend, model, format, syntax: language && options.parsers ? { language, parse: (l, t, old) => options.parsers!.parse(l, t, old), tree } : undefined },
      );
    } finally {
      tree?.delete();
    }
    const ms = Math.round((performance.now() - started) * 100) / 100;
    run.ms = Math.round((run.ms + ms) * 100) / 100;
    run.steps.push({ edits: result.edits, region: result.region, dropped: result.dropped, ms });
    if (result.edits.length === 0) break;
    const before = lines;
    for (const e of result.edits) {
      history.record(c.path, e.startLine, lines.slice(e.startLine, e.endLine + 1), e.text.split('\n'), 'suggestion');
      lines = applyLineEdits(lines, [e]);
    }
    visited = shiftVisited([...visited, result.region!], result.region!, lines.length - before.length);
    run.edits.push(...result.edits);
    cursor = positionAfter(result.edits) ?? cursor;
  }
  return run;
}

/** Visited ranges below the region move with the lines the suggestion added or removed; the region itself grows. */
function shiftVisited(visited: LineRange[], region: LineRange, delta: number): LineRange[] {
  if (delta === 0) return visited;
  return visited.map((v) => (v === region ? { startLine: v.startLine, endLine: v.endLine + delta } : v.startLine > region.endLine ? { startLine: v.startLine + delta, endLine: v.endLine + delta } : v));
}
