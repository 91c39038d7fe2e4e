import * as vscode from 'vscode';
import type { WorkspaceFiles } from '../../completion/types';

/**
 * Reads a command's prompt file for loadPrompt (src/commands/promptFiles.ts): `.fathom/prompts/…` from the
 * workspace (the user's override, unsaved edits included), `prompts/…` from the extension's own files.
 */
export function promptReader(extensionUri: vscode.Uri, files: WorkspaceFiles): (relPath: string) => Promise<string | undefined> {
  return async (relPath) => {
    if (relPath.startsWith('.fathom/')) return files.read(relPath);
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, relPath)));
    } catch {
      return undefined;
    }
  };
}
