/**
 * A local HTTP server that speaks Ollama's and OpenAI's real wire protocols, so the real SDKs can be tested
 * against it: scripted replies, faults, timings, and a record of every request and how its connection ended.
 * Node built-ins only, so it runs in plain Node, in the VS Code extension host and in the demo.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { chunkText } from './chunk-text';
import { defaultReply } from './default-reply';
import { DEFAULT_MODELS, findModel, ollamaPsEntry, ollamaShow, ollamaTagsEntry, openAIModelEntry } from './models';
import {
  ollamaChatStream,
  ollamaChatWhole,
  ollamaErrorMessage,
  ollamaGenerateStream,
  ollamaGenerateWhole,
  ollamaPullLines,
  ollamaPullStream,
  ollamaShowMissing,
} from './ollama-protocol';
import { openAIChatStream, openAIChatWhole, openAICompletionStream, openAICompletionWhole, openAIError } from './openai-protocol';
import { DEFAULT_EMBEDDING_MODELS, embedInputs, fakeEmbedding, ollamaEmbedBody, openAIEmbeddingsBody } from './embedding';
import { endpointOf, protocolOf, type Protocol } from './routes';
import { flavorErrorBody, llamacppInfillStream, llamacppInfillWhole, modelsBody, refusal, requestedModel } from './flavors';
import { sendError, sendJson, sendRedirect, sendStream, type Wire } from './send';
import type { StreamPlan, WholePlan } from './stream-plan';
import {
  GENERATION_ENDPOINTS,
  type Endpoint,
  type FakeModel,
  type FakeServer,
  type FakeServerOptions,
  type RecordedRequest,
  type Reply,
  type ReplyHandler,
  type ReplyTarget,
  type ServerFlavor,
} from './types';

export const DEFAULT_OLLAMA_VERSION = '0.12.6';

/** Starts the fake on 127.0.0.1 and resolves once it listens. */
export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const server = new FakeLlmServer(options);
  await server.listen(options.port ?? 0);
  return server;
}

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

class FakeLlmServer implements FakeServer {
  readonly requests: RecordedRequest[] = [];
  port = 0;
  private readonly http: Server;
  private readonly initialModels: FakeModel[];
  private modelList: FakeModel[];
  private queue: Array<{ reply: Reply; to: readonly Endpoint[] }> = [];
  private handler: ReplyHandler | undefined;
  private readonly waiters = new Set<Waiter>();
  private active = 0;
  private peak = 0;
  private closing = false;

  constructor(private readonly options: FakeServerOptions) {
    this.initialModels = [...(options.models ?? DEFAULT_MODELS)];
    this.modelList = [...this.initialModels];
    this.http = createServer((req, res) => this.accept(req, res));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get inFlight(): number {
    return this.active;
  }
  get peakInFlight(): number {
    return this.peak;
  }
  get models(): readonly FakeModel[] {
    return this.modelList;
  }

  private get flavor(): ServerFlavor {
    return this.options.flavor ?? 'openai';
  }

  /** The error body for a status, in the shape of the protocol and, for OpenAI-compatible routes, of the server passed for. */
  private errorBody(protocol: Protocol, status: number, model: string, sentKey: string | undefined, message?: string): unknown {
    return protocol === 'openai' ? flavorErrorBody(this.flavor, status, model, sentKey, message) : errorBody(protocol, status, model, sentKey, message);
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, '127.0.0.1', () => {
        this.http.off('error', reject);
        const address = this.http.address();
        this.port = typeof address === 'object' && address ? address.port : port;
        resolve();
      });
    });
  }

  reply(handler: ReplyHandler | undefined): void {
    this.handler = handler;
  }

  replyOnce(reply: Reply, to: ReplyTarget = GENERATION_ENDPOINTS): void {
    this.queue.push({ reply, to: typeof to === 'string' ? [to] : to });
  }

  enqueue(...replies: Reply[]): void {
    for (const reply of replies) this.replyOnce(reply);
  }

  reset(): void {
    this.requests.length = 0;
    this.queue = [];
    this.handler = undefined;
    this.modelList = [...this.initialModels];
    this.peak = this.active;
  }

  waitFor<T>(predicate: (requests: readonly RecordedRequest[]) => T | undefined | null | false, timeoutMs = 5000, what = 'a condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          let result: T | undefined | null | false;
          try {
            result = predicate(this.requests);
          } catch (error) {
            done();
            reject(error);
            return;
          }
          if (result) {
            done();
            resolve(result);
          }
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; requests so far: ${this.describeRequests()}`)), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const waiter of [...this.waiters]) waiter.fail(new Error('The fake server was closed while a test was still waiting on it'));
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private describeRequests(): string {
    if (this.requests.length === 0) return 'none';
    return this.requests
      .slice(-8)
      .map((r) => `${r.endpoint} (${r.completed ? 'completed' : r.closedByClient ? 'closed by client' : 'open'})`)
      .join(', ');
  }

  /** Re-checks every waiter; called whenever a request arrives or a response ends. */
  private changed(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  private accept(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.respond(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        // A bug in the fake must show up in the test, not hang it.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(`fake server error: ${String(error)}`);
        else res.destroy();
      });
    });
  }

  private record(req: IncomingMessage, rawBody: string): RecordedRequest {
    const { pathname: path, search: query } = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: unknown;
    try {
      body = rawBody === '' ? undefined : JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    return { endpoint: endpointOf(method, path, this.flavor), method, path, query, headers, body, rawBody, at: Date.now(), closedByClient: false, completed: false };
  }

  /** Counts the response as in flight and notes how its connection ends. */
  private wire(record: RecordedRequest, res: ServerResponse): Wire {
    const closed = new AbortController();
    let dropped = false;
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    res.on('error', () => {});
    res.on('finish', () => {
      record.completed = true;
    });
    res.on('close', () => {
      this.active--;
      if (!res.writableFinished && !dropped && !this.closing) record.closedByClient = true;
      closed.abort();
      this.changed();
    });
    return {
      res,
      closed: closed.signal,
      drop: () => {
        dropped = true;
        res.socket?.destroy();
      },
    };
  }

  /** The models that got an Ollama generation request since start or reset: what /api/ps lists, first loaded first. */
  private loadedModels(): FakeModel[] {
    const names = new Set(this.requests.filter((r) => r.endpoint === 'ollama.generate' || r.endpoint === 'ollama.chat').map((r) => String((r.body as { model?: unknown } | undefined)?.model ?? '')));
    return [...names].flatMap((name) => findModel(this.modelList, name) ?? []);
  }

  private takeQueued(endpoint: Endpoint): Reply | undefined {
    const index = this.queue.findIndex((q) => q.to.includes(endpoint));
    return index < 0 ? undefined : this.queue.splice(index, 1)[0].reply;
  }

  private async respond(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
    const record = this.record(req, rawBody);
    this.requests.push(record);
    const wire = this.wire(record, res);
    this.changed();

    const protocol = protocolOf(record.endpoint, record.path);
    const body = (record.body && typeof record.body === 'object' ? record.body : {}) as Record<string, unknown>;
    const model = requestedModel(this.flavor, String(body.model ?? body.name ?? ''));
    const auth = record.headers.authorization;
    const sentKey = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;

    // An auth proxy answers before the server sees the request, so a 401 consumes no scripted reply.
    if (this.options.apiKey !== undefined && sentKey !== this.options.apiKey) {
      return sendError(wire, {}, 401, this.errorBody(protocol, 401, model, sentKey));
    }
    const scripted = this.takeQueued(record.endpoint) ?? (await this.handler?.(record));
    if (wire.closed.aborted) return;
    if (scripted?.redirect) return sendRedirect(wire, scripted.redirect.status, scripted.redirect.location);
    if (scripted?.status !== undefined && scripted.status >= 400) {
      return sendError(wire, scripted, scripted.status, this.errorBody(protocol, scripted.status, model, sentKey, scripted.message));
    }
    const refused = scripted ? undefined : refusal(this.flavor, record.endpoint, body);
    if (refused) return sendError(wire, {}, refused.status, this.errorBody(protocol, refused.status, model, sentKey, refused.message));
    return this.serve(record, wire, body, model, scripted);
  }

  private async serve(record: RecordedRequest, wire: Wire, body: Record<string, unknown>, model: string, scripted: Reply | undefined): Promise<void> {
    const reply = scripted ?? {};
    switch (record.endpoint) {
      case 'ollama.version':
        return sendJson(wire, reply, { version: this.options.version ?? DEFAULT_OLLAMA_VERSION }, '{"version":');
      case 'ollama.tags':
        return sendJson(wire, reply, { models: this.modelList.map(ollamaTagsEntry) }, '{"models":[');
      case 'ollama.ps':
        return sendJson(wire, reply, { models: this.loadedModels().map((m) => ollamaPsEntry(m, this.options.vramShare ?? 0)) }, '{"models":[');
      case 'ollama.show': {
        const found = findModel(this.modelList, model);
        if (!found) return sendError(wire, reply, 404, { error: ollamaShowMissing(model) });
        return sendJson(wire, reply, ollamaShow(found), '{"license":');
      }
      case 'ollama.pull':
        return this.pull(wire, reply, body, model);
      case 'openai.models':
        return sendJson(wire, reply, modelsBody(this.flavor, this.modelList, openAIModelEntry), '{"object":"list","data":[');
      case 'ollama.embed':
      case 'openai.embeddings':
        return this.embed(record, wire, body, model, reply);
      case 'ollama.generate':
      case 'ollama.chat':
      case 'openai.chat':
      case 'openai.completions':
      case 'llamacpp.infill':
        return this.generate(record, wire, body, model, scripted);
      case 'unknown':
        return this.notFound(record, wire);
    }
  }

  private async generate(record: RecordedRequest, wire: Wire, body: Record<string, unknown>, model: string, scripted: Reply | undefined): Promise<void> {
    const protocol = protocolOf(record.endpoint, record.path);
    // Scripted replies win over the model check, so a test can make any model answer anything. llama.cpp's
    // /infill serves its one model whatever name the request gives.
    if (!scripted && record.endpoint !== 'llamacpp.infill' && !findModel(this.modelList, model)) return sendError(wire, {}, 404, this.errorBody(protocol, 404, model, undefined));
    if (!scripted && isOllamaLoadRequest(record.endpoint, body)) {
      // An empty prompt only loads the model (clients use it to warm up); Ollama answers with one object.
      return sendJson(wire, {}, { model, created_at: '2025-01-15T10:00:00Z', response: '', done: true, done_reason: 'load' }, '{');
    }
    const fallback = (await (this.options.defaultReply ?? defaultReply)(record)) ?? defaultReply(record);
    const reply: Reply = { ...fallback, ...scripted };
    const pieces = reply.chunks ?? chunkText(reply.text ?? '');
    const id = `${record.endpoint === 'openai.chat' ? 'chatcmpl' : 'cmpl'}-fake${this.requests.indexOf(record) + 1}`;
    // Ollama streams unless told not to; OpenAI answers whole unless asked to stream.
    const streaming = protocol === 'ollama' ? body.stream !== false : body.stream === true;
    if (streaming) return sendStream(wire, reply, streamPlan(record.endpoint, model, body, id), pieces);
    const whole = wholePlan(record.endpoint, model, body, id);
    return sendJson(wire, reply, whole.body(pieces.join(''), pieces.length), whole.malformed);
  }

  /** /api/embed and /v1/embeddings: the fake model's vectors (embedding.ts), for the embedding models only. */
  private embed(record: RecordedRequest, wire: Wire, body: Record<string, unknown>, model: string, reply: Reply): Promise<void> {
    const protocol = protocolOf(record.endpoint, record.path);
    const served = this.options.embeddingModels ?? DEFAULT_EMBEDDING_MODELS;
    if (!findModel(served.map((name) => ({ name })), model)) return sendError(wire, {}, 404, this.errorBody(protocol, 404, model, undefined));
    const texts = embedInputs(body.input);
    if (!texts) return sendError(wire, {}, 400, this.errorBody(protocol, 400, model, undefined, 'invalid input type'));
    const vectors = texts.map((text) => fakeEmbedding(text));
    const answer = protocol === 'ollama' ? ollamaEmbedBody(model, vectors) : openAIEmbeddingsBody(model, vectors, body.encoding_format, texts.join('').length);
    return sendJson(wire, reply, answer, protocol === 'ollama' ? '{"model":' : '{"object":"list","data":[');
  }

  private async pull(wire: Wire, reply: Reply, body: Record<string, unknown>, name: string): Promise<void> {
    const model = findModel(this.modelList, name) ?? { name: name.includes(':') ? name : `${name}:latest` };
    if (body.stream === false) await sendJson(wire, reply, { status: 'success' }, '{"status":');
    else await sendStream(wire, { ...reply, endless: false }, ollamaPullStream(), ollamaPullLines(model));
    // Like the real thing, a finished pull makes the model available.
    if (wire.res.writableFinished && !reply.fault && !findModel(this.modelList, model.name)) this.modelList.push(model);
  }

  private notFound(record: RecordedRequest, wire: Wire): Promise<void> {
    if (record.method === 'GET' && record.path === '/') {
      wire.res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Ollama is running');
      return Promise.resolve();
    }
    if (protocolOf(record.endpoint, record.path) === 'openai') {
      return sendError(wire, {}, 404, this.errorBody('openai', 404, '', undefined, `Invalid URL (${record.method} ${record.path})`));
    }
    // Ollama's router (gin) answers unknown paths in plain text.
    wire.res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
    return Promise.resolve();
  }
}

function isOllamaLoadRequest(endpoint: Endpoint, body: Record<string, unknown>): boolean {
  if (endpoint === 'ollama.generate') return (body.prompt === undefined || body.prompt === '') && body.suffix === undefined;
  if (endpoint === 'ollama.chat') return !Array.isArray(body.messages) || body.messages.length === 0;
  return false;
}

function errorBody(protocol: Protocol, status: number, model: string, sentKey: string | undefined, message?: string): unknown {
  return protocol === 'openai' ? openAIError(status, model, sentKey, message) : { error: message ?? ollamaErrorMessage(status, model, sentKey) };
}

function streamPlan(endpoint: Endpoint, model: string, body: Record<string, unknown>, id: string): StreamPlan {
  if (endpoint === 'llamacpp.infill') return llamacppInfillStream(body);
  if (endpoint === 'ollama.generate') return ollamaGenerateStream(model, body);
  if (endpoint === 'ollama.chat') return ollamaChatStream(model, body);
  if (endpoint === 'openai.chat') return openAIChatStream(model, body, id);
  return openAICompletionStream(model, body, id);
}

function wholePlan(endpoint: Endpoint, model: string, body: Record<string, unknown>, id: string): WholePlan {
  if (endpoint === 'llamacpp.infill') return llamacppInfillWhole(body);
  if (endpoint === 'ollama.generate') return ollamaGenerateWhole(model, body);
  if (endpoint === 'ollama.chat') return ollamaChatWhole(model, body);
  if (endpoint === 'openai.chat') return openAIChatWhole(model, body, id);
  return openAICompletionWhole(model, body, id);
}
