/**
 * `@terminal` in the chat: the last command run in the terminal and its output, as the text of an attachment.
 * The adapter (src/vscode/chat/terminalHistory.ts) records what the terminal's shell integration reports, or
 * reads the terminal's buffer when there is none; this turns either into plain text the model can read:
 * escape sequences (colours, cursor moves, shell-integration marks) removed, carriage-return overwrites
 * resolved, and a long output cut to its end — an error and the lines before it are at the end. The text goes
 * through the same redaction as every request.
 */

/** The end of the output that is kept (characters): the part with the error, within a chat attachment's size. */
export const TERMINAL_TAIL_CHARS = 20_000;

export interface TerminalRun {
  /** The command line as typed; undefined when only the buffer could be read. */
  commandLine?: string;
  output: string;
  exitCode?: number;
  /** The working directory, when the shell reported it. */
  cwd?: string;
}

/** CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC \`), and other two-character escapes. */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][\s\S]*?(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

/** Terminal output as the user saw it: no escape sequences, a line rewritten after `\r` shows its last version. */
export function plainTerminalText(raw: string): string {
  return raw
    .replace(ESCAPES, '')
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      const parts = line.split('\r');
      return parts[parts.length - 1];
    })
    .join('\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '') // eslint-disable-line no-control-regex
    .replace(/[ \t]+$/gm, '');
}

/** The end of `text` that fits `max` characters, from a line start, with a note of what was left out. */
export function keepTail(text: string, max = TERMINAL_TAIL_CHARS): string {
  if (text.length <= max) return text;
  const start = text.indexOf('\n', text.length - max);
  const kept = start < 0 ? text.slice(text.length - max) : text.slice(start + 1);
  const dropped = text.slice(0, text.length - kept.length).split('\n').length - 1;
  return `… (${dropped} earlier line${dropped === 1 ? '' : 's'} not shown)\n${kept}`;
}

/** The attachment's text: `$ command`, its output (the end of it), and how it ended. */
export function terminalRunText(run: TerminalRun): string {
  const output = keepTail(plainTerminalText(run.output).replace(/^\n+|\n+$/g, ''));
  const lines: string[] = [];
  if (run.cwd) lines.push(`# in ${run.cwd}`);
  if (run.commandLine?.trim()) lines.push(`$ ${run.commandLine.trim()}`);
  if (output) lines.push(output);
  if (run.exitCode !== undefined) lines.push(`# exit code ${run.exitCode}`);
  return lines.join('\n');
}

/**
 * A command's output read from the terminal's text (when shell integration missed it: its start is reported
 * after a fast command's output went by): the lines after the last line that shows the command, without the
 * prompt the shell printed once it `ended`. Undefined when the text does not show the command.
 */
export function outputAfter(buffer: string, commandLine: string, ended: boolean): string | undefined {
  const command = commandLine.trim().split('\n')[0];
  if (!command) return undefined;
  const lines = plainTerminalText(buffer).split('\n');
  let at = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].includes(command)) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  const after = lines.slice(at + 1);
  while (after.length > 0 && after[after.length - 1].trim() === '') after.pop();
  if (ended && after.length > 0) after.pop();
  return after.join('\n');
}
