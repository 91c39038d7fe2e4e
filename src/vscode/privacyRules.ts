import * as vscode from 'vscode';
import type { WorkspaceFiles } from '../workspace/files';
import { holdsCredentials, PROBE_CHARS } from '../privacy/credentialContent';
import { ignoresDocument } from '../privacy/documentRules';
import { guardFiles } from '../privacy/guardFiles';
import { IgnoreRules } from '../privacy/ignoreRules';
import { IgnoreScope } from '../privacy/ignoreScope';
import { nodeRealpath } from '../privacy/nodeRealpath';
import { FATHOMIGNORE, rulesForRoot } from '../privacy/rootRules';
import type { EditorWorkspaceFiles } from './workspaceFiles';

/**
 * The ignore rules in force: the built-in defaults (.env*, keys, secrets folders, …) plus each workspace
 * folder's .fathomignore for the files of that folder, re-read when one changes or folders come and go.
 * Documents are judged by every path they carry, whatever their scheme, and file: documents also by the file
 * their path really leads to (links). Ignored files are never completed, read for context, attached to chat,
 * or sent by a command.
 */
export class PrivacyRules implements vscode.Disposable {
  /** Built on first use (compiling the default patterns takes a few ms: not at activation). */
  private scope: IgnoreScope | undefined;
  private outside: IgnoreRules | undefined;
  /** Each folder's rules (the defaults plus its .fathomignore), by the folder's URI. */
  private readonly folderRules = new Map<string, IgnoreRules>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private watchers: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Settles once every folder's .fathomignore has been read the first time. */
  readonly ready: Promise<void>;

  constructor() {
    this.ready = this.watchFolders();
    this.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.watchFolders()));
  }

  /**
   * Whether a document (or the document at a URI) falls under the rules: by its paths (in its folder, or by
   * the defaults on its absolute path outside every folder), by a link's target, and for a document by its
   * content (a cloud key file under any name).
   */
  isIgnored(target: vscode.Uri | vscode.TextDocument): boolean {
    const document = 'getText' in target ? target : undefined;
    const uri = document ? document.uri : (target as vscode.Uri);
    if (ignoresDocument(this.current(), { scheme: uri.scheme, path: uri.path, query: uri.query })) return true;
    // Asked on every keystroke: only the start of the document, not a copy of all of it.
    return document !== undefined && holdsCredentials(document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(PROBE_CHARS))));
  }

  /**
   * A view of the editor's files in which ignored files do not exist, following rule changes: workspace
   * paths, as EditorWorkspaceFiles reads them, are judged by their own folder's rules; recent documents by
   * their URI.
   */
  guard(files: EditorWorkspaceFiles): WorkspaceFiles {
    const guarded = guardFiles(files, () => this.current().forWorkspacePaths((vscode.workspace.workspaceFolders ?? []).map((f) => f.name)));
    return {
      ...guarded,
      recentDocuments: () => files.recentDocuments().filter((doc) => !this.isIgnored(doc.uri) && !holdsCredentials(doc.text)).map(({ path, languageId, text }) => ({ path, languageId, text })),
    };
  }

  private current(): IgnoreScope {
    if (!this.scope) {
      const outside = (this.outside ??= IgnoreRules.defaults());
      const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
        path: folder.uri.path,
        rules: this.folderRules.get(folder.uri.toString()) ?? outside,
      }));
      // Links are followed where the folders are on this machine's disk (not a virtual file system).
      const local = (vscode.workspace.workspaceFolders ?? []).every((f) => f.uri.scheme === 'file');
      this.scope = new IgnoreScope(folders, { outside, realpath: local ? nodeRealpath : undefined });
    }
    return this.scope;
  }

  /** One watcher per folder's .fathomignore; resolves once each has been read. */
  private async watchFolders(): Promise<void> {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const key of [...this.folderRules.keys()]) if (!folders.some((f) => f.uri.toString() === key)) this.folderRules.delete(key);
    for (const folder of folders) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, FATHOMIGNORE));
      const reload = () => void this.load(folder.uri);
      this.watchers.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
    }
    this.scope = undefined;
    await Promise.all(folders.map((folder) => this.load(folder.uri)));
    if (folders.length === 0) this.changed.fire();
  }

  private async load(folder: vscode.Uri): Promise<void> {
    // The same rules as the CLI's (rootRules.ts): the defaults plus the folder's .fathomignore (none: the defaults alone).
    const rules = await rulesForRoot(async (name) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name))));
    this.folderRules.set(folder.toString(), rules);
    this.scope = undefined;
    this.changed.fire();
  }

  dispose(): void {
    for (const w of this.watchers) w.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
