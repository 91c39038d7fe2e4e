/**
 * OpenAI-compatible servers (OpenAI, LM Studio, vLLM, llama.cpp, OpenRouter, Ollama's /v1, …) through the
 * official `openai` package.
 *
 * API key: the SDK refuses to start without one, and left to itself it reads OPENAI_API_KEY (and org and
 * project ids) from the environment and would send them to whatever server is configured. So everything is
 * passed explicitly; without a configured key the client gets a placeholder and the Authorization header
 * is removed, so no request ever carries a made-up or borrowed key. api.openai.com then answers 401, which
 * becomes an `unauthorized` error asking for a key.
 *
 * Every request goes through originLockedFetch: to the configured origin only, never along a redirect to
 * another server, and only when the endpoint rule (local-only mode) allows it.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ChatCompletionCreateParamsStreaming, CompletionCreateParamsStreaming } from 'openai/resources';
import type { StopReason } from './deadline';
import { checkedVectors } from './embeddingAnswer';
import { toBackendError } from './errorMapping';
import type { BackendError } from './errors';
import { guardedCall, guardedStream } from './guarded';
import { originLockedFetch, type EndpointRule } from './originLockedFetch';
import type { Backend, ChatRequest, CompletionRequest, ModelInfo, ModelSummary, RequestOptions } from './types';

export interface OpenAIBackendOptions {
  /** Including the version path, e.g. https://api.openai.com/v1 or http://localhost:1234/v1. */
  baseUrl: string;
  apiKey?: string;
  /**
   * Whether /v1/completions accepts `suffix` for this server and model (vLLM, llama.cpp and Ollama do for FIM
   * models; OpenAI's current models and many servers do not). No server says so, so it is off unless configured.
   */
  fim?: boolean;
  /** Checked before every request (local-only mode). */
  rule?: EndpointRule;
}

/** Never sent: the Authorization header is removed whenever this stands in for a missing key. */
const NO_KEY = 'fathom-no-api-key';

/** Fields some servers add to /v1/models entries for the context window (OpenRouter, vLLM, LM Studio, llama.cpp). */
const CONTEXT_FIELDS = ['context_length', 'max_model_len', 'max_context_length', 'context_window'];

export class OpenAIBackend implements Backend {
  readonly provider = 'openai' as const;
  readonly baseUrl: string;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAIBackendOptions) {
    this.baseUrl = options.baseUrl;
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey || NO_KEY,
      defaultHeaders: options.apiKey ? undefined : { Authorization: null },
      organization: null,
      project: null,
      adminAPIKey: null,
      webhookSecret: null,
      // Rate limits are reported to the user, and a completion must never wait silently on a retry.
      maxRetries: 0,
      // The SDK logs unparsable stream chunks to the console; the failure reaches us as an error anyway.
      logLevel: 'off',
      fetch: originLockedFetch({ provider: 'openai', baseUrl: options.baseUrl, rule: options.rule }),
    });
  }

  /** OpenAI-compatible servers have no version endpoint. */
  async version(): Promise<string | undefined> {
    return undefined;
  }

  async listModels(options: RequestOptions = {}): Promise<ModelSummary[]> {
    const entries = await this.listEntries(options);
    return entries.map((entry) => ({ name: String(entry.id) }));
  }

  /**
   * There is no standard "show model": the context window comes from /v1/models when the server adds one.
   * A model the list does not name still gets an answer, since some servers (llama.cpp) serve any name;
   * a server without /v1/models gets one too.
   */
  async modelInfo(model: string, options: RequestOptions = {}): Promise<ModelInfo> {
    let entries: Array<Record<string, unknown>>;
    try {
      entries = await this.listEntries(options);
    } catch (error) {
      if ((error as BackendError).status === 404) return { name: model, supportsFim: this.options.fim ?? false };
      throw error;
    }
    const entry = entries.find((e) => e.id === model);
    return { name: model, contextLength: entry ? contextLengthOf(entry) : undefined, supportsFim: this.options.fim ?? false };
  }

  chatBody(request: ChatRequest): ChatCompletionCreateParamsStreaming {
    return openAIChatBody(request);
  }

  completionBody(request: CompletionRequest): CompletionCreateParamsStreaming {
    return openAICompletionBody(request);
  }

  streamChat(request: ChatRequest): AsyncIterable<string> {
    return guardedStream(
      request,
      (signal) => this.client.chat.completions.create(this.chatBody(request), { signal }),
      (chunk) => chunk.choices[0]?.delta?.content,
      (error, stop) => this.failure(error, stop, request.model),
    );
  }

  streamCompletion(request: CompletionRequest): AsyncIterable<string> {
    return guardedStream(
      request,
      (signal) => this.client.completions.create(this.completionBody(request), { signal }),
      (chunk) => chunk.choices[0]?.text,
      (error, stop) => this.failure(error, stop, request.model),
    );
  }

  /** POST /v1/embeddings: one vector per input, put back in input order (the answer carries each one's index). */
  async embed(texts: string[], model: string, options: RequestOptions = {}): Promise<number[][]> {
    if (texts.length === 0) return [];
    const answer = await guardedCall(
      options,
      // Floats, not the SDK's default base64: compatible servers (llama.cpp, LM Studio) do not all encode.
      (signal) => this.client.embeddings.create({ model, input: texts, encoding_format: 'float' }, { signal }),
      (error, stop) => this.failure(error, stop, model),
    );
    const ordered = [...(answer.data ?? [])].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    return checkedVectors(ordered, texts.length, () => this.failure(new Error('the server sent a different number of embeddings than texts'), undefined, model));
  }

  private async listEntries(options: RequestOptions): Promise<Array<Record<string, unknown>>> {
    const page = await guardedCall(
      options,
      (signal) => this.client.models.list({ signal }),
      (error, stop) => this.failure(error, stop, undefined),
    );
    return page.data as unknown as Array<Record<string, unknown>>;
  }

  private failure(error: unknown, stop: StopReason | undefined, model: string | undefined): BackendError {
    const api = error instanceof APIError ? error : undefined;
    const body = api?.error as { message?: unknown } | undefined;
    return toBackendError(
      error,
      {
        // The SDK's own 10-minute limit; ours is normally shorter and fires first.
        stop: stop ?? (error instanceof APIConnectionTimeoutError ? 'timeout' : undefined),
        status: api?.status,
        serverMessage: typeof body?.message === 'string' ? body.message : undefined,
        retryAfter: api?.headers?.get('retry-after'),
        retryAfterMs: api?.headers?.get('retry-after-ms'),
        // APIConnectionError means no answer arrived; anything else failed after the answer began.
        responseStarted: !(error instanceof APIConnectionError),
      },
      { provider: 'openai', baseUrl: this.baseUrl, model, secrets: [this.options.apiKey] },
    );
  }
}

/**
 * The /v1/chat/completions body, exactly as the SDK posts it. Exported so the CLI's `prompt` command prints
 * the very body a completion sends.
 */
export function openAIChatBody(request: ChatRequest): ChatCompletionCreateParamsStreaming {
  return {
    model: request.model,
    messages: request.messages,
    stream: true,
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    // max_tokens rather than max_completion_tokens: the compatible servers know the older name.
    ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
    ...(request.stop && request.stop.length > 0 && { stop: request.stop }),
  };
}

/** The /v1/completions body. `raw` needs no flag here: /v1/completions always takes the prompt as it is. */
export function openAICompletionBody(request: CompletionRequest): CompletionCreateParamsStreaming {
  return {
    model: request.model,
    prompt: request.prompt,
    ...(request.suffix !== undefined && { suffix: request.suffix }),
    stream: true,
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
    ...(request.stop && request.stop.length > 0 && { stop: request.stop }),
  };
}

function contextLengthOf(entry: Record<string, unknown>): number | undefined {
  for (const field of CONTEXT_FIELDS) {
    const value = entry[field];
    if (typeof value === 'number' && value > 0) return value;
  }
  // llama.cpp: { meta: { n_ctx_train } }
  const trained = (entry.meta as { n_ctx_train?: unknown } | undefined)?.n_ctx_train;
  return typeof trained === 'number' && trained > 0 ? trained : undefined;
}
