/**
 * Continue's Instinct (continuedev/instinct, a Qwen2.5-Coder next-edit model), as Continue prompts it
 * (core/nextEdit/templating/instinct.ts, NextEditPromptEngine.ts and providers/InstinctNextEditProvider.ts in
 * continuedev/continue): a chat with a system message describing the task, and one user message: an
 * instruction line, "### Context:", "### User Edits:" with `User edited file "<path>"` and a ```diff block per
 * edit, "### User Excerpt:" with the path and a window of the file (up to 25 lines each way of the cursor)
 * in which <|editable_region_start|> and <|editable_region_end|> stand on lines of their own and
 * <|user_cursor_is_here|> marks the cursor, closed by ``` and "### Response:". The model answers with the
 * region's code only (no markers); a fenced or marked answer is read too.
 */
import { cutAtStop, CURSOR, dropFinalNewline, fencedBody, hunkDiff, markedExcerpt, readMarked, REGION_END, REGION_START } from './shared';
import type { NextEditFormat, PromptInput, ShownRegion } from './types';

/** Lines of the file shown each way of the region (Continue's window is 25 lines around the cursor). */
export const INSTINCT_WINDOW = 25;

// Our wording of the task Continue's system prompt describes; the sections and markers are the model's.
const SYSTEM =
  'You are Instinct, a next-edit predictor. Predict the edit the developer will make next inside the code between ' +
  '<|editable_region_start|> and <|editable_region_end|>. "### Context:" holds snippets of related files, "### User Edits:" ' +
  'the latest changes as unified diffs, "### User Excerpt:" the current file around the editable region, where ' +
  '<|user_cursor_is_here|> marks the cursor. Answer with the rewritten editable region only, without the markers, keeping ' +
  'the existing indentation and style, and do not undo the developer\'s last change.';
const PREFIX =
  "Reference the user excerpt, user edits, and the snippets to understand the developer's intent. Update the editable region of the user excerpt by predicting and completing the changes they would have made next. This may be a deletion, addition, or modification of code.";
const EXCERPT_HEADER = '### User Excerpt:\n';
const STOPS = ['<|im_end|>', '<|endoftext|>'];

function build(input: PromptInput) {
  const edits = input.history.map((h) => `User edited file "${h.path}"\n\n\`\`\`diff\n${hunkDiff(h)}\n\`\`\``).join('\n');
  const excerpt = markedExcerpt(input, INSTINCT_WINDOW).join('\n');
  const user = `${PREFIX}\n\n### Context:\n\n\n### User Edits:\n\n${edits}\n\n${EXCERPT_HEADER}${input.path}\n\n${excerpt}\`\`\`\n### Response:`;
  return { kind: 'chat' as const, messages: [{ role: 'system' as const, content: SYSTEM }, { role: 'user' as const, content: user }], stop: STOPS };
}

function parse(answer: string): string[] | undefined {
  let text = cutAtStop(answer, STOPS).split(CURSOR).join('');
  const start = text.indexOf(REGION_START);
  if (start !== -1) {
    const end = text.indexOf(REGION_END, start);
    text = text.slice(text.indexOf('\n', start) + 1, end === -1 ? undefined : end);
  } else {
    text = fencedBody(text) ?? text;
  }
  if (text.trim() === '' && answer.trim() === '') return undefined;
  return dropFinalNewline(text).split('\n');
}

function read(prompt: string): ShownRegion | undefined {
  const at = prompt.lastIndexOf(EXCERPT_HEADER);
  if (at === -1) return undefined;
  // The excerpt's last line carries the closing fence: take it off so a region ending the file reads alike.
  const lines = prompt.slice(at + EXCERPT_HEADER.length).replace(/```\n### Response:\s*$/, '').split('\n');
  return readMarked(lines, 2, lines[0]);
}

function answer(lines: readonly string[]): string {
  return lines.join('\n');
}

export const instinctFormat: NextEditFormat = { id: 'instinct', build, parse, read, answer };
