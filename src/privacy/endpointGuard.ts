/**
 * The endpoint policy, applied to every request of every role:
 *
 * - Local-only mode refuses every request to an endpoint that is not on this machine — completions and chat,
 *   and also model lists, model info, the version probe and Pull Model, which would otherwise carry the
 *   Authorization header (and reveal what the user runs) to a server the user ruled out. The rule is
 *   checked twice with the same function: here, before a request is redacted or logged, and by the fetch
 *   under every client (originLockedFetch), which also sees each redirect hop and requests made outside
 *   the Backend methods (Pull Model).
 * - Consent is about code: a remote endpoint needs the user's "Allow" before a completion or chat request
 *   (the requests that carry code) goes to it. Listing models, model info and the version carry no code
 *   (model names only), so without local-only mode they go without asking: the Doctor and the model
 *   picker need them to say what is wrong before the user has been asked anything.
 */
import { originOf } from '../backends/origin';
import { BackendError } from '../backends/errors';
import { ForwardingBackend } from '../backends/forwarding';
import type { EndpointRule } from '../backends/originLockedFetch';
import type { Backend, ChatRequest, CompletionRequest, LoadedModel, ModelInfo, ModelSummary, RequestOptions } from '../backends/types';
import { isLoopback } from './endpoints';

/** Asks (or recalls) whether code may go to this endpoint. */
export type EndpointConsent = (baseUrl: string) => Promise<boolean>;

export interface EndpointPolicy {
  /** Read at every request, so turning the setting on takes effect without rebuilding clients. */
  localOnly: () => boolean;
  /** Without one, remote endpoints are allowed (the CLI: the user typed the URL on the command line). */
  consent?: EndpointConsent;
}

/** The one local-only rule: in local-only mode, only loopback addresses (never a name that DNS might resolve). */
function refusedByLocalOnly(localOnly: () => boolean, url: string): boolean {
  return localOnly() && !isLoopback(url);
}

/** The local-only rule as the clients' fetch applies it (to every request and redirect hop). */
export function localOnlyRule(localOnly: () => boolean): EndpointRule {
  return (url) => (refusedByLocalOnly(localOnly, url.href) ? 'localOnly' : undefined);
}

export function withEndpointGuard(backend: Backend, policy: EndpointPolicy): Backend {
  return new GuardedEndpointBackend(backend, policy);
}

class GuardedEndpointBackend extends ForwardingBackend {
  constructor(
    inner: Backend,
    private readonly policy: EndpointPolicy,
  ) {
    super(inner);
  }

  async version(options?: RequestOptions): Promise<string | undefined> {
    this.checkLocalOnly();
    return this.inner.version(options);
  }

  async listModels(options?: RequestOptions): Promise<ModelSummary[]> {
    this.checkLocalOnly();
    return this.inner.listModels(options);
  }

  async loadedModels(options?: RequestOptions): Promise<LoadedModel[]> {
    this.checkLocalOnly();
    return super.loadedModels(options);
  }

  async modelInfo(model: string, options?: RequestOptions): Promise<ModelInfo> {
    this.checkLocalOnly(model);
    return this.inner.modelInfo(model, options);
  }

  async *streamCompletion(request: CompletionRequest): AsyncGenerator<string, void, undefined> {
    await this.checkCode(request.model);
    // The inner stream is created only after the check, so a refused request never opens a connection.
    yield* this.inner.streamCompletion(request);
  }

  async *streamChat(request: ChatRequest): AsyncGenerator<string, void, undefined> {
    await this.checkCode(request.model);
    yield* this.inner.streamChat(request);
  }

  async embed(texts: string[], model: string, options?: RequestOptions): Promise<number[][]> {
    await this.checkCode(model);
    return this.inner.embed(texts, model, options);
  }

  private checkLocalOnly(model?: string): void {
    if (refusedByLocalOnly(this.policy.localOnly, this.baseUrl)) throw new BackendError('refused', { provider: this.provider, baseUrl: this.baseUrl, model, refusal: 'localOnly' });
  }

  private async checkCode(model: string): Promise<void> {
    this.checkLocalOnly(model);
    if (isLoopback(this.baseUrl) || !this.policy.consent) return;
    if (!(await this.policy.consent(this.baseUrl))) throw new BackendError('refused', { provider: this.provider, baseUrl: this.baseUrl, model, refusal: 'declined' });
  }
}

/** Where answers are kept: VS Code's workspaceState has this shape. */
export interface ConsentStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
  keys(): readonly string[];
}

const KEY_PREFIX = 'fathom.endpointConsent.';

/**
 * Consent remembered per endpoint origin: `ask` runs once per origin (concurrent requests share the
 * question), and the answer is stored. A dismissed question (`undefined`) counts as "no" for this
 * request but is not remembered, so the user is asked again next time.
 */
export function rememberedConsent(store: ConsentStore, ask: (origin: string) => Promise<boolean | undefined>): EndpointConsent {
  const pending = new Map<string, Promise<boolean>>();
  return async (baseUrl) => {
    const origin = originOf(baseUrl);
    const key = KEY_PREFIX + origin;
    const known = store.get<boolean>(key);
    if (typeof known === 'boolean') return known;
    let answer = pending.get(origin);
    if (!answer) {
      answer = (async () => {
        try {
          const said = await ask(origin);
          if (said !== undefined) await store.update(key, said);
          return said === true;
        } finally {
          pending.delete(origin);
        }
      })();
      pending.set(origin, answer);
    }
    return answer;
  };
}

/** Forgets every remembered answer, so each remote endpoint is asked about again. */
export async function resetConsent(store: ConsentStore): Promise<void> {
  for (const key of store.keys()) {
    if (key.startsWith(KEY_PREFIX)) await store.update(key, undefined);
  }
}
