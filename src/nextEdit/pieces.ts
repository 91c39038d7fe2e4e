/**
 * A suggestion's line edits as the editor shows and applies them: each edit narrowed to the characters it
 * really changes (a rename touches a word, not the line), in the coordinates of the document as it is now
 * (the pipeline's edits apply one after another; the editor needs them all against the current text).
 * Plain data: the VS Code adapter turns pieces into decorations and into one workspace edit.
 */
import { editLines } from './lines';
import type { LineEdit, Position } from './types';

/** The characters `from`..`to` of the current document are replaced by `text` (empty range: an insertion). */
export interface EditPiece {
  from: Position;
  to: Position;
  text: string;
}

/** The pieces of `edits` (applied in order to `lines`), in the current document's coordinates. */
export function editPieces(lines: readonly string[], edits: readonly LineEdit[]): EditPiece[] {
  const pieces: EditPiece[] = [];
  let shift = 0;
  for (const e of edits) {
    const start = e.startLine - shift;
    const end = e.endLine - shift;
    pieces.push(pieceOf(lines, start, end, e.text));
    shift += editLines(e).length - (e.endLine - e.startLine + 1);
  }
  return pieces;
}

function pieceOf(lines: readonly string[], start: number, end: number, text: string): EditPiece {
  if (end < start) {
    // Whole lines inserted before `start`: at the end of the line above, or at the very start of the document.
    if (start === 0) return { from: { line: 0, character: 0 }, to: { line: 0, character: 0 }, text: text + '\n' };
    const above = { line: start - 1, character: lines[start - 1].length };
    return { from: above, to: above, text: '\n' + text };
  }
  const old = lines.slice(start, end + 1).join('\n');
  let p = 0;
  while (p < old.length && p < text.length && old[p] === text[p]) p++;
  let q = 0;
  while (q < old.length - p && q < text.length - p && old[old.length - 1 - q] === text[text.length - 1 - q]) q++;
  return { from: positionIn(lines, start, p), to: positionIn(lines, start, old.length - q), text: text.slice(p, text.length - q) };
}

/** The position `offset` characters into the text that starts at line `start` (lines joined with "\n"). */
function positionIn(lines: readonly string[], start: number, offset: number): Position {
  let line = start;
  while (offset > lines[line].length && line < lines.length - 1) {
    offset -= lines[line].length + 1;
    line++;
  }
  return { line, character: offset };
}

/** How inserted text reads beside the line: its first line, and how many more lines follow. */
export function insertedLabel(text: string, moreLines: (n: number) => string = (n) => `…(+${n} lines)`): string {
  const lines = text.split('\n');
  // An insertion of whole lines starts with the line break: show the first line that has text.
  const shown = lines[0] === '' && lines.length > 1 ? lines.slice(1) : lines;
  const first = shown[0];
  return shown.length > 1 ? `${first}${moreLines(shown.length - 1)}` : first;
}

/** Whether the suggestion is at the cursor: a piece on the cursor's line or the line above or below it. */
export function atCursor(pieces: readonly EditPiece[], cursorLine: number): boolean {
  return pieces.some((p) => cursorLine >= p.from.line - 1 && cursorLine <= p.to.line + 1);
}

/** Where Tab jumps to: the start of the first piece. */
export function jumpTarget(pieces: readonly EditPiece[]): Position | undefined {
  return pieces[0]?.from;
}
