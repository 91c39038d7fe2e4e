/**
 * Tells the codebase index which paths changed on disk: files saved in the editor, files and folders
 * created, changed or deleted (by the editor, git, a build, another program) and renames done in the
 * explorer. The index batches them and re-indexes only those paths (src/codebase/syncPaths.ts).
 * Changes inside dependency, build and VCS folders are dropped here: the index never holds those files, and
 * a `git checkout` or `npm install` would otherwise send thousands of paths.
 */
import * as vscode from 'vscode';
import { SKIPPED_FOLDERS } from '../../codebase/walk';

export function watchChanges(changed: (uri: vscode.Uri) => void): vscode.Disposable[] {
  const report = (uri: vscode.Uri) => {
    if (uri.scheme === 'file' && !uri.path.split('/').some((part) => SKIPPED_FOLDERS.has(part))) changed(uri);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  return [
    watcher,
    watcher.onDidCreate(report),
    watcher.onDidChange(report),
    watcher.onDidDelete(report),
    vscode.workspace.onDidSaveTextDocument((d) => report(d.uri)),
    vscode.workspace.onDidRenameFiles((e) => {
      for (const { oldUri, newUri } of e.files) {
        report(oldUri);
        report(newUri);
      }
    }),
    vscode.workspace.onDidCreateFiles((e) => e.files.forEach(report)),
    vscode.workspace.onDidDeleteFiles((e) => e.files.forEach(report)),
  ];
}
