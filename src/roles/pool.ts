import type { ApiKeyLookup } from '../config/apiKeys';
import { embeddingsBaseUrl, nextEditBaseUrl, roleBaseUrl, type EmbeddingsSettings, type FathomConfig, type NextEditSettings, type Role, type RoleSettings } from '../config/settings';
import type { Logger } from '../logging/logger';
import { Redactor } from '../privacy/redactor';
import { withRedaction } from '../privacy/redactingBackend';
import { localOnlyRule, withEndpointGuard, type EndpointConsent } from '../privacy/endpointGuard';
import { withAnswerCap } from '../backends/answerCap';
import { createBackend } from '../backends/create';
import { withBaseUrlSetting } from '../backends/baseUrlSetting';
import type { RequestObserver } from '../backends/logged';
import type { OllamaBackend } from '../backends/ollama';
import { PROVIDERS } from '../backends/providers';
import { withActivity, type ServerActivity } from './serverActivity';
import { pullTargetFor, type ServerRole } from './servers';
import type { Backend, ModelInfo, ProviderKind } from '../backends/types';

const MODEL_INFO_TTL_MS = 5 * 60_000;

export interface RoleBackend {
  backend: Backend;
  settings: RoleSettings;
  /** Context window for prompts: the configured one, capped by what the model reports. */
  contextLength: number;
  info: ModelInfo;
}

/**
 * Hands out the backend for a role, built from the current settings and stored key. Clients and model
 * info are created on first use (nothing at activation) and reused until settings or keys change.
 */
export class BackendPool {
  private readonly backends = new Map<string, Backend>();
  private readonly infos = new Map<string, { at: number; info: Promise<ModelInfo> }>();
  /** One per session, so a secret keeps its placeholder across requests (and prompts stay cacheable). */
  private readonly redactor = new Redactor();
  /** Local-only mode, read at every request: what every client's fetch checks before sending anything. */
  private readonly rule = localOnlyRule(() => this.getConfig().localOnly);

  constructor(
    private readonly getConfig: () => FathomConfig,
    private readonly getApiKey: ApiKeyLookup,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    /** Asks before code goes to a remote endpoint; without it only local-only mode can refuse one. */
    private readonly consent?: EndpointConsent,
    /** Told about every generation request once it ended, as sent (after redaction): Show Last Request. */
    private readonly observe?: RequestObserver,
    /** Counts the chat role's streams per server (completions wait for a local one's answer). */
    readonly activity?: ServerActivity,
  ) {}

  /** Forget clients and model info: call when settings or keys change. */
  invalidate(): void {
    this.backends.clear();
    this.infos.clear();
  }

  async backendFor(role: Role): Promise<{ backend: Backend; settings: RoleSettings }> {
    const config = this.getConfig();
    const settings = config[role];
    // The role's own server (`fathom.<role>.baseUrl`) when set, else its provider's: completions and chat may differ.
    const backend = await this.guardedClient(role, settings.provider, roleBaseUrl(config, role), settings.baseUrl && `${role}.baseUrl`);
    // Chat and command answers are counted while they stream: completions to the same local server wait (serverActivity.ts).
    return { backend: role === 'chat' && this.activity ? withActivity(backend, this.activity) : backend, settings };
  }

  /**
   * The next-edit role's backend (its own endpoint when `fathom.nextEdit.baseUrl` is set), with the same guards,
   * redaction and cap as every role; undefined while next-edit suggestions are off (no model configured).
   */
  async nextEditBackend(): Promise<{ backend: Backend; settings: NextEditSettings } | undefined> {
    const config = this.getConfig();
    if (!config.nextEdit.enabled) return undefined;
    return { backend: await this.guardedClient('nextEdit', config.nextEdit.provider, nextEditBaseUrl(config), config.nextEdit.baseUrl && 'nextEdit.baseUrl'), settings: config.nextEdit };
  }

  /**
   * The embeddings role's backend (codebase search vectors), with the same guards as every role: chunk texts
   * are redacted, a remote endpoint needs consent and local-only mode refuses one before anything is sent.
   * Undefined while embeddings are off (`fathom.embeddings.provider` is none).
   */
  async embeddingsBackend(): Promise<{ backend: Backend; settings: EmbeddingsSettings } | undefined> {
    const config = this.getConfig();
    const baseUrl = embeddingsBaseUrl(config);
    if (!config.embeddings.enabled || !config.embeddings.provider || !baseUrl) return undefined;
    return { backend: await this.guardedClient('embeddings', config.embeddings.provider, baseUrl, config.embeddings.baseUrl && 'embeddings.baseUrl'), settings: config.embeddings };
  }

  /**
   * A role's client of one server, with that server's own key (keys are stored per server: a role on another
   * server never gets the first one's). One client per role, so Show Last Request can say which role sent what.
   */
  private async guardedClient(role: ServerRole, provider: ProviderKind, baseUrl: string, ownSetting: string): Promise<Backend> {
    const config = this.getConfig();
    const apiKey = await this.getApiKey(provider, baseUrl);
    const id = `${role}|${provider}|${baseUrl}|${ownSetting}|${apiKey ? 'key' : 'nokey'}|${config.contextLength}|${config.ollama.keepAlive}|${config.openai.fim}`;
    let backend = this.backends.get(id);
    if (!backend) {
      // Redaction sits outside the request log, so the log never sees a secret either. The endpoint guard
      // sits outside both: a refused request is never redacted, logged or sent. The client's fetch applies
      // the same local-only rule again underneath, to every request and redirect hop. The answer size cap sits
      // right around the client, so every streamed answer (completion, command, chat, doctor probe) is capped
      // here, once, and the request log still sees a capped stream end (closed by the client).
      const client = withRedaction(withAnswerCap(createBackend(provider, {
        baseUrl,
        apiKey,
        keepAlive: config.ollama.keepAlive,
        contextLength: config.contextLength,
        fim: config.openai.fim,
        rule: this.rule,
        logger: this.logger,
        observe: this.observe && ((record) => this.observe?.({ ...record, role })),
      })), this.redactor);
      backend = withEndpointGuard(client, { localOnly: () => this.getConfig().localOnly, consent: this.consent });
      // A role on its own server: its errors' advice names that role's setting, not the provider's URL.
      if (ownSetting) backend = withBaseUrlSetting(backend, ownSetting);
      this.backends.set(id, backend);
    }
    return backend;
  }

  /**
   * A client of an Ollama, for managing its models (pull): the one `where` names — a role on Ollama, or the URL
   * of an Ollama a role uses (servers.ts pullTargetFor) — else `fathom.ollama.baseUrl`. No code goes out through
   * it, so it skips redaction and consent; local-only mode still refuses a remote one (its fetch checks the rule).
   */
  async ollama(where?: ServerRole | string): Promise<OllamaBackend> {
    const config = this.getConfig();
    const baseUrl = pullTargetFor(config, where)?.baseUrl ?? config.ollama.baseUrl;
    return PROVIDERS.ollama.create({ baseUrl, apiKey: await this.getApiKey('ollama', baseUrl), rule: this.rule });
  }

  /** The role's backend with its model's info (cached; a failed lookup is not cached). */
  async forRole(role: Role, options: { signal?: AbortSignal } = {}): Promise<RoleBackend> {
    const { backend, settings } = await this.backendFor(role);
    const config = this.getConfig();
    const key = `${backend.provider}|${backend.baseUrl}|${settings.model}`;
    let entry = this.infos.get(key);
    if (!entry || this.now() - entry.at > MODEL_INFO_TTL_MS) {
      const info = backend.modelInfo(settings.model, { signal: options.signal, timeoutMs: config.requestTimeoutMs });
      entry = { at: this.now(), info };
      this.infos.set(key, entry);
      info.catch(() => {
        if (this.infos.get(key) === entry) this.infos.delete(key);
      });
    }
    const info = await entry.info;
    const contextLength = Math.min(config.contextLength, info.contextLength ?? config.contextLength);
    return { backend, settings, info, contextLength };
  }
}
