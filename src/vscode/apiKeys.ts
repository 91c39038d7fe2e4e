import * as vscode from 'vscode';
import { apiKeySecretName, type ApiKeyLookup } from '../config/apiKeys';
import { originOf } from '../backends/origin';
import type { FathomConfig } from '../config/settings';
import { PROVIDER_IDS, providerEntry, type ProviderKind } from '../backends/providers';
import { isServerRole, keyTargets, type SharedServer } from '../roles/servers';
import { roleList } from './roleNames';

/** The picker's words per provider (literal l10n.t calls, so the bundle extractor finds them). */
const KEY_TARGET_LABEL: Record<ProviderKind, () => string> = {
  openai: () => vscode.l10n.t('OpenAI-compatible server'),
  ollama: () => vscode.l10n.t('Ollama (behind an authenticating proxy)'),
};

/** API keys in VS Code's SecretStorage (the OS keychain) — never in settings, logs or messages. */
export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  readonly lookup: ApiKeyLookup = async (provider, baseUrl) => (await this.secrets.get(apiKeySecretName(provider, baseUrl))) || undefined;

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key.startsWith('fathom.apiKey.')) listener();
    });
  }

  /**
   * "Fathom: Set API Key": asks which server (every role's server, each once, then each provider's own URL),
   * then the key (empty input removes it). `where` — a role, or the URL of one of those servers (the Doctor's
   * and an error's Set API Key button say which) — skips the first question.
   */
  async promptAndStore(config: FathomConfig, where?: unknown): Promise<void> {
    // Servers that usually want a key come first.
    const needed = (provider: ProviderKind) => Number(providerEntry(provider).apiKey.usuallyNeeded);
    const targets = keyTargets(config, [...PROVIDER_IDS].sort((a, b) => needed(b) - needed(a)));
    const named = isServerRole(where) ? targets.find((t) => t.roles.includes(where)) : typeof where === 'string' && /^https?:/.test(where) ? targets.find((t) => originOf(t.baseUrl) === originOf(where)) : undefined;
    const target = named ?? (await this.pickTarget(targets));
    if (!target) return;
    const { provider, baseUrl } = target;
    const key = await vscode.window.showInputBox({
      title: vscode.l10n.t('API key for {0}', originOf(baseUrl)),
      prompt: vscode.l10n.t('Stored in the OS keychain through VS Code SecretStorage, sent only to this server. Leave empty to remove the stored key.'),
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;
    const name = apiKeySecretName(provider, baseUrl);
    if (key.trim() === '') {
      await this.secrets.delete(name);
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: removed the API key for {0}.', originOf(baseUrl)));
    } else {
      await this.secrets.store(name, key.trim());
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: API key for {0} saved.', originOf(baseUrl)));
    }
  }

  private async pickTarget(targets: SharedServer[]): Promise<SharedServer | undefined> {
    // Roles on their own servers first (in role order), then the providers' URLs no role uses.
    const items = [...targets].sort((a, b) => Number(b.roles.length > 0) - Number(a.roles.length > 0)).map((target) => ({
      target,
      label: KEY_TARGET_LABEL[target.provider](),
      description: originOf(target.baseUrl),
      detail: target.roles.length ? vscode.l10n.t('Used by: {0}', roleList(target.roles)) : undefined,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Fathom: Set API Key'), placeHolder: vscode.l10n.t('Which server is the key for?') });
    return picked?.target;
  }
}
