/**
 * A Backend that logs every request it passes on: one info line per request with the endpoint, model,
 * time to first chunk, total time, chunk count and outcome. Prompts and answers (the user's code) appear
 * only at trace level; keys never do, since backends keep them out of errors and nothing else is logged.
 */
import type { Logger } from '../logging/logger';
import { isBackendError } from './errors';
import { ForwardingBackend } from './forwarding';
import type { RequestRecord } from './requestRecord';
import type { Backend, ChatRequest, CompletionRequest, LoadedModel, ModelInfo, ModelSummary, ProviderKind, RequestOptions } from './types';

type Operation = 'version' | 'listModels' | 'loadedModels' | 'modelInfo' | 'chat' | 'completion' | 'embed';

/** Which HTTP request each operation makes, as the log names it. */
const ENDPOINTS: Record<ProviderKind, Record<Operation, string>> = {
  ollama: {
    version: 'GET /api/version',
    listModels: 'GET /api/tags',
    loadedModels: 'GET /api/ps',
    modelInfo: 'POST /api/show',
    chat: 'POST /api/chat',
    completion: 'POST /api/generate',
    embed: 'POST /api/embed',
  },
  openai: {
    version: '(no request)',
    listModels: 'GET /models',
    loadedModels: '(no request)',
    modelInfo: 'GET /models',
    chat: 'POST /chat/completions',
    completion: 'POST /completions',
    embed: 'POST /embeddings',
  },
};

/** Longest prompt or answer text written at trace level. */
const MAX_TRACE = 4000;

/** Receives a record of every generation request once it has ended (Show Last Request). */
export type RequestObserver = (record: RequestRecord) => void;

export function withLogging(backend: Backend, logger: Logger, observe?: RequestObserver): Backend {
  return new LoggedBackend(backend, logger, observe);
}

class LoggedBackend extends ForwardingBackend {
  constructor(
    inner: Backend,
    private readonly logger: Logger,
    private readonly observe?: RequestObserver,
  ) {
    super(inner);
  }

  version(options?: RequestOptions): Promise<string | undefined> {
    return this.timed('version', undefined, () => this.inner.version(options));
  }

  listModels(options?: RequestOptions): Promise<ModelSummary[]> {
    return this.timed('listModels', undefined, () => this.inner.listModels(options));
  }

  loadedModels(options?: RequestOptions): Promise<LoadedModel[]> {
    if (!this.inner.loadedModels) return Promise.resolve([]);
    return this.timed('loadedModels', undefined, () => super.loadedModels(options));
  }

  modelInfo(model: string, options?: RequestOptions): Promise<ModelInfo> {
    return this.timed('modelInfo', model, () => this.inner.modelInfo(model, options));
  }

  /** One info line per batch (count and size, never the texts); the texts themselves only at trace level. */
  embed(texts: string[], model: string, options?: RequestOptions): Promise<number[][]> {
    const label = this.label('embed', model);
    this.logger.trace(`${label} input: ${clip(JSON.stringify(texts))}`);
    const chars = texts.reduce((sum, t) => sum + t.length, 0);
    return this.timed('embed', model, () => this.inner.embed(texts, model, options), ` (${texts.length} texts, ${chars} chars)`);
  }

  streamChat(request: ChatRequest): AsyncIterable<string> {
    const label = this.label('chat', request.model);
    this.logger.trace(`${label} messages: ${clip(JSON.stringify(request.messages))}`);
    return this.timedStream(label, () => this.inner.streamChat(request), this.observe && (() => this.record('chat', request.model, this.inner.chatBody?.(request))));
  }

  streamCompletion(request: CompletionRequest): AsyncIterable<string> {
    // llama.cpp's /infill is not under the base URL: the record and the log name where it really went.
    const url = this.inner.completionUrl?.(request);
    const target = url ? { endpoint: `POST ${new URL(url).pathname}`, baseUrl: new URL(url).origin } : undefined;
    const label = target ? `${this.inner.provider} ${target.endpoint} model=${request.model}` : this.label('completion', request.model);
    this.logger.trace(`${label} prompt: ${clip(JSON.stringify(request.prompt))}${request.suffix !== undefined ? ` suffix: ${clip(JSON.stringify(request.suffix))}` : ''}`);
    return this.timedStream(label, () => this.inner.streamCompletion(request), this.observe && (() => ({ ...this.record('completion', request.model, this.inner.completionBody?.(request)), ...target })));
  }

  private record(operation: Operation, model: string, body: unknown): Omit<RequestRecord, 'firstChunkMs' | 'totalMs' | 'chunks' | 'outcome'> {
    return { at: Date.now(), provider: this.inner.provider, endpoint: ENDPOINTS[this.inner.provider][operation], baseUrl: this.inner.baseUrl, model, body };
  }

  private label(operation: Operation, model: string | undefined): string {
    return `${this.inner.provider} ${ENDPOINTS[this.inner.provider][operation]}${model ? ` model=${model}` : ''}`;
  }

  private async timed<T>(operation: Operation, model: string | undefined, run: () => Promise<T>, what = ''): Promise<T> {
    const label = this.label(operation, model) + what;
    const started = performance.now();
    try {
      const result = await run();
      this.logger.info(`${label}: ok in ${elapsed(started)} ms`);
      return result;
    } catch (error) {
      this.logger.info(`${label}: ${failure(error)} after ${elapsed(started)} ms`);
      throw error;
    }
  }

  private async *timedStream(
    label: string,
    open: () => AsyncIterable<string>,
    describe?: () => Omit<RequestRecord, 'firstChunkMs' | 'totalMs' | 'chunks' | 'outcome'>,
  ): AsyncGenerator<string, void, undefined> {
    const sent = describe?.();
    const started = performance.now();
    let firstChunkMs: number | undefined;
    let chunks = 0;
    let answer = '';
    // Stays "closed early" when the consumer stops reading (a newer keystroke, a cancelled chat).
    let outcome = 'closed early';
    try {
      for await (const chunk of open()) {
        firstChunkMs ??= elapsed(started);
        chunks++;
        if (answer.length < MAX_TRACE) answer += chunk;
        yield chunk;
      }
      outcome = 'ok';
    } catch (error) {
      outcome = failure(error);
      throw error;
    } finally {
      const first = firstChunkMs === undefined ? 'no chunk' : `first chunk ${firstChunkMs} ms`;
      this.logger.info(`${label}: ${outcome}, ${first}, ${chunks} chunks, ${elapsed(started)} ms`);
      if (sent) this.observe?.({ ...sent, firstChunkMs, totalMs: elapsed(started), chunks, outcome });
      if (chunks > 0) this.logger.trace(`${label} answer: ${clip(JSON.stringify(answer))}`);
    }
  }
}

function failure(error: unknown): string {
  if (!isBackendError(error)) return 'failed (unexpected error)';
  return `failed (${error.kind}${error.status ? `, HTTP ${error.status}` : ''})`;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function clip(text: string): string {
  return text.length > MAX_TRACE ? `${text.slice(0, MAX_TRACE)}… (${text.length} chars)` : text;
}
