/**
 * Brings a CodebaseIndex up to date for a few paths the editor reported (saved, created, deleted, renamed),
 * without walking the whole root: each path is judged by the same rules as walk.ts (Fathom's rules and
 * .fathomignore, every .gitignore on the way, skipped folders and names, size, no links), then re-chunked,
 * dropped, or left alone when its size and time are unchanged. A folder, a `.gitignore` or a `.fathomignore`
 * among the paths can change which files belong in the index anywhere below it, so then the whole root is
 * synced (syncIndex, itself incremental).
 */
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FATHOMIGNORE, rulesForRoot } from '../privacy/rootRules';
import type { IgnoreRules } from '../privacy/ignoreRules';
import type { Parsers } from '../syntax/parsers';
import { textOfFile } from '../workspace/fileBytes';
import type { CodebaseIndex } from './codebaseIndex';
import { chunksOf, searchable, syncIndex, type SyncOptions, type SyncStats } from './syncIndex';
import { DEFAULT_MAX_FILE_BYTES, excluded, indexableName, readGitIgnore, SKIPPED_FOLDERS, type GitIgnore } from './walk';

export interface PathsStats extends SyncStats {
  /** The whole root was synced (a folder or an ignore file was among the paths). */
  full: boolean;
}

/** `paths` are relative to `root` with forward slashes. */
export async function syncPaths(root: string, index: CodebaseIndex, parsers: Parsers, paths: readonly string[], options: SyncOptions = {}): Promise<PathsStats> {
  const unique = [...new Set(paths.map(normalize).filter((p) => p !== ''))];
  if (unique.some(isIgnoreFile)) return { ...(await syncIndex(root, index, parsers, options)), full: true };
  const stats: PathsStats = { files: 0, chunks: 0, added: 0, updated: 0, removed: 0, unchanged: 0, chunkedInWorkers: 0, full: false };
  const rules = await rulesForRoot((name) => readFile(join(root, name), 'utf8'));
  const gitignores = new Map<string, Promise<GitIgnore | undefined>>();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const path of unique) {
    if (options.signal?.aborted) break;
    const info = await lstat(join(root, path)).catch(() => undefined);
    if (info?.isDirectory()) return { ...(await syncIndex(root, index, parsers, options)), full: true };
    const belongs = info?.isFile() && info.size <= maxBytes && (await allowed(root, path, rules, gitignores));
    if (!info || !belongs) {
      stats.removed += removeUnder(index, path);
      continue;
    }
    const stamp = index.stamp(path);
    if (stamp && stamp.size === info.size && stamp.mtimeMs === info.mtimeMs) {
      stats.unchanged++;
      continue;
    }
    const text = await readFile(join(root, path)).then(textOfFile, () => undefined);
    const chunks = text === undefined || !searchable(text) ? [] : await chunksOf(path, text, parsers);
    index.setFile(path, { size: info.size, mtimeMs: info.mtimeMs }, chunks);
    if (stamp) stats.updated++;
    else stats.added++;
  }
  return { ...stats, files: index.fileCount, chunks: index.chunkCount };
}

/** Drops a file, or everything under a folder that is gone; how many files left the index. */
function removeUnder(index: CodebaseIndex, path: string): number {
  const prefix = path + '/';
  const gone = index.paths().filter((p) => p === path || p.startsWith(prefix));
  for (const p of gone) index.removeFile(p);
  return gone.length;
}

/** Whether walk.ts would list the file: the same checks, folder by folder from the root down. */
async function allowed(root: string, path: string, rules: IgnoreRules, cache: Map<string, Promise<GitIgnore | undefined>>): Promise<boolean> {
  const parts = path.split('/');
  const name = parts[parts.length - 1];
  if (!indexableName(name)) return false;
  const scope: GitIgnore[] = [];
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join('/');
    let own = cache.get(dir);
    if (!own) cache.set(dir, (own = readGitIgnore(root, dir)));
    const gitignore = await own;
    if (gitignore) scope.push(gitignore);
    const last = depth === parts.length - 1;
    if (!last && SKIPPED_FOLDERS.has(parts[depth])) return false;
    const entry = parts.slice(0, depth + 1).join('/') + (last ? '' : '/');
    if (excluded(entry, rules, scope)) return false;
  }
  return true;
}

function isIgnoreFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === '.gitignore' || name === FATHOMIGNORE;
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.?\/+/, '').replace(/\/+$/, '');
}
