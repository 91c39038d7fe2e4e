/**
 * The public shapes of the fake LLM server. Kept apart from the implementation so tests, the demo and
 * scripts can import the types without pulling in `node:http`.
 */

/** Which API route a request hit; `unknown` for anything the fake does not serve. */
export type Endpoint =
  | 'ollama.generate'
  | 'ollama.chat'
  | 'ollama.show'
  | 'ollama.tags'
  | 'ollama.ps'
  | 'ollama.version'
  | 'ollama.pull'
  | 'ollama.embed'
  | 'openai.models'
  | 'openai.chat'
  | 'openai.completions'
  | 'openai.embeddings'
  | 'llamacpp.infill'
  | 'unknown';

/** Which OpenAI-compatible server the fake passes for (flavors.ts): its routes, model list and error shapes. */
export type ServerFlavor = 'openai' | 'anthropic' | 'gemini' | 'llamacpp' | 'vllm' | 'lmstudio';

/** The endpoints that return vectors (their requests carry code, like generation). */
export const EMBEDDING_ENDPOINTS: readonly Endpoint[] = ['ollama.embed', 'openai.embeddings'];

/** The endpoints that produce model text; queued replies go to these unless told otherwise. */
export const GENERATION_ENDPOINTS: readonly Endpoint[] = ['ollama.generate', 'ollama.chat', 'openai.chat', 'openai.completions', 'llamacpp.infill'];

/** A model the fake serves, on both protocols. */
export interface FakeModel {
  name: string;
  /** Reported as `<family>.context_length` by /api/show and as `context_length` by /v1/models. */
  contextLength?: number;
  /** Fill-in-the-middle support: adds the "insert" capability and a `{{ .Suffix }}` template in /api/show. */
  fim?: boolean;
  /** Ollama's `details.family`; guessed from the name when absent. */
  family?: string;
  sizeBytes?: number;
  /** Ollama's `details.parameter_size`, e.g. "1.5B"; read from the tag when absent. */
  parameterSize?: string;
}

/**
 * How the fake answers one request. Everything is optional: an empty reply is the default answer.
 * For endpoints that do not produce text (tags, show, version, pull) only `status`, `message`,
 * `retryAfterSeconds`, `fault` and the timings apply.
 */
export interface Reply {
  /** The answer's text; streamed in small token-like pieces. */
  text?: string;
  /** The answer's exact stream pieces (wins over `text`). */
  chunks?: string[];
  /** An HTTP error status (400 and up); the body is the protocol's error shape (Ollama `{error}`, OpenAI `{error:{message,type,code}}`). */
  status?: number;
  /** Overrides the error message the fake would write for `status`. */
  message?: string;
  /** Sent as the Retry-After header (seconds). */
  retryAfterSeconds?: number;
  /**
   * `drop`: destroy the socket after `afterChunks` pieces. `malformed`: send a piece that is not valid JSON
   * after `afterChunks` pieces, then end the response. `stall`: send the headers, then nothing until the
   * client goes away.
   */
  fault?: 'drop' | 'malformed' | 'stall';
  /** How many good pieces go out before the fault (default 1). */
  afterChunks?: number;
  /** Delay before the first piece (headers go out at once). */
  firstTokenMs?: number;
  /** Delay between pieces (default 0; 5 ms for `endless`). */
  tokenMs?: number;
  /** A longer pause once, after the first `chunks` pieces (a model that writes a block's first line, then thinks). */
  pauseAfter?: { chunks: number; ms: number };
  /** After the first piece, hold the rest until this settles (a test decides when the answer ends, whatever the machine's load). */
  holdUntil?: Promise<unknown>;
  /** Repeat the text until the client closes the connection, or until ENDLESS_CHUNK_CAP pieces. */
  endless?: boolean;
  /**
   * Byte offsets into a streamed response's body at which the wire writes are cut, independently of the
   * text pieces: a cut may fall inside a UTF-8 character, a `data: ` prefix or a JSON frame, as TCP may
   * cut it. A function gets the body's length in bytes. Offsets outside the body are ignored. Give `tokenMs`
   * (e.g. 1) so the client reads the parts apart; without a pause they reach it as one read. Not combined
   * with faults or `endless`.
   */
  wireSplits?: readonly number[] | ((bodyBytes: number) => readonly number[]);
  /**
   * Answer with an HTTP redirect instead: `status` (301, 302, 303, 307 or 308) and a `Location` header of
   * `location` (absolute, e.g. another fake server's URL, or relative to this one). No body, no model check.
   */
  redirect?: { status: 301 | 302 | 303 | 307 | 308; location: string };
}

/** One request as the fake received it. Mutable fields change while the response is in flight. */
export interface RecordedRequest {
  endpoint: Endpoint;
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string with its `?`, or '' (a same-origin redirect test marks the second hop with one). */
  query: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  rawBody: string;
  /** Date.now() when the request arrived. */
  at: number;
  /** True when the client closed the connection before the response ended (an abort reached the wire). */
  closedByClient: boolean;
  /** True when the response was sent completely. */
  completed: boolean;
}

/** Decides the reply for a request; undefined means "the default reply". May be async. */
export type ReplyHandler = (request: RecordedRequest) => Reply | undefined | Promise<Reply | undefined>;

/** Which requests a queued reply may be used for. */
export type ReplyTarget = Endpoint | readonly Endpoint[];

export interface FakeServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Served on both protocols; defaults to DEFAULT_MODELS. */
  models?: FakeModel[];
  /** When set, every route requires `Authorization: Bearer <apiKey>` and answers 401 otherwise. */
  apiKey?: string;
  /** What /api/version reports. */
  version?: string;
  /** The embedding models served on /api/embed and /v1/embeddings (others get 404); defaults to DEFAULT_EMBEDDING_MODELS. */
  embeddingModels?: readonly string[];
  /** The fallback answer when no queued reply or handler decided (the offline demo sets its own). */
  defaultReply?: ReplyHandler;
  /**
   * The OpenAI-compatible server whose quirks the fake copies (default 'openai'): Anthropic's and Gemini's
   * chat-only routes, Gemini's /v1beta/openai prefix, llama.cpp's /infill, vLLM's refusal of `suffix`.
   */
  flavor?: ServerFlavor;
  /**
   * Share (0..1) of each loaded model that /api/ps reports in GPU memory (`size_vram`); default 0, all on the
   * CPU. A model counts as loaded once it got a generation request (since start or reset), as in Ollama.
   */
  vramShare?: number;
}

export interface FakeServer {
  /** http://127.0.0.1:PORT — the Ollama base URL; the OpenAI base URL is `${url}/v1`. */
  readonly url: string;
  readonly port: number;
  /** Every request so far, oldest first. */
  readonly requests: RecordedRequest[];
  /** Responses currently being written. */
  readonly inFlight: number;
  /** The most responses in flight at once since start or reset. */
  readonly peakInFlight: number;
  /** The models served now (a successful /api/pull adds one). */
  readonly models: readonly FakeModel[];
  /** Sets the handler consulted for every request after the queue (undefined removes it). */
  reply(handler: ReplyHandler | undefined): void;
  /** Queues a reply for the next request to `to` (default: the generation endpoints). */
  replyOnce(reply: Reply, to?: ReplyTarget): void;
  /** Queues replies, in order, for the next generation requests. */
  enqueue(...replies: Reply[]): void;
  /** Forgets requests, queue and handler; restores the models; peakInFlight restarts from inFlight. */
  reset(): void;
  /**
   * Resolves with the predicate's first truthy result, re-checked whenever a request arrives or a response
   * ends. Rejects after `timeoutMs` with a message naming `what`.
   */
  waitFor<T>(predicate: (requests: readonly RecordedRequest[]) => T | undefined | null | false, timeoutMs?: number, what?: string): Promise<T>;
  /** Stops listening and destroys every open connection; resolves when nothing is left running. */
  close(): Promise<void>;
}
