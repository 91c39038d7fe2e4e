import * as vscode from 'vscode';
import { fileUriOf } from './notebooks';

/**
 * Workspace paths, the one spelling every part of Fathom uses for a file of the workspace: relative to its
 * folder with forward slashes; with several folders, starting with the folder's name (`api/src/x.ts`, as VS
 * Code's asRelativePath(uri, true) writes them and as the codebase index names its hits), so two folders'
 * `src/x.ts` stay two files and each path leads back to its own folder.
 */

type Folders = readonly vscode.WorkspaceFolder[];

const allFolders = (): Folders => vscode.workspace.workspaceFolders ?? [];

/** The workspace path of a file (a notebook cell's: its notebook's); undefined outside every folder. */
export function workspacePath(cellOrFile: vscode.Uri, folders: Folders = allFolders()): string | undefined {
  const uri = fileUriOf(cellOrFile);
  const folder = folderOf(uri, folders);
  if (!folder) return undefined;
  const rel = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
  return rel ? folderPrefix(folder, folders) + rel : undefined;
}

/** The file of a workspace path: in the only folder, or in the folder its first segment names. Never climbs out (`..`). */
export function workspaceUri(path: string, folders: Folders = allFolders()): vscode.Uri | undefined {
  if (path.split('/').includes('..')) return undefined;
  if (folders.length <= 1) return folders[0] && vscode.Uri.joinPath(folders[0].uri, path);
  const slash = path.indexOf('/');
  const folder = slash > 0 ? folders.find((f) => f.name === path.slice(0, slash)) : undefined;
  return folder && vscode.Uri.joinPath(folder.uri, path.slice(slash + 1));
}

/** What a folder's workspace paths start with: nothing with one folder, `name/` with several. */
export function folderPrefix(folder: vscode.WorkspaceFolder, folders: Folders = allFolders()): string {
  return folders.length > 1 ? `${folder.name}/` : '';
}

/** The folder holding `uri` (a cell: its notebook), else the first folder. */
export function homeFolder(uri: vscode.Uri | undefined, folders: Folders = allFolders()): vscode.WorkspaceFolder | undefined {
  return (uri && folderOf(fileUriOf(uri), folders)) ?? folders[0];
}

/** The prefix of the folder holding `uri`, else of the first folder; '' with one folder or none. */
export function folderPrefixOf(uri: vscode.Uri | undefined, folders: Folders = allFolders()): string {
  const folder = homeFolder(uri, folders);
  return folder ? folderPrefix(folder, folders) : '';
}

function folderOf(uri: vscode.Uri, folders: Folders): vscode.WorkspaceFolder | undefined {
  if (folders === vscode.workspace.workspaceFolders) return vscode.workspace.getWorkspaceFolder(uri);
  // The deepest folder holding it (nested folders), of the folders given.
  const key = uri.toString();
  return [...folders].sort((a, b) => b.uri.path.length - a.uri.path.length).find((f) => key === f.uri.toString() || key.startsWith(f.uri.toString().replace(/\/$/, '') + '/'));
}
