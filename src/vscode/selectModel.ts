import * as vscode from 'vscode';
import type { BackendPool } from '../backends/pool';
import type { ModelSummary } from '../backends/types';
import type { FathomConfig, Role } from '../config/settings';

/** "Fathom: Select Model": pick a role, then one of the server's models; saved in user settings. */
export async function selectModel(pool: BackendPool, config: FathomConfig, role?: Role): Promise<void> {
  const chosenRole =
    role ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'Completion model', description: config.completion.model, role: 'completion' as const },
          { label: 'Chat model', description: config.chat.model, role: 'chat' as const },
        ],
        { title: 'Fathom: Select Model', placeHolder: 'Which model do you want to change?' },
      )
    )?.role;
  if (!chosenRole) return;
  const { backend } = await pool.backendFor(chosenRole);
  let models: ModelSummary[];
  try {
    models = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Fathom: listing models at ${backend.baseUrl}…` },
      () => backend.listModels({ timeoutMs: config.requestTimeoutMs }),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error), 'Open Settings').then((a) => {
      if (a) void vscode.commands.executeCommand('fathom.openSettings');
    });
    return;
  }
  const current = config[chosenRole].model;
  const picked = await vscode.window.showQuickPick(
    models.map((m) => ({ label: m.name, description: describe(m), picked: m.name === current, detail: m.name === current ? 'current' : undefined })),
    { title: `Fathom: ${chosenRole} model`, placeHolder: models.length ? `Current: ${current}` : 'The server lists no models' },
  );
  if (!picked) return;
  await vscode.workspace.getConfiguration('fathom').update(`${chosenRole}.model`, picked.label, vscode.ConfigurationTarget.Global);
}

function describe(m: ModelSummary): string | undefined {
  const parts = [m.parameterSize, m.family, m.quantization, m.sizeBytes ? `${(m.sizeBytes / 1e9).toFixed(1)} GB` : undefined].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}
