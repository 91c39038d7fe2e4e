/**
 * The one interface every language-model backend implements. Plain data in, plain data out:
 * no `vscode` here, so the CLI, the benchmarks and the tests use exactly what the extension uses.
 */

import type { ProviderKind } from './providers';

/** The provider union lives with the registry (providers.ts): its ids. */
export type { ProviderKind };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A model as the server lists it (`/api/tags`, `/v1/models`). */
export interface ModelSummary {
  name: string;
  sizeBytes?: number;
  family?: string;
  parameterSize?: string;
  quantization?: string;
}

/** A model the server has loaded now (Ollama's /api/ps), and how much of it sits in GPU memory. */
export interface LoadedModel {
  name: string;
  sizeBytes: number;
  /** Bytes of it in GPU memory (Ollama's `size_vram`; 0: all in system memory, on the CPU). */
  vramBytes: number;
}

/** What a model can do, as far as the server tells (`/api/show`; OpenAI-compatible servers mostly say nothing). */
export interface ModelInfo {
  name: string;
  /** Context window in tokens, when the server reports it. */
  contextLength?: number;
  /** True when the server can fill in the middle natively (Ollama `suffix`, `/v1/completions` `suffix`). */
  supportsFim: boolean;
  family?: string;
  /** Ollama's prompt template, when known (lets a caller see which FIM tokens the model was trained on). */
  template?: string;
  /** The server serves chat completions only (Anthropic, Gemini): completions must use the chat prompt. */
  chatOnly?: boolean;
  /**
   * Native FIM goes to llama.cpp's /infill, which takes context files apart from the prefix (`input_extra`):
   * a completion request then carries them in `files`.
   */
  infill?: boolean;
}

/** Cancellation and time limits shared by every call. */
export interface RequestOptions {
  /** Aborting it closes the HTTP connection; the call then rejects with a `cancelled` BackendError. */
  signal?: AbortSignal;
  /**
   * Longest wait for the server to say something: for a plain request the whole call, for a stream the wait
   * before the first chunk and between two chunks (a stalled stream times out; a long healthy one does not).
   */
  timeoutMs?: number;
}

export interface GenerationOptions extends RequestOptions {
  model: string;
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  /**
   * Collects the placeholders redaction puts into this request, with their values (kept in memory, never
   * sent): the caller that applies the answer as an edit restores through it (privacy/redactionLedger.ts).
   */
  redaction?: PlaceholderNotes;
}

/**
 * What a request's ledger offers the redacting backend: a place to note each placeholder it put in, with its
 * value. privacy/redactionLedger.ts implements it; declared here so backends need nothing from privacy/.
 */
export interface PlaceholderNotes {
  note(placeholder: string, value: string): void;
}

/**
 * A completion request. With `suffix` it is a native fill-in-the-middle request (the server inserts the
 * model's FIM tokens); with `raw: true` the prompt is sent as it is (a FIM template built by the caller).
 */
export interface CompletionRequest extends GenerationOptions {
  prompt: string;
  suffix?: string;
  raw?: boolean;
  /** Context from other files, sent apart from the prompt (llama.cpp /infill `input_extra`); only with `suffix`. */
  files?: ReadonlyArray<{ path: string; text: string }>;
}

export interface ChatRequest extends GenerationOptions {
  messages: ChatMessage[];
}

export interface Backend {
  readonly provider: ProviderKind;
  /** The endpoint as the user configured it, for messages ("Ollama is not reachable at …"). */
  readonly baseUrl: string;
  /** Server version when the server tells it (Ollama `/api/version`); undefined for servers that do not. */
  version(options?: RequestOptions): Promise<string | undefined>;
  listModels(options?: RequestOptions): Promise<ModelSummary[]>;
  /** The models the server has loaded now with their GPU share (Ollama's /api/ps); servers that do not say have none. */
  loadedModels?(options?: RequestOptions): Promise<LoadedModel[]>;
  modelInfo(model: string, options?: RequestOptions): Promise<ModelInfo>;
  /** Streams the answer's text as it arrives. Breaking out of the loop aborts the HTTP stream. */
  streamChat(request: ChatRequest): AsyncIterable<string>;
  /** Streams the completion's text as it arrives. Breaking out of the loop aborts the HTTP stream. */
  streamCompletion(request: CompletionRequest): AsyncIterable<string>;
  /**
   * One vector per text, in order (Ollama `/api/embed`, OpenAI-compatible `/v1/embeddings`). The texts are
   * code: the privacy wrappers redact each one and ask for consent like a completion.
   */
  embed(texts: string[], model: string, options?: RequestOptions): Promise<number[][]>;
  /** The JSON body `streamChat(request)` posts, exactly (for "Fathom: Show Last Request"); clients only. */
  chatBody?(request: ChatRequest): unknown;
  /** The JSON body `streamCompletion(request)` posts, exactly; clients only. */
  completionBody?(request: CompletionRequest): unknown;
  /**
   * The full URL `streamCompletion(request)` posts to when it is not the provider's usual endpoint under the
   * base URL (llama.cpp's /infill sits at the server root); clients only.
   */
  completionUrl?(request: CompletionRequest): string | undefined;
}
