/**
 * WorkspaceFiles over a folder on disk, for the CLI and the benchmarks (the extension answers from the
 * editor instead). Never reads outside the root, in node_modules or .git, files above a size limit,
 * or binary files. Texts are kept while a file's modification time and size are unchanged, so a
 * request that reads the same files as the last one costs a stat per file.
 */
import { readFileSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { posix, join, resolve, sep } from 'node:path';
import type { WorkspaceFiles } from '../workspace/files';
import { textOfFile } from '../workspace/fileBytes';
import { languageOfPath } from '../syntax/languages';

export interface NodeWorkspaceOptions {
  /** Files larger than this are treated as missing. */
  maxFileBytes?: number;
  /** Texts that replace what is on disk (an unsaved document), by workspace-relative path. */
  overlay?: ReadonlyMap<string, string>;
  /** Workspace-relative paths offered as the open and recently edited documents, most recent first. */
  recent?: readonly string[];
}

const IGNORED_SEGMENTS = new Set(['node_modules', '.git', '.hg', '.svn']);
const DEFAULT_MAX_BYTES = 1_000_000;

export class NodeWorkspaceFiles implements WorkspaceFiles {
  private readonly root: string;
  private readonly maxBytes: number;
  private readonly texts = new Map<string, { mtimeMs: number; size: number; text: string | undefined }>();
  private recentCache: { path: string; languageId: string; text: string }[] | undefined;

  constructor(
    root: string,
    private readonly options: NodeWorkspaceOptions = {},
  ) {
    this.root = resolve(root);
    this.maxBytes = options.maxFileBytes ?? DEFAULT_MAX_BYTES;
  }

  async read(path: string): Promise<string | undefined> {
    const overlaid = this.options.overlay?.get(path);
    if (overlaid !== undefined) return overlaid;
    const abs = this.absolute(path);
    if (!abs) return undefined;
    try {
      const s = await stat(abs);
      if (!s.isFile() || s.size > this.maxBytes) return undefined;
      const cached = this.texts.get(path);
      if (cached && cached.mtimeMs === s.mtimeMs && cached.size === s.size) return cached.text;
      const text = textOfFile(await readFile(abs));
      this.texts.set(path, { mtimeMs: s.mtimeMs, size: s.size, text });
      return text;
    } catch {
      return undefined;
    }
  }

  async exists(path: string): Promise<boolean> {
    if (this.options.overlay?.has(path)) return true;
    const abs = this.absolute(path);
    if (!abs) return false;
    try {
      return (await stat(abs)).isFile();
    } catch {
      return false;
    }
  }

  async list(dir: string): Promise<string[]> {
    const abs = dir === '' ? this.root : this.absolute(dir);
    if (!abs) return [];
    try {
      const entries = await readdir(abs, { withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      return [];
    }
  }

  recentDocuments(): readonly { path: string; languageId: string; text: string }[] {
    this.recentCache ??= (this.options.recent ?? []).flatMap((path) => {
      const text = this.options.overlay?.get(path) ?? this.readNow(path);
      const languageId = languageOfPath(path, text);
      return text !== undefined && languageId ? [{ path, languageId, text }] : [];
    });
    return this.recentCache;
  }

  /** The absolute path of a workspace-relative one; undefined outside the root or in an ignored folder. */
  private absolute(path: string): string | undefined {
    const normalized = posix.normalize(path.replace(/\\/g, '/'));
    if (normalized.startsWith('../') || normalized === '..' || posix.isAbsolute(normalized)) return undefined;
    if (normalized.split('/').some((segment) => IGNORED_SEGMENTS.has(segment))) return undefined;
    const abs = join(this.root, normalized);
    return abs === this.root || abs.startsWith(this.root + sep) ? abs : undefined;
  }

  private readNow(path: string): string | undefined {
    const abs = this.absolute(path);
    if (!abs) return undefined;
    try {
      if (statSync(abs).size > this.maxBytes) return undefined;
      return textOfFile(readFileSync(abs));
    } catch {
      return undefined;
    }
  }
}
