/**
 * Indexes of other workspace files, kept between requests (most keystrokes look up the same few
 * files): an entry stays valid while the file's text is unchanged. The work one request may do is
 * capped (files read, characters parsed) so a keystroke never waits on a cold cache; what is left
 * out is indexed by later requests.
 */
import type { WorkspaceFiles } from '../../workspace/files';
import { languageOfPath } from '../../syntax/languages';
import type { Parsers } from '../../syntax/parsers';
import { indexFile, type FileIndex } from './definitions';
import { ImportStatementsCache } from './imports';
import { OutsideUses } from './symbols';
import { MAX_INDEXED_CHARS } from '../../tunables/tunables';
import { INDEX_FRESH_MS as FRESH_MS } from '../../tunables/tunables';
import { IMPORT_RESOLUTION_MS as RESOLUTION_MS } from '../../tunables/tunables';

/** What one request may still spend on other files. */
export interface WorkBudget {
  filesLeft: number;
  charsLeft: number;
  signal?: AbortSignal;
}

export const DEFAULT_WORK: Readonly<Omit<WorkBudget, 'signal'>> = { filesLeft: 40, charsLeft: 1_500_000 };

export { MAX_INDEXED_CHARS };

/** Documents whose imported names' uses away from the cursor are remembered (the ones typed in most recently). */
const OUTSIDE_DOCUMENTS = 16;


export class FileIndexCache {
  private readonly entries = new Map<string, { index: FileIndex; checkedAt: number }>();
  private readonly resolutions = new Map<string, { at: number; value: Promise<unknown> }>();
  /** The import statements of the documents being typed in (the request's own document, not other files). */
  readonly importStatements = new ImportStatementsCache();
  private readonly outside = new Map<string, OutsideUses>();

  constructor(
    private readonly parsers: Parsers,
    private readonly maxEntries = 200,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The index of `path`, from the cache when its text is unchanged; undefined when unreadable or over budget. */
  async get(path: string, files: WorkspaceFiles, work: WorkBudget): Promise<FileIndex | undefined> {
    if (work.signal?.aborted) return undefined;
    const cached = this.entries.get(path);
    const now = this.now();
    if (cached && now - cached.checkedAt < FRESH_MS) return this.touch(path, cached.index, cached.checkedAt);
    if (work.filesLeft <= 0) return undefined;
    work.filesLeft--;
    const text = await files.read(path);
    if (text === undefined || text.length > MAX_INDEXED_CHARS) return undefined;
    if (cached && cached.index.text === text) return this.touch(path, cached.index, now);
    const languageId = languageOfPath(path, text);
    if (!languageId || text.length > work.charsLeft) return undefined;
    work.charsLeft -= text.length;
    const tree = await this.parsers.parseText(languageId, text);
    if (!tree) return undefined;
    try {
      const index = indexFile(tree, path, languageId, text);
      this.touch(path, index, now);
      while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      return index;
    } finally {
      tree.delete();
    }
  }

  /** An import resolution (which files a specifier or a name stands for), computed once per `key` and kept for a while. */
  resolve<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.resolutions.get(key);
    if (hit && now - hit.at < RESOLUTION_MS) return hit.value as Promise<T>;
    const value = compute();
    this.resolutions.set(key, { at: now, value });
    if (this.resolutions.size > this.maxEntries * 8) this.resolutions.delete(this.resolutions.keys().next().value!);
    return value;
  }

  /** Where the imported names of the document `uri` were last seen used away from the cursor (symbols.ts), for the documents typed in most recently. */
  outsideUses(uri: string): OutsideUses {
    const uses = this.outside.get(uri) ?? new OutsideUses();
    this.outside.delete(uri);
    this.outside.set(uri, uses);
    if (this.outside.size > OUTSIDE_DOCUMENTS) this.outside.delete(this.outside.keys().next().value!);
    return uses;
  }

  /** Moves an entry to the young end of the LRU order. */
  private touch(path: string, index: FileIndex, checkedAt: number): FileIndex {
    this.entries.delete(path);
    this.entries.set(path, { index, checkedAt });
    return index;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.resolutions.clear();
    this.importStatements.clear();
    this.outside.clear();
  }
}
