/**
 * Which tier a root's index lives in, and opening it: MiniSearch in memory (saved as a JSON snapshot) for
 * small trees, where it is faster and better tuned; FTS5 in a database file (indexDatabase.ts) from
 * DISK_INDEX_FROM_FILES files on, where MiniSearch's memory grows past what an editor can spare (3.3 GB at
 * 100,000 files against 348 MB on disk: bench/FTS5-SPIKE.md). Only the index worker and the CLI import this
 * module (it loads SQLite).
 */
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Redactor } from '../../privacy/redactor';
import { CodebaseIndex, INDEX_FORMAT, type DiskTier, type IndexBackend } from '../codebaseIndex';
import { loadIndex, saveIndex, snapshotPath } from '../indexStore';
import { Fts5Index, FTS_SCHEMA } from './fts5Index';
import { IndexBusyError, IndexDatabase, removeDatabase } from './indexDatabase';
import { SqliteChunkStore, STORE_SCHEMA } from './sqliteChunkStore';

/**
 * From how many walked files a root's index is built on disk (and below half of it, moved back to memory):
 * about 50,000 chunks. Measured on the bench's 10,293-file tree (212,103 chunks, same machine and load, 300
 * first-time queries): FTS5 on disk indexed in 175 s (72 s CPU), peak RSS 249 MB, query p50 / p95 80 / 216 ms;
 * MiniSearch in 199 s (82 s CPU), peak RSS 1,407 MB, p50 / p95 126 / 630 ms, and 43 / 334 ms after its 29 s
 * idle warm-up. Below it MiniSearch is faster (p50 1–5 ms against 8–19 ms on the 333–590-file sets) and tuned.
 */
export const DISK_INDEX_FROM_FILES = 2_500;

/**
 * TEST ONLY: lowers (or raises) DISK_INDEX_FROM_FILES for the integration and vsix tests, so a small workspace
 * is indexed on disk. Read by the index worker and the CLI only (CONTRIBUTING.md).
 */
export const DISK_INDEX_ENV = 'FATHOM_DISK_INDEX_FROM_FILES';

/** The threshold the environment sets (DISK_INDEX_ENV), else the default. */
export function diskIndexFromFiles(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env[DISK_INDEX_ENV]);
  return env[DISK_INDEX_ENV] && Number.isInteger(value) && value >= 0 ? value : DISK_INDEX_FROM_FILES;
}

/** The database file for `root` inside `storageDir`: the JSON snapshot's name with `.db`. */
export function databasePath(storageDir: string, root: string): string {
  return snapshotPath(storageDir, root).replace(/\.json$/, '.db');
}

/** Opens (creating) an index database; throws IndexBusyError when another live process holds it. */
export function openDiskBackend(file: string): IndexBackend & { fresh: boolean } {
  const idb = IndexDatabase.open(file, INDEX_FORMAT, `${STORE_SCHEMA}; ${FTS_SCHEMA}`);
  try {
    return {
      store: new SqliteChunkStore(idb),
      engine: new Fts5Index(idb),
      disk: { file, commit: () => idb.commit(), close: () => idb.close(), bytes: () => idb.bytes },
      fresh: idb.fresh,
    };
  } catch (error) {
    idb.close();
    throw error;
  }
}

/** The disk tier of one root's database file; `busy` once another process was found holding it. */
export function diskTier(file: string, fromFiles: number): DiskTier & { busy: boolean } {
  return {
    fromFiles,
    busy: false,
    create() {
      removeDatabase(file);
      try {
        return openDiskBackend(file);
      } catch (error) {
        if (!(error instanceof IndexBusyError)) throw error;
        this.busy = true;
        return undefined;
      }
    },
    remove: () => removeDatabase(file),
  };
}

export interface OpenedIndex {
  index: CodebaseIndex;
  /** Read from a database or a snapshot (not built empty). */
  fromSnapshot: boolean;
  /** Another process (a second window on the root) holds its database: this index is in memory and not saved. */
  busy: boolean;
  /** The tier the index may move between (undefined without storage or while busy). */
  tier?: DiskTier & { busy: boolean };
}

/**
 * A root's index from `storageDir`: its database when there is one, else its JSON snapshot, else empty
 * (with the disk tier, so the first full sync of a large tree builds it on disk). Without storage, in memory.
 */
export async function openRootIndex(root: string, storageDir: string | undefined, options: { fromFiles?: number; redactor?: Redactor } = {}): Promise<OpenedIndex> {
  if (!storageDir) return { index: CodebaseIndex.empty(options.redactor), fromSnapshot: false, busy: false };
  const file = databasePath(storageDir, root);
  const tier = diskTier(file, options.fromFiles ?? DISK_INDEX_FROM_FILES);
  if (existsSync(file)) {
    try {
      const backend = openDiskBackend(file);
      return { index: CodebaseIndex.over(backend, options.redactor, tier), fromSnapshot: !backend.fresh, busy: false, tier };
    } catch (error) {
      if (!(error instanceof IndexBusyError)) throw error;
      return { index: CodebaseIndex.empty(options.redactor), fromSnapshot: false, busy: true };
    }
  }
  const loaded = await loadIndex(storageDir, root, options.redactor, tier);
  return { index: loaded ?? CodebaseIndex.empty(options.redactor, tier), fromSnapshot: loaded !== undefined, busy: false, tier };
}

/**
 * Saves a root's index in `storageDir`: one on disk is committed (the database is its snapshot) and the JSON
 * snapshot its memory tier left is removed; one in memory writes its JSON snapshot. Returns the bytes saved.
 */
export async function saveRootIndex(storageDir: string, root: string, index: CodebaseIndex): Promise<number> {
  if (index.onDisk) {
    index.commit();
    await rm(snapshotPath(storageDir, root), { force: true });
    return index.diskBytes() ?? 0;
  }
  return (await stat(await saveIndex(storageDir, root, index))).size;
}
