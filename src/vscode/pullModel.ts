import * as vscode from 'vscode';
import { isBackendError } from '../backends/errors';
import type { BackendPool } from '../roles/pool';
import { PullProgress } from '../backends/pullProgress';
import type { FathomConfig } from '../config/settings';
import { pullTargetFor, pullTargets, roleServers, type SharedServer } from '../roles/servers';
import { showError } from './commands/errors';
import { trackRunning } from './commands/progress';
import { roleList } from './roleNames';

/** How a pull ended; `percent` is the furthest the progress got (tests read it). */
export interface PullOutcome {
  outcome: 'pulled' | 'cancelled' | 'failed' | 'notAsked';
  model?: string;
  /** The Ollama it was pulled into. */
  baseUrl?: string;
  percent?: number;
}

/**
 * "Fathom: Pull Model": downloads a model into an Ollama under a cancellable progress notification (Cancel
 * closes the HTTP request). Into the Ollama `where` names (a role, or the URL of an Ollama a role uses: the
 * Doctor's and an error's Pull button say which); else, when the roles use several Ollamas, it asks which;
 * else the one there is. Without a name it asks, offering the model of a role on that server.
 */
export async function pullModel(pool: BackendPool, config: FathomConfig, name?: unknown, where?: unknown): Promise<PullOutcome> {
  const target = pullTargetFor(config, where) ?? (await pickTarget(config));
  if (!target) return { outcome: 'notAsked' };
  const offered = roleServers(config).find((r) => target.roles.includes(r.role))?.model ?? config.completion.model;
  const model =
    typeof name === 'string' && name.trim()
      ? name.trim()
      : (await vscode.window.showInputBox({ title: vscode.l10n.t('Fathom: Pull Model'), prompt: vscode.l10n.t('Model to download into Ollama at {0}', target.baseUrl), value: offered }))?.trim();
  if (!model) return { outcome: 'notAsked' };
  const ollama = await pool.ollama(target.baseUrl);
  const baseUrl = ollama.baseUrl;
  const progress = new PullProgress();
  let percent: number | undefined;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fathom: pulling {0} into {1}', model, baseUrl), cancellable: true }, async (report, token) => {
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
    if (isBackendError(error) && error.kind === 'cancelled') return { outcome: 'cancelled', model, baseUrl, percent };
    showError(vscode.l10n.t('Fathom: pulling {0} failed. {1}', model, error instanceof Error ? error.message : String(error)), error);
    return { outcome: 'failed', model, baseUrl, percent };
  }
  // Model info and clients are looked up afresh: the model now exists.
  pool.invalidate();
  void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: {0} is ready in Ollama at {1}.', model, baseUrl));
  return { outcome: 'pulled', model, baseUrl, percent };
}

/** The roles use one Ollama (or none): that one, or `fathom.ollama.baseUrl`. Several: the user picks. */
async function pickTarget(config: FathomConfig): Promise<SharedServer | undefined> {
  const targets = pullTargets(config);
  if (targets.filter((t) => t.roles.length > 0).length <= 1) return targets[0];
  const picked = await vscode.window.showQuickPick(
    targets.map((target) => ({ target, label: target.baseUrl, description: target.roles.length ? roleList(target.roles) : vscode.l10n.t('no role uses it') })),
    { title: vscode.l10n.t('Fathom: Pull Model'), placeHolder: vscode.l10n.t('Which Ollama should download the model?') },
  );
  return picked?.target;
}
