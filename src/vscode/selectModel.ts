import * as vscode from 'vscode';
import type { BackendPool } from '../roles/pool';
import type { ModelSummary } from '../backends/types';
import type { FathomConfig, Role } from '../config/settings';
import { writeSetting } from './settings';

/** "Fathom: Select Model": pick a role, then one of the server's models; saved in user settings. */
export async function selectModel(pool: BackendPool, config: FathomConfig, role?: Role): Promise<void> {
  const chosenRole =
    role ??
    (
      await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Completion model'), description: config.completion.model, role: 'completion' as const },
          { label: vscode.l10n.t('Chat model'), description: config.chat.model, role: 'chat' as const },
        ],
        { title: vscode.l10n.t('Fathom: Select Model'), placeHolder: vscode.l10n.t('Which model do you want to change?') },
      )
    )?.role;
  if (!chosenRole) return;
  const { backend } = await pool.backendFor(chosenRole);
  let models: ModelSummary[];
  try {
    models = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fathom: listing models at {0}…', backend.baseUrl) },
      () => backend.listModels({ timeoutMs: config.requestTimeoutMs }),
    );
  } catch (error) {
    const openSettings = vscode.l10n.t('Open Settings');
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error), openSettings).then((a) => {
      if (a) void vscode.commands.executeCommand('fathom.openSettings');
    });
    return;
  }
  const current = config[chosenRole].model;
  const picked = await vscode.window.showQuickPick(
    models.map((m) => ({ label: m.name, description: describe(m), picked: m.name === current, detail: m.name === current ? vscode.l10n.t('current') : undefined })),
    { title: chosenRole === 'chat' ? vscode.l10n.t('Fathom: chat model') : vscode.l10n.t('Fathom: completion model'), placeHolder: models.length ? vscode.l10n.t('Current: {0}', current) : vscode.l10n.t('The server lists no models') },
  );
  if (!picked) return;
  await writeSetting(`${chosenRole}.model`, picked.label);
}

function describe(m: ModelSummary): string | undefined {
  const parts = [m.parameterSize, m.family, m.quantization, m.sizeBytes ? `${(m.sizeBytes / 1e9).toFixed(1)} GB` : undefined].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}
