/**
 * A Backend that streams a given text instead of asking a model: what the `replay` command and the
 * benchmarks use to run the real completion pipeline on recorded model output, with no server. It
 * streams in the small pieces a model sends, honours the abort signal like the real backends (rejecting
 * with a `cancelled` BackendError), and records whether the reader stopped before the end, so a test can
 * tell that the pipeline stopped reading early.
 */
import { BackendError } from './errors';
import type { Backend, ChatRequest, CompletionRequest, ModelInfo, ModelSummary, ProviderKind, RequestOptions } from './types';

/** Splits text like a code model's tokens: whitespace runs, word pieces of at most four characters, single marks. */
export function chunkLikeTokens(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}_]{1,4}|[^\s\p{L}\p{N}_]/gu) ?? [];
}

export interface ScriptedBackendOptions {
  /** The provider it speaks for in errors (default 'ollama'). */
  provider?: ProviderKind;
  /** How the text is cut into streamed chunks (default: token-like pieces). */
  chunk?: (text: string) => string[];
  /** Wait before each chunk, in milliseconds (default 0: as fast as the reader reads). */
  chunkDelayMs?: number;
  /** What modelInfo reports; FIM support by default. */
  info?: Partial<ModelInfo>;
}

export interface ScriptedStream {
  request: CompletionRequest | ChatRequest;
  /** Chunks handed to the reader. */
  sent: number;
  /** Chunks in the script. */
  total: number;
  /** The reader stopped (or aborted) before the last chunk. */
  stoppedEarly: boolean;
}

export class ScriptedBackend implements Backend {
  readonly provider: ProviderKind;
  readonly baseUrl = 'scripted:';
  /** Every stream opened, in order. */
  readonly streams: ScriptedStream[] = [];
  private script: string;

  constructor(
    script: string,
    private readonly options: ScriptedBackendOptions = {},
  ) {
    this.script = script;
    this.provider = options.provider ?? 'ollama';
  }

  /** What the next streams send. */
  setScript(text: string): void {
    this.script = text;
  }

  async version(): Promise<string | undefined> {
    return undefined;
  }

  async listModels(): Promise<ModelSummary[]> {
    return [{ name: this.options.info?.name ?? 'scripted' }];
  }

  async modelInfo(model: string, _options?: RequestOptions): Promise<ModelInfo> {
    return { name: model, supportsFim: true, ...this.options.info };
  }

  streamChat(request: ChatRequest): AsyncIterable<string> {
    return this.stream(request);
  }

  /** A script is text, not vectors: like a server without the model, it has no embeddings to give. */
  async embed(_texts: string[], model: string): Promise<number[][]> {
    throw new BackendError('modelMissing', { provider: this.provider, baseUrl: this.baseUrl, model, detail: 'a scripted backend serves no embedding model' });
  }

  streamCompletion(request: CompletionRequest): AsyncIterable<string> {
    return this.stream(request);
  }

  private async *stream(request: CompletionRequest | ChatRequest): AsyncGenerator<string> {
    const chunks = (this.options.chunk ?? chunkLikeTokens)(this.script);
    const record: ScriptedStream = { request, sent: 0, total: chunks.length, stoppedEarly: true };
    this.streams.push(record);
    const cancelled = () => new BackendError('cancelled', { provider: this.provider, baseUrl: this.baseUrl, model: request.model });
    for (const chunk of chunks) {
      if (this.options.chunkDelayMs) await delay(this.options.chunkDelayMs, request.signal);
      if (request.signal?.aborted) throw cancelled();
      record.sent++;
      yield chunk;
    }
    // Not reached when the reader leaves the loop early: the generator is closed at its last `yield`.
    record.stoppedEarly = false;
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
