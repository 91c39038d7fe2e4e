/**
 * What each fix button of the Doctor does — one click, then the checks run again: start Ollama in a terminal
 * (and wait for it to answer), pull the missing model with progress, set the API key, pick another model, or
 * open the settings. Resolves with whether the checks should run again right away.
 */
import * as vscode from 'vscode';
import type { Backend } from '../../backends/types';
import type { DoctorRole, FixAction } from '../../doctor/probe';

export interface FixDeps {
  /** The backend a role uses now (for "Start Ollama": is it answering yet?). */
  backendFor(role: DoctorRole): Promise<Backend>;
  /** The model a role uses now. */
  modelFor(role: DoctorRole): string;
}

const GET_OLLAMA = vscode.l10n.t('Get Ollama');

/** How long "Start Ollama" waits for the server to answer before the checks run again anyway. */
const START_WAIT_MS = 20_000;

export async function applyFix(deps: FixDeps, role: DoctorRole, action: FixAction): Promise<boolean> {
  switch (action) {
    case 'startOllama':
      return startOllama(deps, role);
    case 'pullModel':
      // Into the Ollama this role uses, and the key for this role's server: roles may use different servers.
      await vscode.commands.executeCommand('fathom.pullModel', deps.modelFor(role), role);
      return true;
    case 'setApiKey':
      await vscode.commands.executeCommand('fathom.setApiKey', role);
      return true;
    case 'selectModel':
      await vscode.commands.executeCommand('fathom.selectModel', role);
      return true;
    case 'openSettings':
      // The checks run again when a setting changes (DoctorPanel listens).
      await vscode.commands.executeCommand('fathom.openSettings');
      return false;
    case 'openNextEditSetting':
      // Setting a model switches next-edit suggestions on; the checks run again when it changes.
      await vscode.commands.executeCommand('workbench.action.openSettings', 'fathom.nextEdit.model');
      return false;
  }
}

async function startOllama(deps: FixDeps, role: DoctorRole): Promise<boolean> {
  const terminal = vscode.window.terminals.find((t) => t.name === 'Ollama') ?? vscode.window.createTerminal({ name: 'Ollama' });
  terminal.show(true);
  terminal.sendText('ollama serve');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Fathom: started "ollama serve" in the Ollama terminal. If the terminal says the command is not found, install Ollama first.'), GET_OLLAMA)
    .then((picked) => picked === GET_OLLAMA && vscode.env.openExternal(vscode.Uri.parse('https://ollama.com/download')));
  const backend = await deps.backendFor(role);
  const deadline = Date.now() + START_WAIT_MS;
  while (Date.now() < deadline) {
    try {
      await backend.version({ timeoutMs: 1000 });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  return true;
}
