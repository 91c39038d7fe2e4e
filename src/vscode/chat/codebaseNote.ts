/**
 * The sentence under a chat answer when the workspace index could not give it everything (`@codebase` while
 * the index is off, still being built, or failing), in the user's language. The answer itself still comes.
 */
import * as vscode from 'vscode';
import type { CodebaseNote } from '../../chat/codebaseContext';

export function codebaseNoteText(note: CodebaseNote): string {
  switch (note.kind) {
    case 'building':
      if (note.total === 0) return vscode.l10n.t('The workspace index is still being built — answered from what is indexed so far.');
      return vscode.l10n.t('The workspace index is still being built ({0} of {1} files) — answered from what is indexed so far.', note.indexed.toLocaleString('en-US'), note.total.toLocaleString('en-US'));
    case 'off':
      return vscode.l10n.t('Codebase index is off: enable fathom.codebase.enabled to let the chat search this workspace.');
    case 'failed':
      return vscode.l10n.t('The workspace index could not be searched ({0}), so this answer had no code from the workspace.', note.message);
  }
}

/** The chat view's words that come from the translations. */
export function chatLabels(): { usedFromWorkspace: string; openLines: string } {
  return { usedFromWorkspace: vscode.l10n.t('Used from this workspace'), openLines: vscode.l10n.t('Open {0}, lines {1}–{2}') };
}
