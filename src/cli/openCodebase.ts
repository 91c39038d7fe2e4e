/**
 * The codebase index of a CLI root behind the Codebase interface: read from the cache folder when it was
 * saved before, brought up to date with the files (only changed ones are read again), saved back. What
 * `prompt --codebase` and `context --codebase` look definitions up in, as the extension's index would.
 */
import { resolve } from 'node:path';
import { CodebaseIndex } from '../codebase/codebaseIndex';
import { defaultCacheDir, loadIndex, saveIndex } from '../codebase/indexStore';
import { LocalCodebase } from '../codebase/localCodebase';
import { syncIndex } from '../codebase/syncIndex';
import type { Parsers } from '../syntax/parsers';

export const CODEBASE_USAGE = `  --codebase             also look definitions up in the root's codebase index (as the extension does
                         once its index is built); the index is kept in the cache folder as for search
  --cache DIR            with --codebase: where the index is kept (default: fathom/index in the OS cache folder)`;

/** The root's index (built or reused from `cacheDir`, default the OS cache folder) as a LocalCodebase. */
export async function openCodebase(root: string, parsers: Parsers, cacheDir: string = defaultCacheDir()): Promise<LocalCodebase> {
  const dir = resolve(cacheDir);
  const index = (await loadIndex(dir, root)) ?? CodebaseIndex.empty();
  const stats = await syncIndex(root, index, parsers);
  if (stats.added || stats.updated || stats.removed) await saveIndex(dir, root, index);
  return new LocalCodebase(root, index);
}
