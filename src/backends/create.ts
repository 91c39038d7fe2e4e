/** Builds the backend for a provider from settings; with a logger, every request is logged (see logged.ts). */
import type { Logger } from '../logging/logger';
import { withLogging, type RequestObserver } from './logged';
import type { EndpointRule } from './originLockedFetch';
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
  // The SDKs load with the first client, not with the extension: in the bundle, esbuild turns each of these
  // requires into a module initialised on first call, so activation does not pay for evaluating the SDKs.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const backend: Backend =
    provider === 'ollama'
      ? new (require('./ollama') as typeof import('./ollama')).OllamaBackend({ baseUrl: options.baseUrl, apiKey: options.apiKey, keepAlive: options.keepAlive, contextLength: options.contextLength, rule: options.rule })
      : new (require('./openai') as typeof import('./openai')).OpenAIBackend({ baseUrl: options.baseUrl, apiKey: options.apiKey, fim: options.fim, rule: options.rule });
  /* eslint-enable @typescript-eslint/no-require-imports */
  return options.logger ? withLogging(backend, options.logger, options.observe) : backend;
}
