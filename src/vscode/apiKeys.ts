import * as vscode from 'vscode';
import { apiKeySecretName, type ApiKeyLookup } from '../config/apiKeys';
import { originOf } from '../backends/origin';
import { baseUrlFor, type FathomConfig } from '../config/settings';
import { PROVIDER_IDS, providerEntry, type ProviderKind } from '../backends/providers';

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

  /** "Fathom: Set API Key": asks which server, then the key (empty input removes it). */
  async promptAndStore(config: FathomConfig): Promise<void> {
    // Servers that usually want a key come first.
    const needed = (provider: ProviderKind) => Number(providerEntry(provider).apiKey.usuallyNeeded);
    const providers = [...PROVIDER_IDS].sort((a, b) => needed(b) - needed(a));
    const items: (vscode.QuickPickItem & { provider: ProviderKind })[] = providers.map((provider) => ({
      provider,
      label: KEY_TARGET_LABEL[provider](),
      description: originOf(baseUrlFor(config, provider)),
    }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Fathom: Set API Key'), placeHolder: vscode.l10n.t('Which server is the key for?') });
    if (!picked) return;
    const baseUrl = baseUrlFor(config, picked.provider);
    const key = await vscode.window.showInputBox({
      title: vscode.l10n.t('API key for {0}', originOf(baseUrl)),
      prompt: vscode.l10n.t('Stored in the OS keychain through VS Code SecretStorage, sent only to this server. Leave empty to remove the stored key.'),
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;
    const name = apiKeySecretName(picked.provider, baseUrl);
    if (key.trim() === '') {
      await this.secrets.delete(name);
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: removed the API key for {0}.', originOf(baseUrl)));
    } else {
      await this.secrets.store(name, key.trim());
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: API key for {0} saved.', originOf(baseUrl)));
    }
  }
}
