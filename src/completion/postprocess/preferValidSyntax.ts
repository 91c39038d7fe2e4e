/**
 * Between plausible endings (the block with or without its closing line), the one that leaves fewer
 * parse errors in the document wins; on a tie the first choice stays. Needs a grammar for the language;
 * without one the first choice stands.
 */
import type { Filter } from './types';

export const preferValidSyntax: Filter = (draft, { countParseErrors }) => {
  const alternatives = draft.alternatives;
  if (!alternatives?.length) return draft;
  const plain = { text: draft.text, replaceLength: draft.replaceLength };
  if (!countParseErrors) return plain;
  let best = plain;
  let fewest = countParseErrors(draft.text, draft.replaceLength);
  if (fewest === undefined) return plain;
  for (const text of alternatives) {
    const errors = countParseErrors(text, draft.replaceLength);
    if (errors !== undefined && errors < fewest) {
      fewest = errors;
      best = { text, replaceLength: draft.replaceLength };
    }
  }
  return best;
};
