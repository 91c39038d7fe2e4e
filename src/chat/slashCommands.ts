/**
 * Slash commands in the chat's message box: `/explain`, `/fix`, `/tests`, `/doc` ask about the attached code
 * (the selection or the current file is attached when no code is) with the command's instruction in place of
 * the typed `/word`; `/commit` runs "Write Commit Message" instead of asking in the chat. The conversation keeps
 * the question as typed; the model reads the instruction (questionText in messages.ts), so an edited or
 * regenerated question asks the same. Plain text logic: no editor.
 */

export type SlashCommandName = 'explain' | 'fix' | 'tests' | 'doc' | 'commit';

export interface SlashCommandSpec {
  name: SlashCommandName;
  /** Asks the chat model about code: the adapter attaches the selection or the file when no code is attached. */
  needsCode: boolean;
  /** What the model is asked, in place of `/name` (undefined: the command does not ask in the chat). */
  instruction?: string;
}

export const SLASH_COMMANDS: readonly SlashCommandSpec[] = [
  { name: 'explain', needsCode: true, instruction: 'Explain the attached code: what it does, how it works, and anything surprising in it.' },
  {
    name: 'fix',
    needsCode: true,
    instruction: 'Find what is wrong in the attached code (and the problems reported on it, when attached) and fix it: say briefly what is wrong and why, then give the corrected code in one code block.',
  },
  {
    name: 'tests',
    needsCode: true,
    instruction: "Write unit tests for the attached code, with the test framework the project uses (else the language's usual one): normal cases, edge cases and errors. Give the tests in one code block.",
  },
  {
    name: 'doc',
    needsCode: true,
    instruction: "Add documentation comments to the attached code in the language's usual style (JSDoc, docstrings, …) without changing what it does. Give the documented code in one code block.",
  },
  { name: 'commit', needsCode: false },
];

export interface SlashCommand {
  spec: SlashCommandSpec;
  /** What the user wrote after the command (trimmed; '' for none). */
  rest: string;
}

/** `/name` at the very start, followed by a space, a line break or the end; case-insensitive. */
const LEADING = /^\/([a-z]+)(?=\s|$)/i;

/** The slash command a message starts with, or undefined (an unknown `/word` is plain text). */
export function parseSlashCommand(text: string): SlashCommand | undefined {
  const match = LEADING.exec(text.trimStart());
  if (!match) return undefined;
  const spec = SLASH_COMMANDS.find((c) => c.name === match[1].toLowerCase());
  return spec && { spec, rest: text.trimStart().slice(match[0].length).trim() };
}

/**
 * The question as the model reads it: a slash command's instruction, with what the user added after it as a
 * further request; any other text as it was typed.
 */
export function expandSlashCommand(text: string): string {
  const command = parseSlashCommand(text);
  if (!command?.spec.instruction) return text;
  return command.rest ? `${command.spec.instruction}\n\nAlso: ${command.rest}` : command.spec.instruction;
}
