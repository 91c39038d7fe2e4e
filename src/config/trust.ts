/**
 * Which of Fathom's settings a workspace may set. A repository's `.vscode/settings.json` comes from whoever
 * wrote the repository, so:
 *
 * - `fathom.localOnly` counts only in the user's settings, always (package.json: `"scope": "application"`): a
 *   workspace can neither turn it off nor on.
 * - The settings that decide where code goes or what the prompt says — the servers, the providers, the
 *   completion template and the answer languages (free text put into every command's and commit message's prompt) — count from the
 *   workspace only once the user trusts it. In Restricted Mode the user's values apply (package.json:
 *   `restrictedConfigurations`, which VS Code enforces too; this is the same rule applied by Fathom itself).
 */
import type { SettingKey, SettingsSource } from './settings';

/** Read from the user's settings only, trusted workspace or not. */
export const USER_ONLY_SETTINGS: readonly SettingKey[] = ['localOnly'];

/** Read from the user's settings only while the workspace is not trusted. */
export const RESTRICTED_SETTINGS: readonly SettingKey[] = ['ollama.baseUrl', 'openai.baseUrl', 'completion.provider', 'completion.baseUrl', 'chat.provider', 'chat.baseUrl', 'completion.template', 'answerLanguage', 'commitMessage.language', 'embeddings.provider', 'embeddings.baseUrl', 'nextEdit.provider', 'nextEdit.baseUrl'];

/** A setting's values per level, as VS Code's `WorkspaceConfiguration.inspect` reports them. */
export interface SettingLevels {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The settings as they apply: `get` (the merged value) for most, the user's own value for the settings above
 * (undefined, so the default, when the user set none).
 */
export function trustedSource(get: SettingsSource, inspect: (key: SettingKey) => SettingLevels | undefined, workspaceTrusted: boolean): SettingsSource {
  return (key) => (USER_ONLY_SETTINGS.includes(key) || (!workspaceTrusted && RESTRICTED_SETTINGS.includes(key)) ? inspect(key)?.globalValue : get(key));
}
