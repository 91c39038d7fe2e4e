import * as vscode from 'vscode';
import type { ServerRole } from '../roles/servers';

/** How the editor's texts name a role (literal l10n.t calls, so the bundle extractor finds them). */
const ROLE_LABEL: Record<ServerRole, () => string> = {
  completion: () => vscode.l10n.t('completions'),
  chat: () => vscode.l10n.t('chat and commands'),
  nextEdit: () => vscode.l10n.t('next edit suggestions'),
  embeddings: () => vscode.l10n.t('embeddings'),
};

/** "completions, chat and commands": the roles a server serves, in the user's language. */
export function roleList(roles: readonly ServerRole[]): string {
  return roles.map((r) => ROLE_LABEL[r]()).join(', ');
}
