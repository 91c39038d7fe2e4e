import * as vscode from 'vscode';
import type { StatusModel } from '../../status/statusModel';

/** Aborts of the commands running now: "cancel everything" for the test API (the same path as the Cancel button). */
const running = new Set<AbortController>();

export function cancelRunningCommands(): number {
  const n = running.size;
  for (const abort of running) abort.abort();
  return n;
}

/** Counts `abort` among the running commands until the returned function is called. */
export function trackRunning(abort: AbortController): () => void {
  running.add(abort);
  return () => running.delete(abort);
}

/**
 * Runs a command's model call under a cancellable progress notification and a status-bar activity.
 * Cancel aborts the signal, which closes the HTTP stream (backends turn the abort into a `cancelled` error).
 */
export function withCommandProgress<T>(
  status: StatusModel,
  options: { title: string; activity: string; cancelWhen?: vscode.Event<unknown> },
  work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fathom: {0}', options.title), cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const untrack = trackRunning(abort);
      const cancel = token.onCancellationRequested(() => abort.abort());
      const cancelToo = options.cancelWhen?.(() => abort.abort());
      // Commands answer through the chat role (its server may not be the completions').
      const end = status.begin(options.activity, 'chat');
      try {
        const result = await work(abort.signal, (message) => progress.report({ message }));
        end();
        return result;
      } catch (error) {
        // A cancel is not a failure worth a red status bar.
        end(abort.signal.aborted ? undefined : { error: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        untrack();
        cancel.dispose();
        cancelToo?.dispose();
      }
    }),
  );
}
