import * as vscode from 'vscode';
import { apiKeySecretName, originOf, type ApiKeyLookup } from '../config/apiKeys';
import { baseUrlFor, type FathomConfig } from '../config/settings';
import type { ProviderKind } from '../backends/types';

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
    const items: (vscode.QuickPickItem & { provider: ProviderKind })[] = (['openai', 'ollama'] as const).map((provider) => ({
      provider,
      label: provider === 'openai' ? 'OpenAI-compatible server' : 'Ollama (behind an authenticating proxy)',
      description: originOf(baseUrlFor(config, provider)),
    }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Fathom: Set API Key', placeHolder: 'Which server is the key for?' });
    if (!picked) return;
    const baseUrl = baseUrlFor(config, picked.provider);
    const key = await vscode.window.showInputBox({
      title: `API key for ${originOf(baseUrl)}`,
      prompt: 'Stored in the OS keychain through VS Code SecretStorage, sent only to this server. Leave empty to remove the stored key.',
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;
    const name = apiKeySecretName(picked.provider, baseUrl);
    if (key.trim() === '') {
      await this.secrets.delete(name);
      void vscode.window.showInformationMessage(`Fathom: removed the API key for ${originOf(baseUrl)}.`);
    } else {
      await this.secrets.store(name, key.trim());
      void vscode.window.showInformationMessage(`Fathom: API key for ${originOf(baseUrl)} saved.`);
    }
  }
}
