/**
 * Post-processing: the model's raw text becomes what is shown, through these filters in this order.
 * Each is a pure function in its own file with its own tests.
 */
import { cutAtSuffixRepeat } from './cutAtSuffixRepeat';
import { dropBlank } from './dropBlank';
import { dropEchoedPrefix } from './dropEchoedPrefix';
import { dropRepeatedLines } from './dropRepeatedLines';
import { fixIndentation } from './fixIndentation';
import { keepFirstLine } from './keepFirstLine';
import { keepMaxLines } from './keepMaxLines';
import { preferValidSyntax } from './preferValidSyntax';
import { replaceAutoClosed } from './replaceAutoClosed';
import { stripMarkdownFence } from './stripMarkdownFence';
import { stripSpecialTokens } from './stripSpecialTokens';
import { truncateAtBlockEnd } from './truncateAtBlockEnd';
import type { Draft, Filter, FilterContext } from './types';

export const FILTERS: readonly Filter[] = [
  stripSpecialTokens, // control tokens first: nothing after an end-of-text marker counts
  stripMarkdownFence,
  dropEchoedPrefix, // before any line logic: an echoed line shifts every line after it
  fixIndentation, // before block logic, which reads indentation
  keepFirstLine, // single-line shape
  truncateAtBlockEnd, // multi-line shape; may propose an alternative ending
  preferValidSyntax, // settles that alternative with the parser
  replaceAutoClosed, // before the suffix check: closers it takes over are no longer "already there"
  cutAtSuffixRepeat, // cuts what repeats the rest of the line, never the closers replaceAutoClosed counted on
  dropRepeatedLines,
  keepMaxLines, // the user's line limit, on what is left
  dropBlank, // last: whatever the filters left may be only whitespace
];

export function postprocess(raw: string, context: FilterContext, filters: readonly Filter[] = FILTERS): Draft | undefined {
  let draft: Draft | undefined = { text: raw, replaceLength: 0 };
  for (const filter of filters) {
    draft = filter(draft, context);
    if (!draft) return undefined;
  }
  return draft;
}

export type { Draft, Filter, FilterContext, ParseErrorCounter } from './types';
