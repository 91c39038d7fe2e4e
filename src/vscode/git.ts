/**
 * The part of the built-in Git extension's API (`vscode.git`, API version 1) Fathom uses, typed here so no
 * copy of git.d.ts is needed: the open repositories, a repository's diff and its Source Control input box.
 */
import * as vscode from 'vscode';

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  /** `git diff` (cached: `git diff --cached`, the staged changes) as text. */
  diff(cached?: boolean): Promise<string>;
}

export interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** Why there is no Git API: the extension is missing (a web or trimmed build) or turned off (`git.enabled`). */
export type NoGit = 'missing' | 'disabled';

/** The Git extension's API, activating the extension when needed. */
export async function gitApi(): Promise<GitApi | NoGit> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return 'missing';
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports?.enabled) return 'disabled';
  return exports.getAPI(1);
}
