import * as vscode from 'vscode';
import type { WorkspaceFiles } from '../workspace/files';
import { looksBinary } from '../workspace/fileBytes';
import { fileUriOf } from './notebooks';
import { workspacePath, workspaceUri } from './workspacePaths';

/** Files larger than this are not read for context. */
const MAX_FILE_BYTES = 1_000_000;
/** Documents remembered as recently used, for similarity search. */
const RECENT_LIMIT = 20;

/**
 * Other files for the completion context, answered from open editors first (unsaved text included),
 * then from the workspace file system. Paths are workspace paths (workspacePaths.ts): with several folders
 * they start with the folder's name, so each file is read from its own folder.
 */
export class EditorWorkspaceFiles implements WorkspaceFiles, vscode.Disposable {
  private readonly recent: vscode.TextDocument[] = [];
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const touch = (doc: vscode.TextDocument | undefined) => {
      if (!doc || !this.relative(doc.uri)) return;
      const i = this.recent.indexOf(doc);
      if (i >= 0) this.recent.splice(i, 1);
      this.recent.unshift(doc);
      this.recent.length = Math.min(this.recent.length, RECENT_LIMIT);
    };
    for (const editor of vscode.window.visibleTextEditors) touch(editor.document);
    touch(vscode.window.activeTextEditor?.document);
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((e) => touch(e?.document)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.recent[0] !== e.document && touch(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const i = this.recent.indexOf(d);
        if (i >= 0) this.recent.splice(i, 1);
      }),
    ];
  }

  async read(path: string): Promise<string | undefined> {
    const uri = workspaceUri(path);
    if (!uri) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type !== vscode.FileType.File || stat.size > MAX_FILE_BYTES) return undefined;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (looksBinary(bytes)) return undefined;
      return new TextDecoder().decode(bytes);
    } catch {
      return undefined;
    }
  }

  async exists(path: string): Promise<boolean> {
    const uri = workspaceUri(path);
    if (!uri) return false;
    try {
      await vscode.workspace.fs.stat(uri);
      return true;
    } catch {
      return false;
    }
  }

  async list(dir: string): Promise<string[]> {
    // With several folders the workspace's top is the folders themselves: no files there.
    const uri = dir === '' && (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? undefined : workspaceUri(dir);
    if (!uri) return [];
    try {
      const entries = await vscode.workspace.fs.readDirectory(uri);
      return entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
    } catch {
      return [];
    }
  }

  /** With each document's URI, so the privacy rules can judge it in its own folder (PrivacyRules.guard). */
  recentDocuments(): readonly { path: string; languageId: string; text: string; uri: vscode.Uri }[] {
    return this.recent.flatMap((d) => {
      const path = this.relative(d.uri);
      return path && !d.isClosed ? [{ path, languageId: d.languageId, text: d.getText(), uri: d.uri }] : [];
    });
  }

  /** The workspace path (a notebook cell's: its notebook's); an untitled document's own path; undefined outside the workspace. */
  relative(cellOrFile: vscode.Uri): string | undefined {
    const uri = fileUriOf(cellOrFile);
    return workspacePath(uri) ?? (uri.scheme === 'untitled' ? uri.path : undefined);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.recent.length = 0;
  }
}
