import * as vscode from 'vscode';
import type { FathomConfig } from '../config/settings';

/** The quick pick behind the status bar item: the few things a user wants from there. */
export async function showStatusMenu(config: FathomConfig): Promise<void> {
  const items: (vscode.QuickPickItem & { command?: string })[] = [
    config.completion.enabled
      ? { label: '$(circle-slash) Disable completions', command: 'fathom.toggleCompletions' }
      : { label: '$(check) Enable completions', command: 'fathom.toggleCompletions' },
    { label: '$(symbol-class) Select model…', description: `completion: ${config.completion.model} · chat: ${config.chat.model}`, command: 'fathom.selectModel' },
    { label: '$(pulse) Doctor', description: 'check the backend, models and latency', command: 'fathom.doctor' },
    { label: '$(key) Set API key…', command: 'fathom.setApiKey' },
    { label: '$(output) Show log', command: 'fathom.showLog' },
    { label: '$(gear) Open settings', command: 'fathom.openSettings' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Fathom', placeHolder: 'What do you want to do?' });
  if (picked?.command) await vscode.commands.executeCommand(picked.command);
}
