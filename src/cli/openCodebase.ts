/**
 * The codebase index of a CLI root behind the Codebase interface: read from the cache folder when it was
 * saved before, brought up to date with the files (only changed ones are read again), saved back. What
 * `prompt --codebase` and `context --codebase` look definitions up in, as the extension's index would;
 * `search` syncs its index through the same `syncedIndex`.
 */
import { resolve } from 'node:path';
import type { CodebaseIndex } from '../codebase/codebaseIndex';
import { bundledChunkWorker } from '../codebase/chunkPool';
import { defaultCacheDir } from '../codebase/indexStore';
import { diskIndexFromFiles, openRootIndex, saveRootIndex } from '../codebase/sqlite/diskTier';
import { LocalCodebase } from '../codebase/localCodebase';
import { syncIndex, type SyncStats } from '../codebase/syncIndex';
import type { Parsers } from '../syntax/parsers';

export const CODEBASE_USAGE = `  --codebase             also look definitions up in the root's codebase index (as the extension does
                         once its index is built); the index is kept in the cache folder as for search
  --cache DIR            with --codebase: where the index is kept (default: fathom/index in the OS cache folder)`;

/** The root's index (built or reused from `cacheDir`, default the OS cache folder) as a LocalCodebase. */
export async function openCodebase(root: string, parsers: Parsers, cacheDir: string = defaultCacheDir()): Promise<LocalCodebase> {
  const { index } = await syncedIndex(root, parsers, resolve(cacheDir));
  return new LocalCodebase(root, index);
}

/**
 * The root's index brought up to date: read from `cacheDir` when it was saved there before, synced with the
 * files (only changed ones read again), saved back when anything changed. Without `cacheDir`, in memory only.
 * A large root's index is a database file (sqlite/diskTier.ts; FATHOM_DISK_INDEX_FROM_FILES, for tests, moves
 * the threshold): the caller closes it when done (a lock left behind is cleared by the next run, but closing
 * is cleaner), and it is closed when the process exits in any case.
 */
export async function syncedIndex(root: string, parsers: Parsers, cacheDir: string | undefined): Promise<{ index: CodebaseIndex; stats: SyncStats; busy: boolean }> {
  const { index, busy } = await openRootIndex(root, cacheDir, { fromFiles: diskIndexFromFiles() });
  // A large first build parses in chunk workers (dist/chunkWorker.js beside dist/cli.js).
  const stats = await syncIndex(root, index, parsers, { startChunkWorker: bundledChunkWorker(__dirname) });
  closeAtExit(index);
  // An index on disk is committed even unchanged (a fresh database holds the sync's writes); one in memory is written when it changed.
  if (cacheDir && !busy && (index.onDisk || stats.added || stats.updated || stats.removed)) await saveRootIndex(cacheDir, root, index);
  return { index, stats, busy };
}

const openIndexes = new Set<CodebaseIndex>();

/** Closes `index` when the process exits, if nothing closed it before (one listener for all). */
function closeAtExit(index: CodebaseIndex): void {
  if (!index.onDisk) return;
  if (openIndexes.size === 0) process.once('exit', () => openIndexes.forEach((i) => i.close()));
  openIndexes.add(index);
}
