/**
 * The files of a workspace root the codebase index may read: not ignored by the root's rules (the
 * built-in defaults for secrets plus `.fathomignore`, src/privacy/rootRules.ts), not by any `.gitignore`
 * on the way (nested ones apply below their folder, as in git), not in a dependency, build or VCS folder,
 * not a link (a link could lead out of the root or into an ignored file), and of an indexable kind. Sizes
 * and modification times come along so an index can tell what changed. Reads the disk; returns plain data.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { IgnoreRules } from '../privacy/ignoreRules';
import { rulesForRoot } from '../privacy/rootRules';

export interface WalkedFile {
  /** Relative to the root, forward slashes. */
  path: string;
  size: number;
  mtimeMs: number;
}

export interface WalkOptions {
  /** Files larger than this are skipped (generated or data files, not code anyone searches). */
  maxFileBytes?: number;
  /** Stop after this many files (a safety valve for enormous trees). */
  maxFiles?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 1_000_000;
export const DEFAULT_MAX_FILES = 200_000;

/** Folders that hold dependencies, build output, caches or VCS data in most ecosystems, skipped at any depth. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules', 'bower_components', 'jspm_packages', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'target', 'vendor',
  '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'coverage', '.nyc_output',
  '.next', '.nuxt', '.svelte-kit', '.turbo', '.cache', '.parcel-cache', '.gradle', '.idea', '.vscode-test', 'Pods', '.terraform',
]);

/** Extensions of files that are data, media, archives or lock files rather than text to search. */
const SKIPPED_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'webp', 'svg', 'pdf', 'zip', 'gz', 'tgz', 'bz2', 'xz', '7z', 'rar', 'jar', 'war',
  'class', 'o', 'a', 'so', 'dylib', 'dll', 'exe', 'bin', 'wasm', 'pyc', 'pyo', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp3', 'mp4',
  'mov', 'avi', 'wav', 'ogg', 'sqlite', 'db', 'lock', 'map', 'min.js', 'min.css', 'snap', 'csv', 'tsv', 'parquet', 'npy', 'pkl',
]);

const SKIPPED_NAMES = new Set(['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'poetry.lock', 'composer.lock', 'go.sum', 'Gemfile.lock']);

export interface GitIgnore {
  /** Folder of the .gitignore, relative to the root ('' for the root), with a trailing slash when not ''. */
  base: string;
  matcher: Ignore;
}

/** The indexable files under `root`, sorted by path. */
export async function walkRoot(root: string, options: WalkOptions = {}): Promise<WalkedFile[]> {
  const rules = await rulesForRoot((name) => readFile(join(root, name), 'utf8'));
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const out: WalkedFile[] = [];
  const visit = async (dir: string, gitignores: GitIgnore[]): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    const own = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? await readGitIgnore(root, dir) : undefined;
    const scope = own ? [...gitignores, own] : gitignores;
    const files: string[] = [];
    const folders: string[] = [];
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !excluded(path + '/', rules, scope)) folders.push(path);
      } else if (entry.isFile() && indexableName(entry.name) && !excluded(path, rules, scope)) {
        files.push(path);
      }
    }
    const stats = await Promise.all(files.map((p) => stat(join(root, p)).catch(() => undefined)));
    files.forEach((path, i) => {
      const s = stats[i];
      if (s && s.size <= maxBytes && out.length < maxFiles) out.push({ path, size: s.size, mtimeMs: s.mtimeMs });
    });
    for (const folder of folders) {
      if (out.length >= maxFiles) return;
      await visit(folder, scope);
    }
  };
  await visit('', []);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Ignored by Fathom's rules or by a .gitignore whose folder holds the path. */
export function excluded(path: string, rules: IgnoreRules, gitignores: readonly GitIgnore[]): boolean {
  if (rules.ignores(path)) return true;
  return gitignores.some((g) => path.startsWith(g.base) && safeIgnores(g.matcher, path.slice(g.base.length)));
}

function safeIgnores(matcher: Ignore, rel: string): boolean {
  try {
    return rel !== '' && matcher.ignores(rel);
  } catch {
    return true;
  }
}

export async function readGitIgnore(root: string, dir: string): Promise<GitIgnore | undefined> {
  try {
    const text = await readFile(join(root, dir, '.gitignore'), 'utf8');
    return { base: dir ? dir + '/' : '', matcher: ignore().add(text) };
  } catch {
    return undefined;
  }
}

/** Not a lock file or a binary / media / archive / minified file by its name. */
export function indexableName(name: string): boolean {
  if (SKIPPED_NAMES.has(name)) return false;
  const lower = name.toLowerCase();
  const dot = lower.indexOf('.', 1);
  if (dot === -1) return true;
  const last = lower.slice(lower.lastIndexOf('.') + 1);
  const lastTwo = lower.split('.').slice(-2).join('.');
  return !SKIPPED_EXTENSIONS.has(last) && !SKIPPED_EXTENSIONS.has(lastTwo);
}
