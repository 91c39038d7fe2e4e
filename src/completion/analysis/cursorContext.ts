/**
 * The plain facts around the cursor that the multi-line decision, the stream stop and the post-processing
 * filters look at. Built from a bounded window of the document, so a request costs the same on a 500-line
 * file and on a 50,000-line one.
 */
import type { DocumentSnapshot } from '../../workspace/document';
import { CURSOR_WINDOW_CHARS } from '../../tunables/tunables';

export { CURSOR_WINDOW_CHARS };

export interface CursorContext {
  languageId: string;
  /** The cursor line left of the cursor. */
  linePrefix: string;
  /** The cursor line right of the cursor, without its line break. */
  lineSuffix: string;
  /** Whole lines before the cursor line (at most CURSOR_WINDOW_CHARS), ending with a line break or empty. */
  linesBefore: string;
  /** Text after the cursor line's break (at most CURSOR_WINDOW_CHARS), starting at a line start. */
  linesAfter: string;
  /** True when the cursor sits inside a comment or a string (completions there stay on one line). */
  inCommentOrString: boolean;
}

export function cursorContext(snapshot: Pick<DocumentSnapshot, 'text' | 'offset' | 'languageId'>, inCommentOrString = false): CursorContext {
  const { text, offset } = snapshot;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline === -1 ? text.length : newline;
  const beforeStart = Math.max(0, lineStart - CURSOR_WINDOW_CHARS);
  const beforeFrom = beforeStart === 0 ? 0 : text.indexOf('\n', beforeStart) + 1;
  const afterStart = newline === -1 ? text.length : newline + 1;
  const afterEnd = Math.min(text.length, afterStart + CURSOR_WINDOW_CHARS);
  const afterTo = afterEnd === text.length ? afterEnd : Math.max(afterStart, text.lastIndexOf('\n', afterEnd));
  return {
    languageId: snapshot.languageId,
    linePrefix: text.slice(lineStart, offset),
    lineSuffix: stripCarriageReturn(text.slice(offset, lineEnd)),
    linesBefore: text.slice(Math.min(beforeFrom, lineStart), lineStart),
    linesAfter: text.slice(afterStart, afterTo),
    inCommentOrString,
  };
}

/** Leading spaces and tabs of a line. */
export function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/** Width of an indentation, a tab counting as `tabSize` columns. */
export function indentWidth(indent: string, tabSize = 4): number {
  let width = 0;
  for (const c of indent) width += c === '\t' ? tabSize : 1;
  return width;
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** The nearest non-blank line above the cursor line, or undefined at the top of the window. */
export function previousNonBlankLine(cursor: CursorContext): string | undefined {
  const lines = cursor.linesBefore.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) if (!isBlank(lines[i])) return stripCarriageReturn(lines[i]);
  return undefined;
}

/** The nearest non-blank line below the cursor line, or undefined at the end of the window. */
export function nextNonBlankLine(cursor: CursorContext): string | undefined {
  for (const line of cursor.linesAfter.split('\n')) if (!isBlank(line)) return stripCarriageReturn(line);
  return undefined;
}

/** The first `count` non-blank lines below the cursor line. */
export function nextNonBlankLines(cursor: CursorContext, count: number): string[] {
  const found: string[] = [];
  for (const line of cursor.linesAfter.split('\n')) {
    if (found.length >= count) break;
    if (!isBlank(line)) found.push(stripCarriageReturn(line));
  }
  return found;
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
