/**
 * What every next-edit prompt format provides: build the request for a region, parse the model's answer
 * back into the region's new lines, and, for the scripted model that stands in for a real one, read which
 * lines a prompt made editable and answer the way a model trained on the format would.
 */
import type { ChatMessage } from '../../backends/types';
import type { EditHunk, LineRange, Position, RelatedDefinition } from '../types';

export type FormatId = 'zeta' | 'instinct' | 'sweep' | 'generic';

export interface PromptInput {
  path: string;
  languageId: string;
  lines: readonly string[];
  region: LineRange;
  cursor: Position;
  /** Recent edits, the current file's first, each group oldest first. */
  history: readonly EditHunk[];
  /** Definitions of imported names the code near the cursor uses (the generic format shows them). */
  related?: readonly RelatedDefinition[];
}

/** A raw completion (the format's own tokens) or a chat exchange. */
export type ModelRequest = { kind: 'completion'; prompt: string; stop: string[] } | { kind: 'chat'; messages: ChatMessage[]; stop: string[] };

/** The editable region as a prompt shows it, with the lines shown right before it (to place it). */
export interface ShownRegion {
  path: string;
  before: string[];
  region: string[];
}

export interface NextEditFormat {
  id: FormatId;
  build(input: PromptInput): ModelRequest;
  /** The region's new lines from the answer; undefined when the answer does not have the format's shape. */
  parse(answer: string): string[] | undefined;
  /** The region a prompt of this format made editable (what the scripted model reads). */
  read(prompt: string): ShownRegion | undefined;
  /** The answer a model trained on this format gives to rewrite the shown region as `lines`. */
  answer(lines: readonly string[], shown: ShownRegion): string;
}
