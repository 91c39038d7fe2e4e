/**
 * The codebase index of one workspace root: which files it holds (with the size and modification time
 * they were indexed at, so a sync can tell what changed), their chunks, and the lexical engine over them.
 * Every chunk's text is redacted (src/privacy/redactor.ts) before the engine sees it, so neither the
 * index in memory nor its snapshot on disk holds a secret's words. Chunk texts themselves are not kept:
 * a caller that shows a chunk reads its lines again, through the same ignore rules and redaction.
 * Plain data in and out (snapshot() is JSON-safe), so it can live in a worker thread.
 */
import { Redactor } from '../privacy/redactor';
import type { Chunk, ChunkKind, ChunkWithText } from './chunk';
import { withFileEvidence } from './fileEvidence';
import { lazyObject } from './jsonStream';
import { MiniSearchIndex } from './miniSearchIndex';
import { NameTable, type NameTableSnapshot } from './names/nameTable';
import { ownString } from './ownString';
import { wordsOf } from './names/words';
import type { SearchIndex } from './searchIndex';

/** Bumped whenever chunking, tokenizing or the snapshot's shape changes: an older snapshot is rebuilt. */
export const INDEX_FORMAT = 3;

/**
 * How much each kind of chunk's matches count. Questions are mostly about what a function does; the code
 * between definitions (imports, constants, a class's fields) and plain line windows only win on a clear match.
 * 0.7 raised recall@10 on the development sets by up to 1.7 points (0.4 did no better). A class chunk (a short
 * class, an interface or type whose members are not split out) counts like its header: a long interface's doc
 * comments hold many of a question's words without being what it asks about. Classes at 1 → 0.7 raised
 * recall@1 by 13.6 points and recall@10 by 3.7 on the TypeScript set, 0.4 on JavaScript, 1 on Python, and
 * 1.6 on the held-out set. Headers 0.7 → 0.5 (session 22): a class's head holds its doc comment, whose words
 * describe the class, not the method a question is about; recall@10 +0.2 (TypeScript, JavaScript) and +0.4 (Python).
 */
const KIND_WEIGHTS: Readonly<Record<ChunkKind, number>> = { function: 1, class: 0.7, header: 0.5, code: 0.7, lines: 0.7 };

/** How many of the engine's best hits are re-ranked with their files' evidence (the answer is rarely below). */
const RERANK_POOL = 200;

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface SearchResult extends Chunk {
  score: number;
}

interface FileEntry extends FileStamp {
  ids: number[];
}

export interface IndexSnapshot {
  format: number;
  nextId: number;
  files: Record<string, FileEntry>;
  chunks: Record<string, Chunk>;
  engine: unknown;
  /** Every identifier of each file (names/nameTable.ts); a snapshot without it is rebuilt. */
  names: NameTableSnapshot;
}

export class CodebaseIndex {
  private constructor(
    private readonly engine: SearchIndex,
    private readonly files: Map<string, FileEntry>,
    private readonly chunks: Map<number, Chunk>,
    private nextId: number,
    private readonly redactor: Redactor,
    /** The identifiers each file holds, for "is this name defined anywhere in the workspace?". */
    readonly names: NameTable = new NameTable(),
  ) {}

  static empty(redactor = new Redactor()): CodebaseIndex {
    return new CodebaseIndex(MiniSearchIndex.create(), new Map(), new Map(), 1, redactor);
  }

  /** The index a snapshot holds; undefined when it is of another format (the caller rebuilds). */
  static restore(snapshot: IndexSnapshot, redactor = new Redactor()): CodebaseIndex | undefined {
    if (snapshot?.format !== INDEX_FORMAT || !snapshot.names) return undefined;
    const files = new Map(Object.entries(snapshot.files));
    const chunks = new Map(Object.entries(snapshot.chunks).map(([id, c]) => [Number(id), c]));
    return new CodebaseIndex(MiniSearchIndex.restore(snapshot.engine), files, chunks, snapshot.nextId, redactor, NameTable.restore(snapshot.names));
  }

  /** The size and time a file was indexed at; undefined when it is not in the index. */
  stamp(path: string): FileStamp | undefined {
    const entry = this.files.get(path);
    return entry && { size: entry.size, mtimeMs: entry.mtimeMs };
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  get fileCount(): number {
    return this.files.size;
  }

  get chunkCount(): number {
    return this.chunks.size;
  }

  /** Puts a file's chunks in place of whatever the index held for it. */
  setFile(path: string, stamp: FileStamp, chunks: readonly ChunkWithText[]): void {
    this.removeFile(path);
    const ids: number[] = [];
    // The path's words too: `from .utils import x` names a module by its file.
    const words = wordsOf(path);
    const docs = chunks.map(({ text, ...chunk }) => {
      const id = this.nextId++;
      ids.push(id);
      // Names cut from the file's text would keep all of it alive (ownString.ts).
      this.chunks.set(id, { ...chunk, symbol: ownString(chunk.symbol), container: ownString(chunk.container) });
      const body = this.redactor.redact(text).text;
      wordsOf(body, words);
      return { id, names: [chunk.container, chunk.symbol].join(' '), path, body, weight: KIND_WEIGHTS[chunk.kind] };
    });
    this.engine.add(docs);
    this.names.setFile(path, words);
    this.files.set(path, { size: stamp.size, mtimeMs: stamp.mtimeMs, ids });
  }

  removeFile(path: string): void {
    const entry = this.files.get(path);
    if (!entry) return;
    this.names.removeFile(path);
    this.engine.remove(entry.ids);
    for (const id of entry.ids) this.chunks.delete(id);
    this.files.delete(path);
  }

  /** The `top` chunks that best match `query`, best first (their files' other matches counted: fileEvidence.ts). */
  search(query: string, top: number): SearchResult[] {
    const hits = this.engine.search(query, Math.max(top, RERANK_POOL)).flatMap(({ id, score }) => {
      const chunk = this.chunks.get(id);
      return chunk ? [{ ...chunk, score }] : [];
    });
    return withFileEvidence(hits).slice(0, top);
  }

  /** Prepares the engine's answers for its most common words, for idle time after a build (miniSearchIndex.ts). */
  warm(pause?: () => Promise<void>): Promise<number> {
    return this.engine.warm?.(pause) ?? Promise.resolve(0);
  }

  /** Every chunk with its id: the vector store (vectors/) embeds those it holds no vector for. */
  chunkEntries(): Array<[id: number, chunk: Chunk]> {
    return [...this.chunks];
  }

  /** The chunk an id stands for (a vector search hit); undefined once it is gone. */
  chunk(id: number): Chunk | undefined {
    return this.chunks.get(id);
  }

  /**
   * The index as JSON (JSON.stringify, or writeJsonFile as indexStore.ts saves it). Its chunks and names are
   * read as they are written (lazyObject), so saving a large index copies neither into another object.
   */
  snapshot(): IndexSnapshot {
    const names = this.names;
    return {
      format: INDEX_FORMAT,
      nextId: this.nextId,
      files: Object.fromEntries(this.files),
      chunks: lazyObject(() => this.chunks.entries()) as unknown as IndexSnapshot['chunks'],
      engine: this.engine.serialize(),
      names: lazyObject(() => names.entries()) as unknown as NameTableSnapshot,
    };
  }
}

