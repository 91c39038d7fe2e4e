/**
 * Line-level text helpers of the next-edit pipeline: split and join documents, apply line edits in order,
 * and the position right after an edit (where a user who pressed Tab finds the cursor).
 */
import type { LineEdit, Position } from './types';

/** A document's lines: split on "\n" only, a "\r" stays with its line (it is compared like any character). */
export function splitLines(text: string): string[] {
  return text.split('\n');
}

/** The lines an edit's text stands for. */
export function editLines(edit: LineEdit): string[] {
  return edit.text.split('\n');
}

/** Applies `edits` in order, each to the lines the previous ones left. */
export function applyLineEdits(lines: readonly string[], edits: readonly LineEdit[]): string[] {
  let out = [...lines];
  for (const e of edits) {
    if (e.startLine < 0 || e.endLine < e.startLine - 1 || e.endLine >= out.length) throw new Error(`edit ${e.startLine}..${e.endLine} is outside the ${out.length}-line document`);
    out = [...out.slice(0, e.startLine), ...editLines(e), ...out.slice(e.endLine + 1)];
  }
  return out;
}

/** The end of the last edit's text: where the cursor stands once the edits are applied. */
export function positionAfter(edits: readonly LineEdit[]): Position | undefined {
  const last = edits[edits.length - 1];
  if (!last) return undefined;
  const lines = editLines(last);
  return { line: last.startLine + lines.length - 1, character: lines[lines.length - 1].length };
}
