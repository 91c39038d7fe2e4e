/**
 * The host's side of the index worker: starts the worker (main.ts, bundled as dist/codebaseWorker.js) and
 * calls its methods (handlers.ts) through rpc.ts, with progress and cancellation. Free of `vscode`, so the
 * unit tests drive the real worker through it. Host functions the worker may call (an embed function, for
 * one) are offered with `provide`. When the worker dies, calls in flight reject and later calls fail fast.
 */
import { Worker } from 'node:worker_threads';
import type { Codebase, CodebaseHit } from '../codebase';
import type { IndexWorkerData } from './main';
import type { IndexMethod } from './handlers';
import { RpcPeer, type CallOptions } from './rpc';
import type { RootStatus, SyncOutcome, SyncProgress } from './indexService';

/** How long stopping waits for the worker to write its pending snapshots. */
const FLUSH_TIMEOUT_MS = 5_000;

export class IndexWorkerClient {
  private readonly peer: RpcPeer;
  private stopped = false;
  private exited = false;

  constructor(private readonly worker: Worker) {
    this.peer = new RpcPeer(worker);
    worker.on('error', (error) => this.peer.close(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => {
      this.exited = true;
      this.peer.close(new Error(`The index worker stopped (exit code ${code}).`));
    });
  }

  /** False once the worker has ended (stopped, or crashed: out of memory, say). */
  get alive(): boolean {
    return !this.exited && !this.stopped;
  }

  /** Starts the bundled worker script. */
  static start(script: string, data: IndexWorkerData): IndexWorkerClient {
    return new IndexWorkerClient(new Worker(script, { workerData: data }));
  }

  /** Lets the worker call `fn` on the host by `name` (its arguments and result are plain data). */
  provide(name: string, fn: (args: unknown[], signal: AbortSignal) => unknown): void {
    this.peer.handle(name, (args, context) => fn(args, context.signal));
  }

  open(root: string, storageDir?: string): Promise<RootStatus> {
    return this.call('open', [root, storageDir]);
  }

  /** Vector search with this embedding model (`provider:model`; the host must `provide('embed', …)`), or off. */
  setEmbeddings(modelKey: string | undefined): Promise<void> {
    return this.call('setEmbeddings', [modelKey ?? '']);
  }

  sync(root: string, options: { signal?: AbortSignal; onProgress?: (p: SyncProgress) => void } = {}): Promise<SyncOutcome> {
    return this.call('sync', [root], { signal: options.signal, onProgress: options.onProgress as (data: unknown) => void });
  }

  syncPaths(root: string, paths: readonly string[], signal?: AbortSignal): Promise<SyncOutcome> {
    return this.call('syncPaths', [root, paths], { signal });
  }

  drop(root: string): Promise<RootStatus> {
    return this.call('drop', [root]);
  }

  status(root: string): Promise<RootStatus> {
    return this.call('status', [root]);
  }

  /** The status once the work queued for the root is done (a cancelled build has stopped and saved). */
  settled(root: string): Promise<RootStatus> {
    return this.call('settled', [root]);
  }

  flush(): Promise<void> {
    return this.call('flush', []);
  }

  close(root: string): Promise<void> {
    return this.call('close', [root]);
  }

  /** The root's index as a Codebase whose calls run in the worker. */
  codebase(root: string): RemoteCodebase {
    return new RemoteCodebase((method, args) => this.call('codebase', [root, method, args]));
  }

  /** Writes pending snapshots (waiting a few seconds at most), then ends the worker. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, FLUSH_TIMEOUT_MS)));
    await Promise.race([this.flush().catch(() => undefined), timeout]);
    clearTimeout(timer);
    this.peer.close();
    await this.worker.terminate();
  }

  private call<T>(method: IndexMethod, args: unknown[], options?: CallOptions): Promise<T> {
    return this.peer.call<T>(method, args, options);
  }
}

/** A Codebase answered by the worker; `call` reaches any LocalCodebase method by name. */
export class RemoteCodebase implements Codebase {
  constructor(readonly call: <T>(method: string, args: unknown[]) => Promise<T>) {}

  search(query: string, top: number): Promise<CodebaseHit[]> {
    return this.call('search', [query, top]);
  }

  definitions(name: string, top: number): Promise<CodebaseHit[]> {
    return this.call('definitions', [name, top]);
  }

  usages(name: string, top: number, exceptPath?: string): Promise<CodebaseHit[]> {
    return this.call('usages', [name, top, exceptPath]);
  }

  unknownNames(names: readonly string[]): Promise<string[]> {
    return this.call('unknownNames', [names]);
  }
}
