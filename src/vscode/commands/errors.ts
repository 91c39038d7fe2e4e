import * as vscode from 'vscode';
import { isBackendError } from '../../backends/errors';

/**
 * Shows why a command failed. A backend failure already carries a message that says what to do
 * (backends/errors.ts); the buttons take the user there. A cancel is the user's own doing: no message.
 */
export async function showCommandError(commandTitle: string, error: unknown): Promise<void> {
  if (isBackendError(error) && error.kind === 'cancelled') return;
  const message = error instanceof Error ? error.message : String(error);
  const actions: string[] = [];
  if (isBackendError(error)) {
    if (error.kind === 'unauthorized') actions.push('Set API Key');
    if (error.kind === 'modelMissing') actions.push('Select Model');
    actions.push('Open Doctor');
  }
  const picked = await vscode.window.showErrorMessage(`Fathom: ${commandTitle} failed. ${message}`, ...actions);
  if (picked === 'Set API Key') await vscode.commands.executeCommand('fathom.setApiKey');
  else if (picked === 'Select Model') await vscode.commands.executeCommand('fathom.selectModel');
  else if (picked === 'Open Doctor') await vscode.commands.executeCommand('fathom.doctor');
}

/** True when the error is the user's cancel (progress Cancel, or a closed panel). */
export function isCancel(error: unknown): boolean {
  return (isBackendError(error) && error.kind === 'cancelled') || (error instanceof Error && error.name === 'AbortError');
}
