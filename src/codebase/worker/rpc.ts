/**
 * A tiny request/response protocol between the extension host and the index worker, over a worker_threads
 * port (or any endpoint with postMessage and 'message' events). It is symmetric: each side serves methods by
 * name and calls the other's, so the worker can also ask the host to run a function it was given (an embed
 * function, say). A call carries a method name and plain-data arguments and settles with a result or an
 * error; the callee may send progress while it works, and the caller may cancel (the callee's AbortSignal
 * fires). New methods need no change here: only a handler on one side and a call on the other.
 */

/** What a port looks like to the protocol: worker_threads' Worker, parentPort and MessagePort all fit. */
export interface Endpoint {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

export type RpcMessage =
  | { rpc: 'call'; id: number; method: string; args: unknown[] }
  | { rpc: 'cancel'; id: number }
  | { rpc: 'progress'; id: number; data: unknown }
  | { rpc: 'result'; id: number; value: unknown }
  | { rpc: 'error'; id: number; message: string; name: string };

export interface CallContext {
  /** Fires when the caller cancels the call (or the peer closes). */
  signal: AbortSignal;
  /** Sends progress to the caller's onProgress. */
  progress(data: unknown): void;
}

export type Handler = (args: unknown[], context: CallContext) => unknown;

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (data: unknown) => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (data: unknown) => void;
  unlisten(): void;
}

/** The error a call rejects with when it was cancelled; `name` is 'AbortError' like fetch's. */
export function abortError(message = 'The operation was cancelled.'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export class RpcPeer {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Calls the other side made that are still running here, to cancel them. */
  private readonly serving = new Map<number, AbortController>();
  private readonly handlers = new Map<string, Handler>();
  private closed: Error | undefined;
  private readonly listener = (message: unknown) => this.receive(message);

  constructor(
    private readonly endpoint: Endpoint,
    handlers: Record<string, Handler> = {},
  ) {
    for (const [name, handler] of Object.entries(handlers)) this.handlers.set(name, handler);
    endpoint.on('message', this.listener);
  }

  /** Serves `method` to the other side (replaces an earlier handler of that name). */
  handle(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  /** Calls the other side's `method`; rejects with its error, or an AbortError when `signal` fires. */
  call<T>(method: string, args: unknown[] = [], options: CallOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(this.closed);
    if (options.signal?.aborted) return Promise.reject(abortError());
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        this.send({ rpc: 'cancel', id });
        this.settle(id)?.reject(abortError());
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress: options.onProgress, unlisten: () => options.signal?.removeEventListener('abort', onAbort) });
      this.send({ rpc: 'call', id, method, args });
    });
  }

  /** Stops listening; calls in flight reject with `reason`, handlers running here see their signal fire. */
  close(reason: Error = new Error('The index worker stopped.')): void {
    if (this.closed) return;
    this.closed = reason;
    this.endpoint.off('message', this.listener);
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(reason);
    for (const abort of this.serving.values()) abort.abort();
    this.serving.clear();
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    p.unlisten();
    return p;
  }

  private send(message: RpcMessage): void {
    if (!this.closed) this.endpoint.postMessage(message);
  }

  private receive(raw: unknown): void {
    if (typeof raw !== 'object' || raw === null || !('rpc' in raw)) return;
    const message = raw as RpcMessage;
    switch (message.rpc) {
      case 'call':
        void this.serve(message.id, message.method, message.args);
        break;
      case 'cancel':
        this.serving.get(message.id)?.abort();
        break;
      case 'progress':
        this.pending.get(message.id)?.onProgress?.(message.data);
        break;
      case 'result':
        this.settle(message.id)?.resolve(message.value);
        break;
      case 'error': {
        const error = new Error(message.message);
        error.name = message.name;
        this.settle(message.id)?.reject(error);
        break;
      }
    }
  }

  private async serve(id: number, method: string, args: unknown[]): Promise<void> {
    const handler = this.handlers.get(method);
    if (!handler) {
      this.send({ rpc: 'error', id, message: `unknown method: ${method}`, name: 'Error' });
      return;
    }
    const abort = new AbortController();
    this.serving.set(id, abort);
    try {
      const value = await handler(args, { signal: abort.signal, progress: (data) => this.send({ rpc: 'progress', id, data }) });
      this.send({ rpc: 'result', id, value });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      this.send({ rpc: 'error', id, message: e.message, name: e.name });
    } finally {
      this.serving.delete(id);
    }
  }
}
