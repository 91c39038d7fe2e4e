import * as vscode from 'vscode';
import { isBackendError } from '../../backends/errors';
import { errorActions, type ErrorAction } from '../../commands/errorActions';

/** An error notification as it was shown (kept for the test API: notifications can't be read through `vscode`). */
export interface ShownError {
  message: string;
  /** The BackendError's kind, when it was one. */
  kind?: string;
  actions: ErrorAction[];
  /** The buttons as shown, in the display language (the actions' labels stay English). */
  buttons: string[];
}

const shown: ShownError[] = [];
const KEPT = 50;

/** The error notifications shown so far, oldest first (the latest few). */
export function shownErrors(): readonly ShownError[] {
  return [...shown];
}

/**
 * Shows an error notification with its buttons, and runs the command of the button picked. Does not wait
 * for the user: the command that failed ends at once.
 */
export function showError(message: string, error?: unknown): void {
  const actions = errorActions(error);
  const buttons = actions.map((a) => ({ action: a, label: buttonLabel(a) }));
  shown.push({ message, kind: isBackendError(error) ? error.kind : undefined, actions, buttons: buttons.map((b) => b.label) });
  if (shown.length > KEPT) shown.shift();
  void vscode.window.showErrorMessage(message, ...buttons.map((b) => b.label)).then((picked) => {
    const action = buttons.find((b) => b.label === picked)?.action;
    if (action) void vscode.commands.executeCommand(action.command, ...action.args);
  });
}

/** The button of an action in the display language (the core's labels stay English, for logs and tests). */
function buttonLabel(action: ErrorAction): string {
  switch (action.command) {
    case 'fathom.setApiKey':
      return vscode.l10n.t('Set API Key');
    case 'fathom.pullModel':
      return vscode.l10n.t('Pull Model');
    case 'fathom.selectModel':
      return vscode.l10n.t('Select Model');
    case 'fathom.doctor':
      return vscode.l10n.t('Open Doctor');
    default:
      return action.label;
  }
}

/**
 * Shows why a command failed. A backend failure already carries a message that says what to do
 * (backends/errors.ts); the buttons take the user there. A cancel is the user's own doing: no message.
 */
export function showCommandError(commandTitle: string, error: unknown): void {
  if (isBackendError(error) && error.kind === 'cancelled') return;
  const message = error instanceof Error ? error.message : String(error);
  showError(vscode.l10n.t('Fathom: {0} failed. {1}', commandTitle, message), error);
}

/** True when the error is the user's cancel (progress Cancel, or a closed panel). */
export function isCancel(error: unknown): boolean {
  return (isBackendError(error) && error.kind === 'cancelled') || (error instanceof Error && error.name === 'AbortError');
}
