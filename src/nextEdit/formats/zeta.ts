/**
 * Zed's Zeta (the open zed-industries/zeta model, Qwen2.5-Coder fine-tuned for edit prediction), as Zed's
 * zeta1 client prompts it (crates/zeta/src/zeta1.rs and input_excerpt.rs in zed-industries/zed): an
 * "### Instruction:" header, the recent edits under "### User Edits:" as `User edited <path>:` and a ```diff
 * block each, the excerpt under "### User Excerpt:" in a fence named by the path (with <|start_of_file|> when
 * it starts the file) holding the <|editable_region_start|> … <|editable_region_end|> lines with
 * <|user_cursor_is_here|> at the cursor, then "### Response:". The model answers with the fenced excerpt's
 * editable region rewritten, between the same markers; generation stops at the end marker.
 */
import { CONTEXT_LINES, cutAtStop, CURSOR, dropFinalNewline, hunkDiff, markedExcerpt, readMarked, REGION_END, REGION_START } from './shared';
import type { NextEditFormat, PromptInput, ShownRegion } from './types';

export const START_OF_FILE = '<|start_of_file|>';
const INSTRUCTION =
  '### Instruction:\nYou are a code completion assistant and your task is to analyze user edits and then rewrite an excerpt that the user provides, suggesting the appropriate edits within the excerpt, taking into account the cursor location.\n\n';
const EXCERPT_HEADER = '\n\n### User Excerpt:\n\n';
const RESPONSE_HEADER = '\n\n### Response:\n';
const STOPS = [REGION_END];

function build(input: PromptInput) {
  const events = input.history.map((h) => `User edited ${h.path}:\n\`\`\`diff\n${hunkDiff(h)}\n\`\`\``).join('\n\n');
  // The excerpt reaches the file's first line when the region starts within its context lines of it.
  const startsFile = input.region.startLine <= CONTEXT_LINES;
  const excerpt = [
    '```' + input.path,
    ...(startsFile ? [START_OF_FILE] : []),
    ...markedExcerpt(input),
    '```',
  ].join('\n');
  const prompt = `${INSTRUCTION}### User Edits:\n\n${events}${EXCERPT_HEADER}${excerpt}${RESPONSE_HEADER}`;
  return { kind: 'completion' as const, prompt, stop: STOPS };
}

/** As Zed reads it: from the line after the start marker to the end marker (or the end of a stopped answer). */
function parse(answer: string): string[] | undefined {
  const text = answer.split(CURSOR).join('');
  const start = text.indexOf(REGION_START);
  if (start === -1) return undefined;
  const newline = text.indexOf('\n', start);
  if (newline === -1) return undefined;
  // Stopped at the end marker, the answer ends with the newline before it.
  const body = cutAtStop(text.slice(newline + 1), STOPS);
  return dropFinalNewline(body).split('\n');
}

function read(prompt: string): ShownRegion | undefined {
  const at = prompt.lastIndexOf(EXCERPT_HEADER);
  if (at === -1) return undefined;
  const lines = prompt.slice(at + EXCERPT_HEADER.length).split('\n');
  const path = lines[0].replace(/^```/, '');
  return readMarked(lines, lines[1] === START_OF_FILE ? 2 : 1, path);
}

function answer(lines: readonly string[], shown: ShownRegion): string {
  return ['```' + shown.path, REGION_START, ...lines, REGION_END, '```'].join('\n');
}

export const zetaFormat: NextEditFormat = { id: 'zeta', build, parse, read, answer };
