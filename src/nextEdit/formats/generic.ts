/**
 * The prompt for any instruct or chat model that was not trained on a next-edit format: a system message
 * with the task and the rules of the answer, and a user message with the recent edits as unified diffs and
 * the file around the region, the region between marker lines with the cursor marked. The model answers
 * with the region rewritten in one fenced block.
 */
import { CURSOR, fencedBody, hunkDiff, markedExcerpt, readMarked, REGION_END, REGION_START } from './shared';
import type { NextEditFormat, PromptInput, ShownRegion } from './types';
import { languageFacts } from '../../syntax/languages';

const SYSTEM = [
  'You predict the next edit a developer makes to their code, from the edits they just made.',
  `Rewrite only the lines between ${REGION_START} and ${REGION_END}: finish the change the recent edits began (a rename`,
  'carried to the other uses, an added parameter passed at the calls, the same change on similar lines).',
  'Change nothing else, keep the indentation, do not undo the last edit.',
  `Answer with the rewritten lines in one fenced code block, without the markers and without ${CURSOR}.`,
  'If nothing should change, answer with the lines unchanged.',
].join('\n');
const FILE_HEADER = 'Current file: ';

function build(input: PromptInput) {
  const fence = languageFacts(input.languageId)?.fence ?? input.languageId;
  const edits = input.history.map((h) => `--- ${h.path}\n+++ ${h.path}\n${hunkDiff(h)}`).join('\n');
  const file = [
    '```' + fence,
    ...markedExcerpt(input),
    '```',
  ].join('\n');
  const user = `${relatedSection(input, fence)}Recent edits:\n\`\`\`diff\n${edits}\n\`\`\`\n\n${FILE_HEADER}${input.path}\n${file}\n\nRewrite the editable region.`;
  return { kind: 'chat' as const, messages: [{ role: 'system' as const, content: SYSTEM }, { role: 'user' as const, content: user }], stop: [] };
}

/** The definitions the edited code uses, each under its path; nothing when there are none (the CLI's cases). */
function relatedSection(input: PromptInput, fence: string): string {
  const related = input.related ?? [];
  if (related.length === 0) return '';
  const blocks = related.map((r) => `${r.path}:\n\`\`\`${fence}\n${r.text}\n\`\`\``);
  return `Related definitions (from other files, for reference; do not rewrite them):\n${blocks.join('\n')}\n\n`;
}

function parse(answer: string): string[] | undefined {
  const body = fencedBody(answer);
  if (body === undefined) return undefined;
  const lines = body.split(CURSOR).join('').split('\n');
  // A model that copied the markers along: keep what lies between them.
  const s = lines.indexOf(REGION_START);
  const e = lines.lastIndexOf(REGION_END);
  return s !== -1 && e > s ? lines.slice(s + 1, e) : lines;
}

function read(prompt: string): ShownRegion | undefined {
  const at = prompt.lastIndexOf(FILE_HEADER);
  if (at === -1) return undefined;
  const lines = prompt.slice(at + FILE_HEADER.length).split('\n');
  return readMarked(lines, 2, lines[0]);
}

function answer(lines: readonly string[]): string {
  return '```\n' + lines.join('\n') + '\n```';
}

export const genericFormat: NextEditFormat = { id: 'generic', build, parse, read, answer };
