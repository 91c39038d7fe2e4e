/**
 * A user's edit given as "at line L, `from` was replaced by `to`" (the CLI's cases) turned into the history
 * hunk the pipeline reads: where on the line `to` stands is told by the cursor when it sits right after it,
 * else by the first place on the line that holds it.
 */
import { splitLines } from './lines';
import type { EditHunk, Position } from './types';

export interface LineReplacement {
  line: number;
  from: string;
  to: string;
}

/** The hunk of the edit; throws when `to` is not on the edit's line of `text`. */
export function userEditHunk(path: string, text: string, edit: LineReplacement, cursor?: Position): EditHunk {
  const lines = splitLines(text);
  if (!Number.isInteger(edit.line) || edit.line < 0 || edit.line >= lines.length) throw new Error(`edit.line ${edit.line} is outside the ${lines.length}-line text`);
  const lineStart = lines.slice(0, edit.line).reduce((n, l) => n + l.length + 1, 0);
  const at = locate(text, lines[edit.line], lineStart, edit, cursor);
  if (at === undefined) throw new Error(`edit.to ${JSON.stringify(edit.to)} is not on line ${edit.line}`);
  const original = text.slice(0, at) + edit.from + text.slice(at + edit.to.length);
  const fromLines = edit.from.split('\n').length;
  const toLines = edit.to.split('\n').length;
  return {
    path,
    startLine: edit.line,
    before: splitLines(original).slice(edit.line, edit.line + fromLines),
    after: lines.slice(edit.line, edit.line + toLines),
    source: 'user',
  };
}

function locate(text: string, line: string, lineStart: number, edit: LineReplacement, cursor?: Position): number | undefined {
  if (cursor && cursor.line === edit.line) {
    const end = lineStart + cursor.character;
    if (end - edit.to.length >= lineStart && text.slice(end - edit.to.length, end) === edit.to) return end - edit.to.length;
  }
  if (edit.to === '') return lineStart + Math.min(cursor?.line === edit.line ? cursor.character : line.length, line.length);
  const at = text.indexOf(edit.to, lineStart);
  return at !== -1 && at <= lineStart + line.length ? at : undefined;
}
