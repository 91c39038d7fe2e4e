/** Builds the backend for a provider from settings; with a logger, every request is logged (see logged.ts). */
import type { Logger } from '../logging/logger';
import { withLogging } from './logged';
import { OllamaBackend } from './ollama';
import { OpenAIBackend } from './openai';
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
  logger?: Logger;
}

export function createBackend(provider: ProviderKind, options: BackendOptions): Backend {
  const backend: Backend =
    provider === 'ollama'
      ? new OllamaBackend({ baseUrl: options.baseUrl, apiKey: options.apiKey, keepAlive: options.keepAlive, contextLength: options.contextLength })
      : new OpenAIBackend({ baseUrl: options.baseUrl, apiKey: options.apiKey, fim: options.fim });
  return options.logger ? withLogging(backend, options.logger) : backend;
}
