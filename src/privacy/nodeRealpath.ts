/**
 * The RealPath of ignoreScope.ts on a local disk, with node:fs: where a path really leads once every symbolic
 * link on the way is resolved. Shared by the extension host (file: documents) and the CLI. Synchronous on
 * purpose: it is one system call for an existing file, and the editor asks "is this document ignored?" on
 * every keystroke, where a promise would let a request start before the answer.
 */
import { lstatSync, realpathSync } from 'node:fs';

/** Errors that mean "nothing is at this path" (as opposed to "something is, but leads nowhere"). */
const MISSING = new Set(['ENOENT', 'ENOTDIR']);

/**
 * The real path of `path` (native, or a URI path such as `/c:/x`); for a path where nothing exists (a new,
 * unsaved file) the real path of its nearest existing folder joined with the rest. Undefined when something
 * on the way cannot be resolved: a broken link, a loop, a folder that may not be read.
 */
export function nodeRealpath(path: string): string | undefined {
  const native = process.platform === 'win32' && /^\/[a-zA-Z]:/.test(path) ? path.slice(1) : path;
  return resolve(native, 0);
}

/** Deeper than any real path: stops a pathological input, not a real workspace. */
const MAX_DEPTH = 256;

function resolve(path: string, depth: number): string | undefined {
  // lstat first: asking about a missing path then costs no exception (it is the common case of a new file).
  if (exists(path)) {
    try {
      return realpathSync.native(path);
    } catch {
      // Something is there, yet it does not resolve: a link to nowhere, a loop, a folder that may not be read.
      return undefined;
    }
  }
  const { parent, name } = splitLast(path);
  if (parent === undefined || depth >= MAX_DEPTH) return path;
  const real = resolve(parent, depth + 1);
  return real === undefined ? undefined : `${real.replace(/[\\/]+$/, '')}${separatorOf(real)}${name}`;
}

/** Whether anything (a link, even a broken one) is at `path`; true when it cannot be told (so it is resolved, and refused if that fails). */
function exists(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    return !MISSING.has(codeOf(error));
  }
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** `a/b/c` → `a/b` and `c`; no parent for a root (`/`, `C:\`) or a bare name. */
function splitLast(path: string): { parent: string | undefined; name: string } {
  const trimmed = path.replace(/(?<=.)[\\/]+$/, '');
  const at = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (at < 0) return { parent: undefined, name: trimmed };
  const parent = trimmed.slice(0, at) || trimmed.slice(0, 1);
  // `C:` alone is the drive's current folder, not its root.
  return { parent: /^[a-zA-Z]:$/.test(parent) ? `${parent}\\` : parent, name: trimmed.slice(at + 1) };
}

function separatorOf(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}
