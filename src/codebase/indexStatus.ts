/**
 * What the workspace's codebase index is doing, as plain data for the status bar, the Doctor and the test
 * API: off (and why), waiting to start, building (with progress), ready, or failed; with totals over the
 * workspace's folders. `combineStatus` folds the folders' states into the workspace's.
 */
import type { RootStatus } from './worker/indexService';

export type IndexState = 'off' | 'waiting' | 'building' | 'ready' | 'failed';

/** Why the index is off. */
export type OffReason = 'disabled' | 'untrusted' | 'noFolder';

export interface FolderIndexStatus extends RootStatus {
  /** The folder's name (its paths' prefix when there are several folders). */
  name: string;
  state: Exclude<IndexState, 'off'>;
  progress?: { done: number; total: number };
  error?: string;
}

export interface CodebaseStatus {
  state: IndexState;
  reason?: OffReason;
  error?: string;
  files: number;
  chunks: number;
  /** Every folder has finished a full sync (false while building, and after a cancelled build). */
  complete: boolean;
  /** Files read so far of those the running build must read, over all folders building now. */
  progress?: { done: number; total: number };
  /** The oldest folder's last sync (ms since the epoch). */
  syncedAt?: number;
  /** The snapshots' size on disk, in bytes. */
  snapshotBytes?: number;
  /** Chunks with a vector, over all folders; undefined while embeddings are off. */
  vectors?: number;
  /** Why embedding stopped short in a folder (search is lexical there meanwhile). */
  embedError?: string;
  /** A folder's index database is held by another window: its index is in memory here, not saved. */
  busy?: boolean;
  folders: FolderIndexStatus[];
}

export function offStatus(reason: OffReason): CodebaseStatus {
  return { state: 'off', reason, files: 0, chunks: 0, complete: false, folders: [] };
}

/** The workspace's status: failed if a folder failed, else building if one builds, else waiting or ready. */
export function combineStatus(folders: readonly FolderIndexStatus[]): CodebaseStatus {
  const failed = folders.find((f) => f.state === 'failed');
  const state: IndexState = failed ? 'failed' : folders.some((f) => f.state === 'building') ? 'building' : folders.some((f) => f.state === 'waiting') ? 'waiting' : 'ready';
  const building = folders.filter((f) => f.progress);
  const synced = folders.map((f) => f.syncedAt).filter((t): t is number => t !== undefined);
  const sizes = folders.map((f) => f.snapshotBytes).filter((b): b is number => b !== undefined);
  const vectors = folders.map((f) => f.vectors).filter((v): v is number => v !== undefined);
  const embedError = folders.find((f) => f.embedError)?.embedError;
  return {
    state,
    ...(failed?.error ? { error: failed.error } : {}),
    files: sum(folders.map((f) => f.files)),
    chunks: sum(folders.map((f) => f.chunks)),
    complete: folders.length > 0 && folders.every((f) => f.complete),
    ...(building.length ? { progress: { done: sum(building.map((f) => f.progress!.done)), total: sum(building.map((f) => f.progress!.total)) } } : {}),
    ...(synced.length === folders.length && synced.length ? { syncedAt: Math.min(...synced) } : {}),
    ...(sizes.length ? { snapshotBytes: sum(sizes) } : {}),
    ...(vectors.length ? { vectors: sum(vectors) } : {}),
    ...(embedError ? { embedError } : {}),
    ...(folders.some((f) => f.busy) ? { busy: true } : {}),
    folders: [...folders],
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
