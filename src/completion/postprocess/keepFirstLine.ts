/** A single-line completion (mid-line, or no block to fill) is the rest of the cursor line only. */
import type { Filter } from './types';

export const keepFirstLine: Filter = (draft, { shape }) => {
  if (shape.multiline) return draft;
  const newline = draft.text.indexOf('\n');
  return newline === -1 ? draft : { ...draft, text: draft.text.slice(0, newline).replace(/\r$/, '') };
};
