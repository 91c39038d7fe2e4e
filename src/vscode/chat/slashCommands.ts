/**
 * The chat's slash commands in the editor: their descriptions for the `/` completion (in the user's language),
 * and what a message starting with one does before it is sent — `/explain`, `/fix`, `/tests`, `/doc` attach the
 * selection (else the current file; `/fix` its problems too) when no code is attached, `/commit` runs
 * "Fathom: Write Commit Message" instead of asking in the chat. The commands themselves: src/chat/slashCommands.ts.
 */
import * as vscode from 'vscode';
import type { Attachment } from '../../chat/conversation';
import { parseSlashCommand, SLASH_COMMANDS, type SlashCommandName } from '../../chat/slashCommands';
import type { ChatSlashCommand } from '../../webview/chat/protocol';
import { WRITE_COMMIT_MESSAGE, type CommitMessageOutcome } from '../commands/commitMessage';

/** Attachments that are code a slash command can work on. */
const CODE_KINDS: ReadonlySet<Attachment['kind']> = new Set(['selection', 'file', 'symbol']);

export function slashCommandList(): ChatSlashCommand[] {
  return SLASH_COMMANDS.map((c) => ({ name: c.name, description: describe(c.name) }));
}

function describe(name: SlashCommandName): string {
  switch (name) {
    case 'explain':
      return vscode.l10n.t('Explain the selected code (or the current file)');
    case 'fix':
      return vscode.l10n.t('Find and fix the problems in the selected code');
    case 'tests':
      return vscode.l10n.t('Write unit tests for the selected code');
    case 'doc':
      return vscode.l10n.t('Add documentation comments to the selected code');
    case 'commit':
      return vscode.l10n.t('Write a commit message for the staged changes');
  }
}

export interface SlashDeps {
  /** The attachments waiting for the next question. */
  pending(): readonly Attachment[];
  attach(attachment: Attachment): void;
  /** The selection (else the whole file) of the editor, with its problems when asked; none without an editor. */
  codeForCommand(withProblems: boolean): Attachment[];
  /** Shows a sentence in the chat (its notice). */
  note(text: string): void;
}

/**
 * Prepares a message for sending: `ask` when it goes to the chat model (its code attached as needed), `done`
 * when the command was run here (`/commit`), `no-code` when there is no code to work on (the user was told).
 */
export async function runSlashCommand(text: string, deps: SlashDeps): Promise<'ask' | 'done' | 'no-code'> {
  const command = parseSlashCommand(text);
  if (!command) return 'ask';
  if (command.spec.name === 'commit') {
    const outcome = await vscode.commands.executeCommand<CommitMessageOutcome | undefined>(WRITE_COMMIT_MESSAGE);
    if (outcome === 'written') deps.note(vscode.l10n.t('Fathom wrote a commit message for the staged changes into the Source Control input box.'));
    return 'done';
  }
  if (!command.spec.needsCode || deps.pending().some((a) => CODE_KINDS.has(a.kind))) return 'ask';
  const found = deps.codeForCommand(command.spec.name === 'fix');
  for (const a of found) deps.attach(a);
  return found.length > 0 ? 'ask' : 'no-code';
}
