/** Builds the backend for a provider from settings; with a logger, every request is logged (see logged.ts). */
import type { Logger } from '../logging/logger';
import { withLogging, type RequestObserver } from './logged';
import type { EndpointRule } from './originLockedFetch';
import { providerEntry } from './providers';
import type { Backend, ProviderKind } from './types';

export interface BackendOptions {
  baseUrl: string;
  apiKey?: string;
  /** Ollama only: `keep_alive`. */
  keepAlive?: string;
  /** Ollama only: sent as `num_ctx` on every request. */
  contextLength?: number;
  /** OpenAI-compatible only: the server accepts `suffix` on /v1/completions. */
  fim?: boolean;
  /** Checked by the client's fetch before every request and redirect hop (local-only mode). */
  rule?: EndpointRule;
  logger?: Logger;
  /** Told about every generation request once it ended (with a logger only). */
  observe?: RequestObserver;
}

export function createBackend(provider: ProviderKind, options: BackendOptions): Backend {
  // The registry's factory loads the SDK with the first client, not with the extension (see providers.ts).
  const backend: Backend = providerEntry(provider).create(options);
  return options.logger ? withLogging(backend, options.logger, options.observe) : backend;
}
