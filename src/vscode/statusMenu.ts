import * as vscode from 'vscode';
import type { FathomConfig } from '../config/settings';
import type { CompletionSwitches } from './completionSwitches';
import { writeSetting } from './settings';

type Item = vscode.QuickPickItem & { run?: () => unknown };

/** The quick pick behind the status bar item: the few things a user wants from there. */
export async function showStatusMenu(config: FathomConfig, switches: CompletionSwitches): Promise<void> {
  const languageId = vscode.window.activeTextEditor?.document.languageId;
  const command = (id: string, ...args: unknown[]) => () => vscode.commands.executeCommand(id, ...args);
  const items: Item[] = [];
  if (switches.snoozed() || !config.completion.enabled) {
    items.push({ label: vscode.l10n.t('$(play) Turn completions back on'), description: switches.reasonOff(undefined), run: command('fathom.resumeCompletions') });
  } else {
    items.push({ label: vscode.l10n.t('$(clock) Snooze completions…'), description: vscode.l10n.t('15 minutes, 1 hour, or until turned back on'), run: () => pickSnooze() });
  }
  if (languageId) {
    const off = config.completion.disabledLanguages.includes(languageId);
    items.push({ label: off ? vscode.l10n.t('$(check) Enable completions for {0}', languageId) : vscode.l10n.t('$(circle-slash) Disable completions for {0}', languageId), run: command('fathom.toggleCompletionsForLanguage', languageId) });
  }
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: vscode.l10n.t('$(comment-discussion) Open chat'), run: command('fathom.openChat') },
    { label: vscode.l10n.t('$(symbol-class) Select model…'), description: vscode.l10n.t('completion: {0} · chat: {1}', config.completion.model, config.chat.model), run: command('fathom.selectModel') },
    { label: vscode.l10n.t('$(pulse) Doctor'), description: vscode.l10n.t('check the backend, models and latency — and fix what is wrong'), run: command('fathom.doctor') },
    { label: vscode.l10n.t('$(key) Set API key…'), run: command('fathom.setApiKey') },
    { label: vscode.l10n.t('$(json) Show last request'), description: vscode.l10n.t('exactly what was sent, and how long it took'), run: command('fathom.showLastRequest') },
    { label: vscode.l10n.t('$(output) Show log'), run: command('fathom.showLog') },
    { label: vscode.l10n.t('$(gear) Open settings'), run: command('fathom.openSettings') },
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Fathom', placeHolder: vscode.l10n.t('What do you want to do?') });
  await picked?.run?.();
}

async function pickSnooze(): Promise<void> {
  const choices = [
    { label: vscode.l10n.t('15 minutes'), minutes: 15 },
    { label: vscode.l10n.t('1 hour'), minutes: 60 },
    { label: vscode.l10n.t('Until I turn them back on'), minutes: undefined },
  ];
  const picked = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Fathom: snooze completions'), placeHolder: vscode.l10n.t('For how long?') });
  if (!picked) return;
  if (picked.minutes === undefined) await writeSetting('completion.enabled', false);
  else await vscode.commands.executeCommand('fathom.snoozeCompletions', picked.minutes);
}
