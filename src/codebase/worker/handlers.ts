/**
 * The methods the index worker serves, by name, over an IndexService: what the host's client
 * (client.ts) calls. `codebase` forwards any method of the root's LocalCodebase (search, definitions,
 * usages, and whatever is added to it later) without a new entry here.
 */
import type { Handler } from './rpc';
import type { IndexService, SyncProgress } from './indexService';

export type IndexMethod = 'open' | 'sync' | 'syncPaths' | 'drop' | 'status' | 'settled' | 'flush' | 'close' | 'codebase';

export function indexHandlers(service: IndexService): Record<IndexMethod, Handler> {
  return {
    open: ([root, storageDir]) => service.open(String(root), typeof storageDir === 'string' ? storageDir : undefined),
    sync: ([root], { signal, progress }) => service.sync(String(root), { signal, onProgress: throttled(progress) }),
    syncPaths: ([root, paths], { signal }) => service.syncPaths(String(root), Array.isArray(paths) ? paths.map(String) : [], signal),
    drop: ([root]) => service.drop(String(root)),
    status: ([root]) => service.status(String(root)),
    settled: ([root]) => service.settled(String(root)),
    flush: () => service.flush(),
    close: ([root]) => service.close(String(root)),
    codebase: ([root, method, args]) => {
      const codebase = service.codebase(String(root));
      const name = String(method);
      // Only the class's own methods, not Object's (constructor, toString, …).
      const own = Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(codebase), name) && name !== 'constructor';
      const fn = own ? (codebase as unknown as Record<string, unknown>)[name] : undefined;
      if (typeof fn !== 'function') throw new Error(`the codebase has no method ${name}`);
      return (fn as (...a: unknown[]) => unknown).apply(codebase, Array.isArray(args) ? args : []);
    },
  };
}

/** Progress at most every PROGRESS_MS, and always the last step: one message per file would flood the host. */
const PROGRESS_MS = 100;

function throttled(send: (p: SyncProgress) => void): (p: SyncProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (p.done < p.total && now - last < PROGRESS_MS) return;
    last = now;
    send(p);
  };
}
