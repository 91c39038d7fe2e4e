import * as vscode from 'vscode';
import type { BackendPool } from '../roles/pool';
import type { ModelSummary } from '../backends/types';
import { roleBaseUrl, type FathomConfig, type Role } from '../config/settings';
import { writeSetting } from './settings';

/**
 * "Fathom: Select Model": pick a role (each shown with the server it uses), then one of the models that role's
 * server lists; saved in user settings.
 */
export async function selectModel(pool: BackendPool, config: FathomConfig, role?: Role): Promise<void> {
  const chosenRole =
    role ??
    (
      await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Completion model'), description: config.completion.model, detail: vscode.l10n.t('on {0}', roleBaseUrl(config, 'completion')), role: 'completion' as const },
          { label: vscode.l10n.t('Chat model'), description: config.chat.model, detail: vscode.l10n.t('on {0}', roleBaseUrl(config, 'chat')), role: 'chat' as const },
        ],
        { title: vscode.l10n.t('Fathom: Select Model'), placeHolder: vscode.l10n.t('Which model do you want to change?') },
      )
    )?.role;
  if (!chosenRole) return;
  const { backend } = await pool.backendFor(chosenRole);
  let models: ModelSummary[];
  try {
    models = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: chosenRole === 'chat' ? vscode.l10n.t('Fathom: listing the chat models at {0}…', backend.baseUrl) : vscode.l10n.t('Fathom: listing the completion models at {0}…', backend.baseUrl) },
      () => backend.listModels({ timeoutMs: config.requestTimeoutMs }),
    );
  } catch (error) {
    const openSettings = vscode.l10n.t('Open Settings');
    const reason = error instanceof Error ? error.message : String(error);
    const message = chatOrCompletion(chosenRole, vscode.l10n.t('Fathom: the chat server could not list its models. {0}', reason), vscode.l10n.t('Fathom: the completion server could not list its models. {0}', reason));
    void vscode.window.showErrorMessage(message, openSettings).then((a) => {
      if (a) void vscode.commands.executeCommand('fathom.openSettings');
    });
    return;
  }
  const current = config[chosenRole].model;
  const picked = await vscode.window.showQuickPick(
    models.map((m) => ({ label: m.name, description: describe(m), picked: m.name === current, detail: m.name === current ? vscode.l10n.t('current') : undefined })),
    {
      title: chatOrCompletion(chosenRole, vscode.l10n.t('Fathom: chat model on {0}', backend.baseUrl), vscode.l10n.t('Fathom: completion model on {0}', backend.baseUrl)),
      placeHolder: models.length ? vscode.l10n.t('Current: {0}', current) : vscode.l10n.t('The server lists no models'),
    },
  );
  if (!picked) return;
  await writeSetting(`${chosenRole}.model`, picked.label);
}

function chatOrCompletion(role: Role, chat: string, completion: string): string {
  return role === 'chat' ? chat : completion;
}

function describe(m: ModelSummary): string | undefined {
  const parts = [m.parameterSize, m.family, m.quantization, m.sizeBytes ? `${(m.sizeBytes / 1e9).toFixed(1)} GB` : undefined].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}
