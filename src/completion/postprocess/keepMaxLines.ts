/**
 * The user's limit on a suggestion's lines (`fathom.completion.maxLines`, carried by the shape): the draft is cut
 * to that many lines. A block that starts with a line break (after `{`) shows nothing on the cursor's line, so
 * that empty line does not count. The stream stop reads no further than this (streamStop.ts).
 */
import type { CompletionShape } from '../analysis/multiline';
import type { Filter } from './types';

export const keepMaxLines: Filter = (draft, { shape }) => {
  if (!shape.maxLines) return draft;
  const lines = draft.text.split('\n');
  const limit = lineLimit(shape.maxLines, lines[0]);
  return lines.length <= limit ? draft : { ...draft, text: lines.slice(0, limit).join('\n') };
};

/** How many of the text's lines `maxLines` allows, given its first line. */
export function lineLimit(maxLines: number, firstLine: string): number {
  return maxLines + (firstLine.trim() === '' ? 1 : 0);
}

/** `shape` under the user's limit: 1 makes every suggestion one line (no block, no next line at a line end). */
export function limitShape(shape: CompletionShape, maxLines: number | undefined): CompletionShape {
  if (!maxLines) return shape;
  return maxLines === 1 ? { ...shape, multiline: false, nextLine: false } : { ...shape, maxLines };
}
