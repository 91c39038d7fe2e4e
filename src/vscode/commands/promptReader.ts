import * as vscode from 'vscode';
import { trustedPromptReader, type PromptRead } from '../../commands/promptFiles';
import type { WorkspaceFiles } from '../../workspace/files';

/** Prompt files of an untrusted workspace already noted in this window: the note comes once per file. */
const noted = new Set<string>();

/**
 * Reads a command's prompt file for loadPrompt (src/commands/promptFiles.ts): `.fathom/prompts/…` from the
 * workspace (in multi-root, the folder's: `name/.fathom/prompts/…`) (the user's override, unsaved edits included) — only once the workspace is trusted — and
 * `prompts/…` from the extension's own files. In Restricted Mode a workspace prompt file is left unused (the
 * shipped prompt applies) and a note says so once.
 */
export function promptReader(extensionUri: vscode.Uri, files: WorkspaceFiles): PromptRead {
  const read: PromptRead = async (relPath, source) => {
    if (source === 'workspace') return files.read(relPath);
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, relPath)));
    } catch {
      return undefined;
    }
  };
  return trustedPromptReader(read, () => vscode.workspace.isTrusted, noteIgnored);
}

function noteIgnored(relPath: string): void {
  if (noted.has(relPath)) return;
  noted.add(relPath);
  const MANAGE = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Fathom: this workspace is not trusted, so its prompt file {0} is not used; the prompt shipped with Fathom is. Trust the workspace to use it.', relPath), MANAGE)
    .then((choice) => (choice === MANAGE ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
}

/** The workspace prompt files noted as unused in this window (for the integration tests). */
export function ignoredPromptFiles(): readonly string[] {
  return [...noted];
}
