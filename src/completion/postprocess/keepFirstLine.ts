/**
 * A single-line completion (mid-line, or no block to fill) is the rest of the cursor line only — or, at the
 * end of a finished line (shape.nextLine), the next line: a line break, then up to the end of the first line
 * with code (nextLineEnd).
 */
import type { CompletionShape } from '../analysis/multiline';
import type { Filter } from './types';

/** Blank lines an answer may put before the next line (a blank line between two statements is common). */
const MAX_BLANK_LINES = 1;

export const keepFirstLine: Filter = (draft, { shape }) => {
  if (shape.multiline) return draft;
  const end = singleLineEnd(draft.text, shape);
  return end === undefined ? draft : { ...draft, text: draft.text.slice(0, end).replace(/\r$/, '') };
};

/**
 * Where a single-line answer ends in `text`: its first line break, or for a next line the break after it.
 * Undefined when the text holds no such end yet (all of it is kept, or the stream reads on).
 */
export function singleLineEnd(text: string, shape: CompletionShape): number | undefined {
  const newline = text.indexOf('\n');
  if (newline === -1) return undefined;
  if (!shape.nextLine || text.slice(0, newline).trim() !== '') return newline;
  return nextLineEnd(text, newline);
}

/**
 * The end of the first line with code after the line break at `newline`; `newline` itself (nothing is kept)
 * when more than MAX_BLANK_LINES blank lines come first; undefined while that line is not complete.
 */
function nextLineEnd(text: string, newline: number): number | undefined {
  let start = newline + 1;
  for (let blank = 0; ; blank++) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (line.trim() !== '') return end === -1 ? undefined : end;
    if (end === -1) return undefined;
    if (blank >= MAX_BLANK_LINES) return newline;
    start = end + 1;
  }
}
