/**
 * Pieces the prompt formats share: the read-only context lines around the region, the cursor marker put into
 * a region line, history hunks as unified-diff text, the answer cut at stop sequences, and reading back a
 * region between two marker lines.
 */
import type { EditHunk } from '../types';
import type { PromptInput, ShownRegion } from './types';

/** Read-only lines shown above and below the editable region. */
export const CONTEXT_LINES = 20;

export const REGION_START = '<|editable_region_start|>';
export const REGION_END = '<|editable_region_end|>';
export const CURSOR = '<|user_cursor_is_here|>';

/** The region's lines with `marker` at the cursor, when the cursor is inside the region. */
export function regionWithCursor(input: PromptInput, marker: string): string[] {
  const { startLine, endLine } = input.region;
  const lines = input.lines.slice(startLine, endLine + 1);
  const { line, character } = input.cursor;
  if (line >= startLine && line <= endLine) {
    const text = lines[line - startLine];
    const at = Math.min(character, text.length);
    lines[line - startLine] = text.slice(0, at) + marker + text.slice(at);
  }
  return lines;
}

export function contextBefore(input: PromptInput, count = CONTEXT_LINES): string[] {
  return input.lines.slice(Math.max(0, input.region.startLine - count), input.region.startLine);
}

export function contextAfter(input: PromptInput, count = CONTEXT_LINES): string[] {
  return input.lines.slice(input.region.endLine + 1, input.region.endLine + 1 + count);
}

/** The region between its marker lines with the cursor marked, and `count` read-only lines above and below it. */
export function markedExcerpt(input: PromptInput, count = CONTEXT_LINES): string[] {
  return [...contextBefore(input, count), REGION_START, ...regionWithCursor(input, CURSOR), REGION_END, ...contextAfter(input, count)];
}

/** A hunk as unified-diff text: `@@ -a,n +a,m @@` then the removed and the added lines (1-based lines). */
export function hunkDiff(h: EditHunk): string {
  const line = h.startLine + 1;
  return [`@@ -${line},${h.before.length} +${line},${h.after.length} @@`, ...h.before.map((l) => `-${l}`), ...h.after.map((l) => `+${l}`)].join('\n');
}

/** The answer up to the first stop sequence (servers stop there; a scripted or careless one may not). */
export function cutAtStop(answer: string, stops: readonly string[]): string {
  let end = answer.length;
  for (const s of stops) {
    const at = answer.indexOf(s);
    if (at !== -1 && at < end) end = at;
  }
  return answer.slice(0, end);
}

/** Drops the one newline that separates a region's last line from what follows it. */
export function dropFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * The region between a line holding only `start` and one holding only `end`, and the lines shown before
 * it back to `fromLine` (exclusive). The cursor marker is removed.
 */
export function readMarked(lines: readonly string[], fromLine: number, path: string, start = REGION_START, end = REGION_END, cursor = CURSOR): ShownRegion | undefined {
  const s = lines.indexOf(start, fromLine);
  const e = s === -1 ? -1 : lines.indexOf(end, s + 1);
  if (s === -1 || e === -1) return undefined;
  return { path, before: lines.slice(fromLine, s), region: lines.slice(s + 1, e).map((l) => l.split(cursor).join('')) };
}

/** Text between the first fence line and the next one, when the answer has a fenced block. */
export function fencedBody(answer: string): string | undefined {
  const m = /```[^\n]*\n([\s\S]*?)\n?```/.exec(answer);
  return m ? m[1] : undefined;
}
