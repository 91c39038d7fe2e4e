/**
 * The index worker's core, free of `vscode` and of worker_threads (so it runs the same in a plain Node
 * test): one CodebaseIndex per workspace root, loaded from its snapshot, brought up to date by a full sync
 * (syncIndex) or for a few paths (syncPaths), searched through LocalCodebase, and saved back. Changes to one
 * root run one at a time; searches answer at once from whatever is indexed so far. A full sync saves when it
 * ends, even cancelled (what was built is kept and the next sync resumes from it); path syncs save a little
 * later, batched, so a burst of saves writes the snapshot once. A large root's index lives in a database file
 * instead (sqlite/diskTier.ts): every SQLite call stays in this thread, saving it is a commit, and a second
 * window on the same root, finding the database held, gets an index in memory that is not saved.
 */
import { rm, stat } from 'node:fs/promises';
import { CodebaseIndex } from '../codebaseIndex';
import { snapshotPath } from '../indexStore';
import { databasePath, diskTier, DISK_INDEX_FROM_FILES, openRootIndex, saveRootIndex, type OpenedIndex } from '../sqlite/diskTier';
import { removeDatabase } from '../sqlite/indexDatabase';
import { LocalCodebase } from '../localCodebase';
import type { Parsers } from '../../syntax/parsers';
import type { StartChunkWorker } from '../chunkPool';
import { syncIndex, type SyncStats } from '../syncIndex';
import { syncPaths } from '../syncPaths';
import type { Embedder } from '../vectors/embedder';
import { refreshVectors } from '../vectors/refreshVectors';
import type { VectorStore } from '../vectors/vectorStore';

/** What the host is told about a root's index. */
export interface RootStatus {
  root: string;
  files: number;
  chunks: number;
  /** The index was read from a snapshot when the root was opened. */
  fromSnapshot: boolean;
  /** A full sync has finished (not cancelled) since the root was opened or its index dropped. */
  complete: boolean;
  /** When the index was last brought up to date (ms since the epoch); undefined before any sync or snapshot. */
  syncedAt?: number;
  /** Size of the snapshot on disk, in bytes; undefined when there is none. */
  snapshotBytes?: number;
  /** Chunks with a vector of the configured embedding model; undefined while embeddings are off. */
  vectors?: number;
  /** Why the last embedding run stopped short (the server down, the model missing); search stays lexical meanwhile. */
  embedError?: string;
  /** The index lives in a database file (a large tree), not in memory. */
  onDisk?: boolean;
  /**
   * Another process (a second window on the same root) holds the root's index database: this index is built
   * in memory and not saved.
   */
  busy?: boolean;
}

export interface SyncOutcome {
  status: RootStatus;
  /** `full`: a path sync that had to sync the whole root (a folder or an ignore file changed). */
  stats: SyncStats & { full?: boolean };
  cancelled: boolean;
}

export interface SyncProgress {
  done: number;
  total: number;
}

interface RootState {
  root: string;
  storageDir: string | undefined;
  index: CodebaseIndex;
  codebase: LocalCodebase;
  fromSnapshot: boolean;
  complete: boolean;
  syncedAt?: number;
  snapshotBytes?: number;
  vectors?: VectorStore;
  embedError?: string;
  /** Where the index may move as it grows or shrinks (undefined without storage, or while busy). */
  tier?: OpenedIndex['tier'];
  busy: boolean;
  /** The running embedding pass, stopped when a sync or a model change comes. */
  embedding?: AbortController;
  /** The last change queued for this root: the next one starts after it. */
  queue: Promise<unknown>;
  saveTimer?: ReturnType<typeof setTimeout>;
}

export interface IndexServiceOptions {
  /** How long after a path sync the snapshot is written (later syncs in between push it back). */
  saveDelayMs?: number;
  now?: () => number;
  /** Embeds texts with the embeddings role's model (the host runs it: it holds the key and the consent). */
  embed?: Embedder;
  /** From how many files a root's index lives on disk (default DISK_INDEX_FROM_FILES). */
  diskIndexFromFiles?: number;
  /** Starts a chunk worker for a large sync (chunkPool.ts); without it every file is chunked in this thread. */
  startChunkWorker?: StartChunkWorker;
}

const DEFAULT_SAVE_DELAY_MS = 5_000;

export class IndexService {
  private readonly roots = new Map<string, RootState>();
  private readonly saveDelayMs: number;
  private readonly now: () => number;
  /** The embedding model vectors are made with (`provider:model`); undefined while embeddings are off. */
  private modelKey: string | undefined;

  constructor(
    private readonly parsers: Parsers,
    private readonly options: IndexServiceOptions = {},
  ) {
    this.saveDelayMs = options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS;
    this.now = options.now ?? Date.now;
  }

  /** Starts serving `root`: from its snapshot in `storageDir` when there is a usable one, else empty. */
  async open(root: string, storageDir?: string): Promise<RootStatus> {
    const known = this.roots.get(root);
    if (known) return this.describe(known);
    const { index, fromSnapshot, busy, tier } = await openRootIndex(root, storageDir, { fromFiles: this.options.diskIndexFromFiles });
    const saved = fromSnapshot && storageDir ? await stat(index.diskFile ?? snapshotPath(storageDir, root)).catch(() => undefined) : undefined;
    const state: RootState = {
      root,
      // A busy root's index is not saved: the database belongs to the other window.
      storageDir: busy ? undefined : storageDir,
      index,
      codebase: this.codebaseOf(root, index),
      fromSnapshot,
      complete: false,
      syncedAt: saved?.mtimeMs,
      snapshotBytes: saved?.size,
      tier,
      busy,
      queue: Promise.resolve(),
    };
    this.roots.set(root, state);
    if (fromSnapshot) warmSoon(index);
    return this.describe(state);
  }

  /**
   * Turns vector search on with `modelKey`'s vectors (made now for every open root, in the background), or
   * off (undefined). Vectors of another model are never mixed in: each model has its own file.
   */
  setEmbeddings(modelKey: string | undefined): void {
    if (modelKey === this.modelKey) return;
    this.modelKey = this.options.embed ? modelKey : undefined;
    for (const state of this.roots.values()) {
      state.embedding?.abort();
      state.vectors = undefined;
      state.embedError = undefined;
      this.embedSoon(state);
    }
  }

  /** Walks the whole root and re-indexes what changed; cancelled, it keeps (and saves) what it did. */
  sync(root: string, options: { signal?: AbortSignal; onProgress?: (p: SyncProgress) => void } = {}): Promise<SyncOutcome> {
    this.roots.get(root)?.embedding?.abort();
    return this.exclusive(root, async (state) => {
      const stats = await syncIndex(root, state.index, this.parsers, { signal: options.signal, onProgress: (done, total) => options.onProgress?.({ done, total }), startChunkWorker: this.options.startChunkWorker });
      if (state.tier?.busy) this.markBusy(state);
      const cancelled = options.signal?.aborted === true;
      if (!cancelled) state.complete = true;
      state.syncedAt = this.now();
      await this.save(state);
      if (!cancelled) {
        this.embedSoon(state);
        warmSoon(state.index);
      }
      return { status: this.describe(state), stats, cancelled };
    });
  }

  /** Re-indexes only `paths` (relative to the root), or the whole root when one is a folder or an ignore file. */
  syncPaths(root: string, paths: readonly string[], signal?: AbortSignal): Promise<SyncOutcome> {
    return this.exclusive(root, async (state) => {
      const stats = await syncPaths(root, state.index, this.parsers, paths, { signal });
      state.syncedAt = this.now();
      this.saveSoon(state);
      this.embedSoon(state);
      return { status: this.describe(state), stats, cancelled: signal?.aborted === true };
    });
  }

  /** Forgets the root's index and deletes its snapshot (a rebuild starts from nothing). */
  drop(root: string): Promise<RootStatus> {
    return this.exclusive(root, async (state) => {
      clearTimeout(state.saveTimer);
      state.saveTimer = undefined;
      state.index.close();
      if (state.storageDir) {
        await rm(snapshotPath(state.storageDir, root), { force: true });
        removeDatabase(databasePath(state.storageDir, root));
      }
      state.embedding?.abort();
      // Rebuilt from nothing: a large root goes to disk again at its next full sync.
      state.tier = state.storageDir ? diskTier(databasePath(state.storageDir, root), this.options.diskIndexFromFiles ?? DISK_INDEX_FROM_FILES) : undefined;
      state.index = CodebaseIndex.empty(undefined, state.tier);
      state.vectors = undefined;
      state.codebase = this.codebaseOf(root, state.index);
      Object.assign(state, { fromSnapshot: false, complete: false, syncedAt: undefined, snapshotBytes: undefined });
      return this.describe(state);
    });
  }

  /** The root's LocalCodebase: every Codebase method (and any added later) answers from it. */
  codebase(root: string): LocalCodebase {
    return this.state(root).codebase;
  }

  status(root: string): RootStatus {
    return this.describe(this.state(root));
  }

  /** The root's status once the changes queued for it (a build stopping after a cancel, say) are done. */
  settled(root: string): Promise<RootStatus> {
    return this.exclusive(root, async (state) => this.describe(state));
  }

  /** Writes every snapshot that has changes waiting, after the work queued for it (before the worker stops). */
  async flush(): Promise<void> {
    await Promise.all([...this.roots.keys()].map((root) => this.exclusive(root, (state) => (state.saveTimer !== undefined ? this.save(state) : Promise.resolve()))));
  }

  /** Stops serving `root`, writing its snapshot first if changes are waiting (an index on disk: committed and closed). */
  async close(root: string): Promise<void> {
    const state = this.roots.get(root);
    if (!state) return;
    await this.exclusive(root, async (s) => {
      if (s.saveTimer !== undefined) await this.save(s);
      s.index.close();
    });
    this.roots.delete(root);
  }

  /** The root's LocalCodebase, hybrid while it has vectors of the current model. */
  private codebaseOf(root: string, index: CodebaseIndex): LocalCodebase {
    const embed = this.options.embed;
    const vectors = () => {
      const store = this.roots.get(root)?.vectors;
      return store?.modelKey === this.modelKey ? store : undefined;
    };
    return new LocalCodebase(root, index, { semantic: embed && { vectors, embed } });
  }

  /**
   * Embeds the chunks that have no vector yet, after the work queued for the root (a sync first). It runs
   * in the root's queue but is stopped by the next sync, which queues a new pass after itself; the vectors
   * made so far are saved and kept. A failure is kept for the status, and search stays lexical meanwhile.
   */
  private embedSoon(state: RootState): void {
    const modelKey = this.modelKey;
    const embed = this.options.embed;
    if (!modelKey || !embed) return;
    state.embedding?.abort();
    const abort = new AbortController();
    state.embedding = abort;
    void this.exclusive(state.root, async (s) => {
      if (abort.signal.aborted || this.modelKey !== modelKey) return;
      const { store, report } = await refreshVectors(s.root, s.index, modelKey, embed, { storageDir: s.storageDir, store: s.vectors, signal: abort.signal });
      if (this.modelKey !== modelKey) return;
      s.vectors = store;
      s.embedError = report.failure?.message;
    })
      .catch((error: unknown) => {
        state.embedError = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        if (state.embedding === abort) state.embedding = undefined;
      });
  }

  private state(root: string): RootState {
    const state = this.roots.get(root);
    if (!state) throw new Error(`not an open root: ${root}`);
    return state;
  }

  private exclusive<T>(root: string, run: (state: RootState) => Promise<T>): Promise<T> {
    const state = this.state(root);
    const next = state.queue.then(() => run(state));
    state.queue = next.catch(() => undefined);
    return next;
  }

  private saveSoon(state: RootState): void {
    if (!state.storageDir) return;
    clearTimeout(state.saveTimer);
    state.saveTimer = setTimeout(() => void this.exclusive(state.root, (s) => this.save(s)).catch(() => undefined), this.saveDelayMs);
  }

  private async save(state: RootState): Promise<void> {
    clearTimeout(state.saveTimer);
    state.saveTimer = undefined;
    if (!state.storageDir) return;
    state.snapshotBytes = await saveRootIndex(state.storageDir, state.root, state.index);
  }

  /** Another process took the root's database when the index was to move there: it stays in memory, unsaved. */
  private markBusy(state: RootState): void {
    state.busy = true;
    state.storageDir = undefined;
    state.tier = undefined;
  }

  private describe(state: RootState): RootStatus {
    return {
      root: state.root,
      files: state.index.fileCount,
      chunks: state.index.chunkCount,
      fromSnapshot: state.fromSnapshot,
      complete: state.complete,
      syncedAt: state.syncedAt,
      snapshotBytes: state.snapshotBytes,
      ...(state.index.onDisk && { onDisk: true }),
      ...(state.busy && { busy: true }),
      ...(this.modelKey && { vectors: state.vectors?.size ?? 0, embedError: state.embedError }),
    };
  }
}

/**
 * Prepares the index's common words in idle time (CodebaseIndex.warm), a word at a time with a turn of the
 * event loop between, so a search that arrives meanwhile is answered first.
 */
function warmSoon(index: CodebaseIndex): void {
  void index.warm(() => new Promise((resolve) => setImmediate(resolve))).catch(() => undefined);
}
