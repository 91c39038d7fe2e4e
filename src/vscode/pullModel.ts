import * as vscode from 'vscode';
import { isBackendError } from '../backends/errors';
import type { BackendPool } from '../roles/pool';
import { PullProgress } from '../backends/pullProgress';
import type { FathomConfig } from '../config/settings';
import { showError } from './commands/errors';
import { trackRunning } from './commands/progress';

/** How a pull ended; `percent` is the furthest the progress got (tests read it). */
export interface PullOutcome {
  outcome: 'pulled' | 'cancelled' | 'failed' | 'notAsked';
  model?: string;
  percent?: number;
}

/**
 * "Fathom: Pull Model": downloads a model into the configured Ollama under a cancellable progress
 * notification (Cancel closes the HTTP request). Without a name it asks, offering the completion model.
 */
export async function pullModel(pool: BackendPool, config: FathomConfig, name?: unknown): Promise<PullOutcome> {
  const model =
    typeof name === 'string' && name.trim()
      ? name.trim()
      : (await vscode.window.showInputBox({ title: vscode.l10n.t('Fathom: Pull Model'), prompt: vscode.l10n.t('Model to download into Ollama at {0}', config.ollama.baseUrl), value: config.completion.model }))?.trim();
  if (!model) return { outcome: 'notAsked' };
  const ollama = await pool.ollama();
  const progress = new PullProgress();
  let percent: number | undefined;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fathom: pulling {0}', model), cancellable: true }, async (report, token) => {
      const abort = new AbortController();
      const untrack = trackRunning(abort);
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        await ollama.pullModel(
          model,
          (update) => {
            const step = progress.step(update);
            percent = step.percent ?? percent;
            report.report({ message: step.message, increment: step.increment });
          },
          abort.signal,
        );
      } finally {
        untrack();
        cancel.dispose();
      }
    });
  } catch (error) {
    if (isBackendError(error) && error.kind === 'cancelled') return { outcome: 'cancelled', model, percent };
    showError(vscode.l10n.t('Fathom: pulling {0} failed. {1}', model, error instanceof Error ? error.message : String(error)), error);
    return { outcome: 'failed', model, percent };
  }
  // Model info and clients are looked up afresh: the model now exists.
  pool.invalidate();
  void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: {0} is ready in Ollama.', model));
  return { outcome: 'pulled', model, percent };
}
