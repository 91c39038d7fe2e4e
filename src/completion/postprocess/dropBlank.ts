/**
 * The last filter: no trailing blank lines (they would push the code below down), no trailing spaces at
 * the end of a line, and nothing at all when only whitespace is left.
 */
import type { Filter } from './types';

export const dropBlank: Filter = (draft, { cursor }) => {
  const rest = cursor.lineSuffix.slice(draft.replaceLength);
  // Mid-line, a trailing space may separate the completion from the code right of it.
  const text = rest.trim() === '' ? draft.text.replace(/\s+$/, '') : draft.text.replace(/[\r\n]+$/, '');
  if (text.trim() === '') return undefined;
  return { ...draft, text };
};
