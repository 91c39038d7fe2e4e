/**
 * Where a root's index snapshot lives and how it is read and written: one JSON file per root in a
 * storage folder, named by a hash of the root's absolute path (the extension passes its workspace
 * storage, the CLI an OS cache folder or --cache). Writes go to a temporary file first and are renamed
 * into place, so a crash never leaves half a snapshot; an unreadable or older-format snapshot is ignored.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';
import type { Redactor } from '../privacy/redactor';
import { CodebaseIndex, type DiskTier, type IndexSnapshot } from './codebaseIndex';
import { writeJsonFile } from './jsonStream';

/** The snapshot file for `root` inside `storageDir`. */
export function snapshotPath(storageDir: string, root: string): string {
  const key = createHash('sha256').update(resolve(root)).digest('hex').slice(0, 24);
  return join(storageDir, `index-${key}.json`);
}

/** The index saved for `root`; undefined when there is none or it cannot be used. */
/** `tier`: where the index moves once it grows large (sqlite/diskTier.ts). */
export async function loadIndex(storageDir: string, root: string, redactor?: Redactor, tier?: DiskTier): Promise<CodebaseIndex | undefined> {
  try {
    const snapshot = JSON.parse(await readFile(snapshotPath(storageDir, root), 'utf8')) as IndexSnapshot;
    return CodebaseIndex.restore(snapshot, redactor, tier);
  } catch {
    return undefined;
  }
}

export async function saveIndex(storageDir: string, root: string, index: CodebaseIndex): Promise<string> {
  await mkdir(storageDir, { recursive: true });
  const file = snapshotPath(storageDir, root);
  const temporary = `${file}.${process.pid}.tmp`;
  // Streamed: a large index's snapshot as one JSON string would double the memory it takes.
  await writeJsonFile(temporary, index.snapshot());
  await rename(temporary, file);
  return file;
}

/** The CLI's default storage: the OS's per-user cache folder (XDG_CACHE_HOME, ~/Library/Caches, %LOCALAPPDATA%), then fathom/index. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    platform() === 'win32'
      ? (env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'))
      : platform() === 'darwin'
        ? join(homedir(), 'Library', 'Caches')
        : (env.XDG_CACHE_HOME || join(homedir(), '.cache'));
  return join(base, 'fathom', 'index');
}
