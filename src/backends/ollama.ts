/**
 * Ollama through the official `ollama` package.
 *
 * Cancellation: ollama 0.6.4 passes an AbortSignal to fetch only for streams (and only its own, reachable
 * through the iterator's abort()); version/list/show get none. So every call builds a light client whose
 * `fetch` adds the call's signal, which closes the connection for plain calls and streams alike. The same
 * fetch notes the answer's status and Retry-After, which the SDK's ResponseError does not carry. Underneath,
 * every request goes through originLockedFetch: to the configured origin only, never along a redirect to
 * another server, and only when the endpoint rule (local-only mode) allows it.
 */
import { Ollama, type ChatRequest as OllamaChatRequest, type ChatResponse, type GenerateRequest, type GenerateResponse, type Options, type ProgressResponse, type ShowResponse } from 'ollama';
import type { StopReason } from './deadline';
import { toBackendError } from './errorMapping';
import type { BackendError } from './errors';
import { checkedVectors } from './embeddingAnswer';
import { guardedCall, guardedStream } from './guarded';
import { originLockedFetch, type EndpointRule, type Fetch } from './originLockedFetch';
import type { PullUpdate } from './pullProgress';
import type { Backend, ChatRequest, CompletionRequest, GenerationOptions, LoadedModel, ModelInfo, ModelSummary, RequestOptions } from './types';

export interface OllamaBackendOptions {
  baseUrl: string;
  /** Sent as `Authorization: Bearer` for an Ollama behind an authenticating proxy. */
  apiKey?: string;
  /** Ollama `keep_alive`: how long the model stays loaded after a request ("30m", "-1" = forever). */
  keepAlive?: string;
  /** Sent as `options.num_ctx` on every generate and chat request. */
  contextLength?: number;
  /** Checked before every request, pull included (local-only mode). */
  rule?: EndpointRule;
}

/** What the per-call fetch saw of the server's answer. */
interface Exchange {
  status?: number;
  retryAfter?: string | null;
}

export class OllamaBackend implements Backend {
  readonly provider = 'ollama' as const;
  readonly baseUrl: string;
  private readonly fetch: Fetch;

  constructor(private readonly options: OllamaBackendOptions) {
    this.baseUrl = options.baseUrl;
    this.fetch = originLockedFetch({ provider: 'ollama', baseUrl: options.baseUrl, rule: options.rule });
  }

  async version(options: RequestOptions = {}): Promise<string | undefined> {
    const answer = await this.call(options, undefined, (client) => client.version());
    return answer.version || undefined;
  }

  async listModels(options: RequestOptions = {}): Promise<ModelSummary[]> {
    const answer = await this.call(options, undefined, (client) => client.list());
    return (answer.models ?? []).map((m) => ({
      name: m.name,
      sizeBytes: m.size,
      family: m.details?.family || undefined,
      parameterSize: m.details?.parameter_size || undefined,
      quantization: m.details?.quantization_level || undefined,
    }));
  }

  async loadedModels(options: RequestOptions = {}): Promise<LoadedModel[]> {
    const answer = await this.call(options, undefined, (client) => client.ps());
    return (answer.models ?? []).map((m) => ({ name: m.name, sizeBytes: m.size, vramBytes: m.size_vram ?? 0 }));
  }

  async modelInfo(model: string, options: RequestOptions = {}): Promise<ModelInfo> {
    const answer = await this.call(options, model, (client) => client.show({ model }));
    return describeModel(model, answer);
  }

  streamChat(request: ChatRequest): AsyncIterable<string> {
    return this.stream(request, (client) => client.chat(this.chatBody(request)), (chunk: ChatResponse) => chunk.message?.content);
  }

  streamCompletion(request: CompletionRequest): AsyncIterable<string> {
    return this.stream(request, (client) => client.generate(this.completionBody(request)), (chunk: GenerateResponse) => chunk.response);
  }

  /**
   * POST /api/embed: one vector per input, in order. `keep_alive` as configured (an index build sends many
   * batches); no `num_ctx`, which is the generation models' window, not the embedding model's.
   */
  async embed(texts: string[], model: string, options: RequestOptions = {}): Promise<number[][]> {
    if (texts.length === 0) return [];
    const answer = await this.call(options, model, (client) => client.embed({ model, input: texts, ...keepAlive(this.options) }));
    return checkedVectors(answer.embeddings, texts.length, () => this.failure(new Error('the server sent a different number of embeddings than texts'), undefined, {}, model));
  }

  chatBody(request: ChatRequest): OllamaChatRequest & { stream: true } {
    return ollamaChatBody(request, this.options);
  }

  completionBody(request: CompletionRequest): GenerateRequest & { stream: true } {
    return ollamaGenerateBody(request, this.options);
  }

  /**
   * Downloads `model` (POST /api/pull, streamed), reporting each progress line. Aborting `signal` closes the
   * HTTP request and rejects with a `cancelled` BackendError. No time limit: a pull may pause for long.
   */
  async pullModel(model: string, onProgress: (update: PullUpdate) => void, signal?: AbortSignal): Promise<void> {
    const exchange: Exchange = {};
    const lines = guardedStream(
      { signal },
      (abort) => this.client(abort, exchange).pull({ model, stream: true }),
      (line: ProgressResponse) => {
        onProgress({ status: line.status, digest: line.digest || undefined, total: line.total || undefined, completed: line.completed || undefined });
        return undefined;
      },
      (error, stop) => this.failure(error, stop, exchange, model),
    );
    for await (const _ of lines);
  }

  private call<T>(options: RequestOptions, model: string | undefined, run: (client: Ollama) => Promise<T>): Promise<T> {
    const exchange: Exchange = {};
    return guardedCall(
      options,
      (signal) => run(this.client(signal, exchange)),
      (error, stop) => this.failure(error, stop, exchange, model),
    );
  }

  private stream<C>(request: GenerationOptions, open: (client: Ollama) => Promise<AsyncIterable<C>>, textOf: (chunk: C) => string | undefined): AsyncIterable<string> {
    const exchange: Exchange = {};
    return guardedStream(
      request,
      (signal) => open(this.client(signal, exchange)),
      textOf,
      (error, stop) => this.failure(error, stop, exchange, request.model),
    );
  }

  private client(signal: AbortSignal, exchange: Exchange): Ollama {
    return new Ollama({
      host: this.baseUrl,
      headers: this.options.apiKey ? { Authorization: `Bearer ${this.options.apiKey}` } : undefined,
      fetch: async (input, init) => {
        // For streams the SDK passes its own signal (its iterator's abort()); keep it and add ours.
        const response = await this.fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
        exchange.status = response.status;
        exchange.retryAfter = response.headers.get('retry-after');
        return response;
      },
    });
  }

  private failure(error: unknown, stop: StopReason | undefined, exchange: Exchange, model: string | undefined): BackendError {
    // The SDK's ResponseError is not exported; it is recognisable by its name and status_code.
    const response = error instanceof Error && error.name === 'ResponseError' ? (error as Error & { error?: string; status_code?: number }) : undefined;
    return toBackendError(
      error,
      {
        stop,
        status: response?.status_code,
        serverMessage: response?.error,
        retryAfter: exchange.retryAfter,
        responseStarted: exchange.status !== undefined,
      },
      { provider: 'ollama', baseUrl: this.baseUrl, model, secrets: [this.options.apiKey] },
    );
  }
}

/** What every request body carries from the backend's settings. */
export type OllamaBodyOptions = Pick<OllamaBackendOptions, 'keepAlive' | 'contextLength'>;

/**
 * The /api/generate body, exactly as the SDK posts it (it sends the object as JSON). Exported so the CLI's
 * `prompt` command prints the very body a completion sends.
 */
export function ollamaGenerateBody(request: CompletionRequest, settings: OllamaBodyOptions): GenerateRequest & { stream: true } {
  return {
    model: request.model,
    prompt: request.prompt,
    ...(request.suffix !== undefined && { suffix: request.suffix }),
    ...(request.raw && { raw: true }),
    stream: true,
    ...keepAlive(settings),
    options: modelOptions(request, settings),
  };
}

/** The /api/chat body, exactly as the SDK posts it. */
export function ollamaChatBody(request: ChatRequest, settings: OllamaBodyOptions): OllamaChatRequest & { stream: true } {
  return {
    model: request.model,
    messages: request.messages,
    stream: true,
    ...keepAlive(settings),
    options: modelOptions(request, settings),
  };
}

/** The same num_ctx on every request: a different one makes Ollama reload the model. */
function modelOptions(request: GenerationOptions, settings: OllamaBodyOptions): Partial<Options> {
  const options: Partial<Options> = {};
  if (settings.contextLength !== undefined) options.num_ctx = settings.contextLength;
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.maxTokens !== undefined) options.num_predict = request.maxTokens;
  if (request.stop && request.stop.length > 0) options.stop = request.stop;
  return options;
}

/** Ollama reads a JSON string as a Go duration ("30m") and a number as seconds, so "-1" must go as -1. */
function keepAlive(settings: OllamaBodyOptions): { keep_alive?: string | number } {
  const value = settings.keepAlive?.trim();
  if (!value) return {};
  return { keep_alive: /^-?\d+$/.test(value) ? Number(value) : value };
}

/** Reads /api/show: the context window from `<architecture>.context_length`, FIM from "insert" or `.Suffix`. */
export function describeModel(name: string, show: ShowResponse): ModelInfo {
  const info = (show.model_info ?? {}) as unknown as Record<string, unknown>;
  const architecture = info['general.architecture'];
  const preferred = typeof architecture === 'string' ? info[`${architecture}.context_length`] : undefined;
  const anyLength = Object.keys(info)
    .filter((key) => key.endsWith('.context_length'))
    .map((key) => info[key])
    .find((value) => typeof value === 'number');
  const contextLength = typeof preferred === 'number' ? preferred : (anyLength as number | undefined);
  const template = typeof show.template === 'string' && show.template !== '' ? show.template : undefined;
  const supportsFim = (Array.isArray(show.capabilities) && show.capabilities.includes('insert')) || /\.Suffix\b/.test(template ?? '');
  return { name, contextLength, supportsFim, family: show.details?.family || undefined, template };
}
