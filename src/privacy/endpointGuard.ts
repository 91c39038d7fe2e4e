/**
 * The gate in front of every request that carries code (completion and chat). Local-only mode refuses any
 * endpoint that is not on this machine; otherwise a remote endpoint needs the user's consent first.
 * Listing models, the server version and model info carry no code, so they pass: the doctor needs them
 * to say what is wrong even when code may not be sent.
 */
import { originOf } from '../config/apiKeys';
import { BackendError } from '../backends/errors';
import { ForwardingBackend } from '../backends/forwarding';
import type { Backend, ChatRequest, CompletionRequest } from '../backends/types';
import { isLoopback } from './endpoints';

/** Asks (or recalls) whether code may go to this endpoint. */
export type EndpointConsent = (baseUrl: string) => Promise<boolean>;

export interface EndpointPolicy {
  /** Read at every request, so turning the setting on takes effect without rebuilding clients. */
  localOnly: () => boolean;
  /** Without one, remote endpoints are allowed (the CLI: the user typed the URL on the command line). */
  consent?: EndpointConsent;
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

  async *streamCompletion(request: CompletionRequest): AsyncGenerator<string, void, undefined> {
    await this.check(request.model);
    // The inner stream is created only after the check, so a refused request never opens a connection.
    yield* this.inner.streamCompletion(request);
  }

  async *streamChat(request: ChatRequest): AsyncGenerator<string, void, undefined> {
    await this.check(request.model);
    yield* this.inner.streamChat(request);
  }

  private async check(model: string): Promise<void> {
    if (isLoopback(this.baseUrl)) return;
    const context = { provider: this.provider, baseUrl: this.baseUrl, model };
    if (this.policy.localOnly()) throw new BackendError('refused', { ...context, refusal: 'localOnly' });
    if (this.policy.consent && !(await this.policy.consent(this.baseUrl))) throw new BackendError('refused', { ...context, refusal: 'declined' });
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
