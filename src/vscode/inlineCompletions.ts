import * as vscode from 'vscode';
import type { BackendPool } from '../backends/pool';
import { isBackendError } from '../backends/errors';
import type { FathomConfig } from '../config/settings';
import { requestCompletion } from '../completion/requestCompletion';
import type { Logger } from '../logging/logger';
import type { StatusModel } from '../status/statusModel';

const TYPING_PAUSE_MS = 120;

/** Turns an editor position into a completion request and the answer into ghost text. */
export class FathomInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly pool: BackendPool,
    private readonly getConfig: () => FathomConfig,
    private readonly status: StatusModel,
    private readonly logger: Logger,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const config = this.getConfig();
    if (!config.completion.enabled) return undefined;
    const automatic = context.triggerKind === vscode.InlineCompletionTriggerKind.Automatic;
    if (automatic && !(await pause(TYPING_PAUSE_MS, token))) return undefined;

    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    const end = this.status.begin('completing');
    try {
      const offset = document.offsetAt(position);
      const text = document.getText();
      const target = await this.pool.forRole('completion', { signal: abort.signal });
      const insert = await requestCompletion(
        { prefix: text.slice(0, offset), suffix: text.slice(offset) },
        { ...target, timeoutMs: config.requestTimeoutMs },
        abort.signal,
      );
      end();
      if (!insert || token.isCancellationRequested) return undefined;
      return [new vscode.InlineCompletionItem(insert, new vscode.Range(position, position))];
    } catch (error) {
      if (isBackendError(error) && error.kind === 'cancelled') {
        end();
        return undefined;
      }
      // Completions fail quietly in the editor and visibly in the status bar.
      const message = error instanceof Error ? error.message : String(error);
      end({ error: message });
      this.logger.warn(`completion failed: ${message}`);
      return undefined;
    } finally {
      cancel.dispose();
    }
  }
}

/** Waits for a pause in typing; false when the request was cancelled meanwhile. */
function pause(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(!token.isCancellationRequested);
    }, ms);
    const sub = token.onCancellationRequested(() => {
      clearTimeout(timer);
      sub.dispose();
      resolve(false);
    });
  });
}
