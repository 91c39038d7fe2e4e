/**
 * What the post-processing filters pass along. Each filter is a pure function of the draft and the
 * context; `undefined` means nothing is worth showing.
 */
import type { CursorContext } from '../analysis/cursorContext';
import type { CompletionShape } from '../analysis/multiline';

export interface Draft {
  /** Text to insert at the cursor. */
  text: string;
  /** Characters right of the cursor that `text` replaces (auto-closed brackets it supplies itself). */
  replaceLength: number;
  /**
   * How much of the start of `text` supplies the characters it replaces (up to the last closer
   * replaceAutoClosed counted on). Cutting into it would delete those characters from the document.
   */
  replacementEnd?: number;
  /** Other plausible texts (e.g. the block with or without its closing line), best first after `text`. */
  alternatives?: string[];
}

/** Counts parse errors in the document around the cursor with `insert` in place of `replaceLength` characters. */
export type ParseErrorCounter = (insert: string, replaceLength: number) => number | undefined;

export interface FilterContext {
  cursor: CursorContext;
  shape: CompletionShape;
  /** Present when the document's language has a grammar and the document is small enough to parse. */
  countParseErrors?: ParseErrorCounter;
}

export type Filter = (draft: Draft, context: FilterContext) => Draft | undefined;
