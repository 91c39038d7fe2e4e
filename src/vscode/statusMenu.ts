import * as vscode from 'vscode';
import type { FathomConfig } from '../config/settings';
import type { CompletionSwitches } from './completionSwitches';

type Item = vscode.QuickPickItem & { run?: () => unknown };

/** The quick pick behind the status bar item: the few things a user wants from there. */
export async function showStatusMenu(config: FathomConfig, switches: CompletionSwitches): Promise<void> {
  const languageId = vscode.window.activeTextEditor?.document.languageId;
  const command = (id: string, ...args: unknown[]) => () => vscode.commands.executeCommand(id, ...args);
  const items: Item[] = [];
  if (switches.snoozed() || !config.completion.enabled) {
    items.push({ label: '$(play) Turn completions back on', description: switches.reasonOff(undefined), run: command('fathom.resumeCompletions') });
  } else {
    items.push({ label: '$(clock) Snooze completions…', description: '15 minutes, 1 hour, or until turned back on', run: () => pickSnooze() });
  }
  if (languageId) {
    const off = config.completion.disabledLanguages.includes(languageId);
    items.push({ label: off ? `$(check) Enable completions for ${languageId}` : `$(circle-slash) Disable completions for ${languageId}`, run: command('fathom.toggleCompletionsForLanguage', languageId) });
  }
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(comment-discussion) Open chat', run: command('fathom.openChat') },
    { label: '$(symbol-class) Select model…', description: `completion: ${config.completion.model} · chat: ${config.chat.model}`, run: command('fathom.selectModel') },
    { label: '$(pulse) Doctor', description: 'check the backend, models and latency — and fix what is wrong', run: command('fathom.doctor') },
    { label: '$(key) Set API key…', run: command('fathom.setApiKey') },
    { label: '$(json) Show last request', description: 'exactly what was sent, and how long it took', run: command('fathom.showLastRequest') },
    { label: '$(output) Show log', run: command('fathom.showLog') },
    { label: '$(gear) Open settings', run: command('fathom.openSettings') },
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Fathom', placeHolder: 'What do you want to do?' });
  await picked?.run?.();
}

async function pickSnooze(): Promise<void> {
  const choices = [
    { label: '15 minutes', minutes: 15 },
    { label: '1 hour', minutes: 60 },
    { label: 'Until I turn them back on', minutes: undefined },
  ];
  const picked = await vscode.window.showQuickPick(choices, { title: 'Fathom: snooze completions', placeHolder: 'For how long?' });
  if (!picked) return;
  if (picked.minutes === undefined) await vscode.workspace.getConfiguration('fathom').update('completion.enabled', false, vscode.ConfigurationTarget.Global);
  else await vscode.commands.executeCommand('fathom.snoozeCompletions', picked.minutes);
}
