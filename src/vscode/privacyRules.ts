import * as vscode from 'vscode';
import type { WorkspaceFiles } from '../completion/types';
import { guardFiles } from '../privacy/guardFiles';
import { IgnoreRules } from '../privacy/ignoreRules';
import { FATHOMIGNORE, rulesForRoot } from '../privacy/rootRules';

/**
 * The ignore rules in force: the built-in defaults (.env*, keys, secrets folders, …) plus the workspace's
 * .fathomignore, re-read when it changes. Ignored files are never completed, read for context, or sent by a
 * command.
 */
export class PrivacyRules implements vscode.Disposable {
  /** Compiled on first use (compiling the default patterns takes a few ms: not at activation). */
  private rules: IgnoreRules | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.FileSystemWatcher | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Settles once .fathomignore has been read the first time. */
  readonly ready: Promise<void>;

  constructor(private readonly relative: (uri: vscode.Uri) => string | undefined) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) {
      this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, FATHOMIGNORE));
      const reload = () => void this.load(folder.uri);
      this.subscriptions.push(this.watcher, this.watcher.onDidCreate(reload), this.watcher.onDidChange(reload), this.watcher.onDidDelete(reload));
      this.ready = this.load(folder.uri);
    } else {
      this.ready = Promise.resolve();
    }
  }

  /** Whether a document falls under the rules (outside the workspace, by its file name: `.env` anywhere). */
  isIgnored(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return false;
    return this.current().ignores(this.relative(uri) ?? uri.path.split('/').pop() ?? '');
  }

  /** A view of `files` in which ignored files do not exist, following rule changes. */
  guard(files: WorkspaceFiles): WorkspaceFiles {
    return guardFiles(files, () => this.current());
  }

  private current(): IgnoreRules {
    return (this.rules ??= IgnoreRules.defaults());
  }

  private async load(folder: vscode.Uri): Promise<void> {
    // The same rules as the CLI's: the defaults plus the folder's .fathomignore (none: the defaults alone).
    this.rules = await rulesForRoot(async (name) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name))));
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
