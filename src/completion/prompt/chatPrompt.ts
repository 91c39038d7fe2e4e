/**
 * The "fill the hole" prompt for models that only chat (no FIM training, or a server without a completions
 * endpoint for them): the file with a marked hole, two worked examples, and an answer wrapped in tags so the
 * reply can stop at the closing tag and be cut out of whatever else the model says.
 */
import type { ChatMessage } from '../../backends/types';

/** An XML-like marker, as the tags around it: braces would blur into the code's own braces ("{{{…"). */
export const HOLE = '<FILL_HERE>';
export const OPEN_TAG = '<COMPLETION>';
export const CLOSE_TAG = '</COMPLETION>';

const SYSTEM = `You are a code completion engine inside an editor. The user sends a file in which ${HOLE} marks the cursor. \
Reply with the code that belongs at ${HOLE}, inside ${OPEN_TAG}${CLOSE_TAG}, and nothing else.
- The first character inside ${OPEN_TAG} continues the text right before ${HOLE}: do not repeat code from before \
or after the hole, and start with a line break only when the missing code starts on a new line.
- Write only what is missing: often the rest of a line, sometimes a whole block. Match the file's indentation and style.
- No explanations, no markdown fences.`;

/** Two short exchanges showing the two common holes: the rest of a line, and a block after its opener. */
const EXAMPLES: ChatMessage[] = [
  {
    role: 'user',
    content: query('utils/text.py', 'python', '', 'def slugify(title: str) -> str:\n    words = title.lower().split()\n    return ' + HOLE + '\n'),
  },
  { role: 'assistant', content: `${OPEN_TAG}"-".join(words)${CLOSE_TAG}` },
  {
    role: 'user',
    content: query('src/math.ts', 'typescript', '', `export function clamp(x: number, lo: number, hi: number): number {${HOLE}\n\nexport const ZERO = 0;\n`),
  },
  { role: 'assistant', content: `${OPEN_TAG}\n  return Math.min(hi, Math.max(lo, x));\n}${CLOSE_TAG}` },
];

function query(path: string, languageId: string, context: string, code: string): string {
  const intro = context ? `Code from other files of the project:\n${context}\n\n` : '';
  const end = code.endsWith('\n') ? '' : '\n';
  return `${intro}File ${path} (${languageId}):\n<QUERY>\n${code}${end}</QUERY>\nFill ${HOLE}.`;
}

export interface HoleParts {
  prefix: string;
  suffix: string;
  path: string;
  languageId: string;
  /** Snippets from other files, already written as comments with their paths ('' when none). */
  context: string;
}

/** The messages asking a chat model to fill the hole at the cursor. */
export function holeMessages(parts: HoleParts): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    ...EXAMPLES,
    { role: 'user', content: query(parts.path, parts.languageId, parts.context, `${parts.prefix}${HOLE}${parts.suffix}`) },
  ];
}
