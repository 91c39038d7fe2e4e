/**
 * The extension's codebase index: `registerCodebase` makes the WorkspaceCodebase (a worker-backed index of
 * every workspace folder, kept up to date as files change), its status bar item and progress notification,
 * and the "Fathom: Rebuild Index" command. src/extension.ts composes it; chat, the commands and the
 * completion retriever ask it through the Codebase interface.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../logging/logger';
import { readConfig } from '../settings';
import { IndexStatusItem, showBuildProgress } from './progressUi';
import { watchChanges } from './watchChanges';
import { WorkspaceCodebase } from './workspaceCodebase';

export { WorkspaceCodebase } from './workspaceCodebase';

/** How long after activation the index starts, so activation and the first edits come first. */
const START_DELAY_MS = 3_000;

export interface CodebaseDeps {
  logger: Logger;
}

export function registerCodebase(context: vscode.ExtensionContext, deps: CodebaseDeps): WorkspaceCodebase {
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
  // Per workspace; a window without a workspace has no storageUri (and no folders to index either).
  const storage = context.storageUri ?? context.globalStorageUri;
  const item = new IndexStatusItem();
  const codebase = new WorkspaceCodebase({
    workerScript: vscode.Uri.joinPath(dist, 'codebaseWorker.js').fsPath,
    workerData: { distDir: dist.fsPath },
    storageDir: vscode.Uri.joinPath(storage, 'codebase').fsPath,
    enabled: () => readConfig().codebase.enabled,
    logger: deps.logger,
    showProgress: showBuildProgress,
    startDelayMs: START_DELAY_MS,
  });
  context.subscriptions.push(
    codebase,
    item,
    codebase.onDidChangeStatus((s) => item.show(s)),
    ...watchChanges((uri) => codebase.pathChanged(uri)),
    vscode.commands.registerCommand('fathom.rebuildIndex', async () => {
      if (!(await codebase.rebuild())) void vscode.window.showInformationMessage(offMessage(codebase.status().reason));
    }),
  );
  return codebase;
}

function offMessage(reason: string | undefined): string {
  switch (reason) {
    case 'untrusted':
      return vscode.l10n.t('Fathom does not index an untrusted workspace (Restricted Mode).');
    case 'disabled':
      return vscode.l10n.t('The codebase index is off (setting fathom.codebase.enabled).');
    default:
      return vscode.l10n.t('Open a folder to index it.');
  }
}
