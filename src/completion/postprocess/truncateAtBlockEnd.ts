/**
 * A multi-line completion ends where its block ends (see blockEnd.ts): the closing line is kept when the
 * document lacks it, and whatever the model streamed after the block (the code that already follows, or
 * unrelated code) is dropped. When the other choice about the closing line is also plausible, it is kept
 * as an alternative for the syntax check.
 */
import { findBlockEnd } from '../analysis/blockEnd';
import type { Filter } from './types';

export const truncateAtBlockEnd: Filter = (draft, { cursor, shape }) => {
  if (!shape.multiline) return draft;
  const cut = findBlockEnd(draft.text, cursor, shape, true);
  if (!cut) return draft;
  const alternatives = cut.alternative !== undefined ? [draft.text.slice(0, cut.alternative)] : undefined;
  return { ...draft, text: draft.text.slice(0, cut.end), alternatives };
};
