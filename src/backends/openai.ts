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
 * another server, and only when the endpoint rule (local-only mode) allows it. That includes llama.cpp's
 * /infill, the one request the SDK does not make (a plain POST through the same fetch).
 *
 * Servers differ (openaiServers.ts): Anthropic and Gemini serve chat only, so completions use the chat prompt;
 * vLLM refuses `suffix`; llama.cpp fills in the middle on /infill. The kind comes from the base URL or from the
 * first /v1/models answer (modelInfo, which the extension asks before any completion).
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ChatCompletionCreateParamsStreaming, CompletionCreateParamsStreaming } from 'openai/resources';
import type { StopReason } from './deadline';
import { checkedVectors } from './embeddingAnswer';
import { toBackendError } from './errorMapping';
import type { BackendError } from './errors';
import { guardedCall, guardedStream } from './guarded';
import { completionAbilities, infillBody, infillUrl, parseInfillEvent, serverKindFromModels, serverKindFromUrl, serverTraits, sseData, type OpenAIServerKind, type ServerTraits } from './openaiServers';
import { originLockedFetch, type EndpointRule, type Fetch } from './originLockedFetch';
import type { Backend, ChatRequest, CompletionRequest, ModelInfo, ModelSummary, RequestOptions } from './types';

export interface OpenAIBackendOptions {
  /** Including the version path, e.g. https://api.openai.com/v1 or http://localhost:1234/v1. */
  baseUrl: string;
  apiKey?: string;
  /**
   * Whether the server fills in the middle natively for this model. No server says so, so it is off unless
   * configured. Sent as `suffix` on /v1/completions, which Ollama's /v1 accepts for FIM models; vLLM answers
   * 400 "suffix is not currently supported" (so it is never sent there), OpenAI's current models take none,
   * and llama.cpp gets its own /infill instead (docs/servers.md has the sources).
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
  private readonly fetch: Fetch;
  /** Known from the URL, or learned from /v1/models; undefined until then (treated as 'other'). */
  private kind: OpenAIServerKind | undefined;

  constructor(private readonly options: OpenAIBackendOptions) {
    this.baseUrl = options.baseUrl;
    this.kind = serverKindFromUrl(options.baseUrl);
    this.fetch = originLockedFetch({ provider: 'openai', baseUrl: options.baseUrl, rule: options.rule });
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
      fetch: this.fetch,
    });
  }

  /** Which server this is, as far as known (from the URL or the last /v1/models answer). */
  get server(): OpenAIServerKind {
    return this.kind ?? 'other';
  }

  private get traits(): ServerTraits {
    return serverTraits(this.server);
  }

  /** OpenAI-compatible servers have no version endpoint. */
  async version(): Promise<string | undefined> {
    return undefined;
  }

  async listModels(options: RequestOptions = {}): Promise<ModelSummary[]> {
    const entries = await this.listEntries(options);
    return entries.map((entry) => ({ name: this.modelName(entry) }));
  }

  /**
   * There is no standard "show model": the context window comes from /v1/models when the server adds one.
   * A model the list does not name still gets an answer, since some servers (llama.cpp) serve any name;
   * a server without /v1/models gets one too.
   */
  async modelInfo(model: string, options: RequestOptions = {}): Promise<ModelInfo> {
    // A hosted chat-only endpoint reports no context window in its list: nothing to ask.
    if (!this.traits.completions) return { name: model, supportsFim: false, chatOnly: true };
    let entries: Array<Record<string, unknown>>;
    try {
      entries = await this.listEntries(options);
    } catch (error) {
      if ((error as BackendError).status === 404) return { name: model, ...this.fimInfo() };
      throw error;
    }
    const entry = entries.find((e) => this.modelName(e) === model || e.id === model);
    return { name: model, contextLength: entry ? contextLengthOf(entry) : undefined, ...this.fimInfo() };
  }

  /** A listed model's name as requests use it: Gemini lists `models/<name>` and takes the bare name too. */
  private modelName(entry: Record<string, unknown>): string {
    const id = String(entry.id);
    return this.server === 'gemini' ? id.replace(/^models\//, '') : id;
  }

  /** What this server does with a native FIM request: nothing on a chat-only one or vLLM, /infill on llama.cpp. */
  private fimInfo(): Pick<ModelInfo, 'supportsFim' | 'chatOnly' | 'infill'> {
    return completionAbilities(this.server, this.options.fim ?? false);
  }

  chatBody(request: ChatRequest): ChatCompletionCreateParamsStreaming {
    return openAIChatBody(request);
  }

  /** Where a FIM request to llama.cpp goes (/infill, beside /v1); undefined for /v1/completions. */
  completionUrl(request: CompletionRequest): string | undefined {
    return request.suffix !== undefined && this.traits.completions && this.traits.fim === 'infill' ? infillUrl(this.baseUrl) : undefined;
  }

  /** The /v1/completions body, or the /infill body for a FIM request to llama.cpp. */
  completionBody(request: CompletionRequest): object {
    return openAICompletionRequestBody(request, this.server);
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
    const { completions, fim } = this.traits;
    if (!completions) return this.refuseCompletion();
    if (request.suffix !== undefined && fim === 'infill') return this.streamInfill(request);
    return guardedStream(
      request,
      (signal) => this.client.completions.create(openAICompletionBody(request), { signal }),
      (chunk) => chunk.choices[0]?.text,
      (error, stop) => this.failure(error, stop, request.model),
    );
  }

  /**
   * A server without /v1/completions would answer 404, which reads as "model missing": say what is wrong
   * instead, without sending the code anywhere (the prompt stage sends these servers chat requests).
   */
  private refuseCompletion(): AsyncIterable<string> {
    const error = toBackendError(
      new Error(`${this.baseUrl} serves chat completions only (no /v1/completions); completions use the chat prompt there.`),
      { responseStarted: false },
      { provider: 'openai', baseUrl: this.baseUrl, model: undefined, secrets: [this.options.apiKey] },
    );
    return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) };
  }

  /**
   * llama.cpp's native fill-in-the-middle: POST /infill, answered as server-sent events
   * `data: {"content": "…", "stop": false}`, the last with `stop: true`. No SDK speaks it, so it is a plain
   * request through the same origin-locked fetch, under the same deadline and error mapping as the others.
   */
  private streamInfill(request: CompletionRequest): AsyncIterable<string> {
    const body = JSON.stringify(infillBody({ ...request, suffix: request.suffix ?? '' }));
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    let answered: Response | undefined;
    return guardedStream(
      request,
      async (signal) => {
        const response = await this.fetch(infillUrl(this.baseUrl), { method: 'POST', headers, body, signal });
        answered = response;
        if (!response.ok) throw new InfillHttpError(response.status, await errorMessageOf(response), response.headers);
        if (!response.body) throw new Error('the server answered /infill without a body');
        return infillTexts(response.body as unknown as AsyncIterable<Uint8Array>);
      },
      (text) => text,
      (error, stop) => {
        const http = error instanceof InfillHttpError ? error : undefined;
        return toBackendError(
          error,
          {
            stop,
            status: http?.status,
            serverMessage: http?.serverMessage,
            retryAfter: http?.headers.get('retry-after'),
            retryAfterMs: http?.headers.get('retry-after-ms'),
            responseStarted: answered !== undefined,
          },
          { provider: 'openai', baseUrl: this.baseUrl, model: request.model, secrets: [this.options.apiKey] },
        );
      },
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
    const entries = page.data as unknown as Array<Record<string, unknown>>;
    // The URL wins (a proxy in front of a hosted API may list anything); otherwise the list tells.
    if (!serverKindFromUrl(this.baseUrl)) this.kind = serverKindFromModels(entries) ?? 'other';
    return entries;
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

/**
 * The body a completion request posts to this kind of server: the /infill body for a FIM request to llama.cpp,
 * the /v1/completions body otherwise. Exported for the CLI's `prompt` command.
 */
export function openAICompletionRequestBody(request: CompletionRequest, server: OpenAIServerKind): object {
  if (request.suffix !== undefined && serverTraits(server).fim === 'infill') return infillBody({ ...request, suffix: request.suffix });
  return openAICompletionBody(request);
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

/** An /infill answer with an error status, with what the server said. */
class InfillHttpError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string | undefined,
    readonly headers: Headers,
  ) {
    super(serverMessage ?? `${status} status code`);
    this.name = 'InfillHttpError';
  }
}

/** llama.cpp's error body: `{"error": {"code": 501, "message": "…", "type": "not_supported_error"}}`. */
async function errorMessageOf(response: Response): Promise<string | undefined> {
  const text = await response.text().catch(() => '');
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } } | null)?.error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: the text itself, if any.
  }
  return text.trim() || undefined;
}

/** The text pieces of an /infill stream, up to the event with `stop: true`. */
async function* infillTexts(body: AsyncIterable<Uint8Array>): AsyncGenerator<string, void, undefined> {
  for await (const data of sseData(body)) {
    const event = parseInfillEvent(data);
    if (!event) continue;
    if (event.error !== undefined) throw new Error(event.error);
    yield event.content;
    if (event.stop) return;
  }
}
