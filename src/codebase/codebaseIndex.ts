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
import { MemoryChunkStore, type ChunkStore, type FileStamp, type MemoryStoreSnapshot, type NameLookup } from './chunkStore';
import { withFileEvidence } from './fileEvidence';
import { lazyObject } from './jsonStream';
import { MiniSearchIndex } from './miniSearchIndex';
import { withNameCoverage } from './nameCoverage';
import type { NameTableSnapshot } from './names/nameTable';
import { wordsOf } from './names/words';
import type { SearchIndex } from './searchIndex';

export type { FileStamp } from './chunkStore';

/** Bumped whenever chunking, tokenizing or the snapshot's shape changes: an older snapshot is rebuilt. */
export const INDEX_FORMAT = 9;

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

/**
 * A file of more chunks than this is crowded: its path, shared by dozens of definitions, says less about each
 * (a Python module such as `mailbox.py` or `inspect.py`, a large `utils.ts`), and counts half (crowdedPath in
 * FIELD_BOOSTS). Recall@10 was the same at 15 to 25 (Python 73.6, held-out 76.2–76.4); at 10, TypeScript lost
 * 0.9; at 40, the held-out packages gained less. A third, never-tuned Python set (packages vendored by the
 * Google Cloud SDK) gained 0.8.
 */
export const CROWDED_FILE_CHUNKS = 20;

/** How many of the engine's best hits are re-ranked with their files' evidence (the answer is rarely below). */
const RERANK_POOL = 200;

export interface SearchResult extends Chunk {
  score: number;
}

export interface IndexSnapshot extends MemoryStoreSnapshot {
  format: number;
  engine: unknown;
}

/** A chunk store and the lexical engine over its chunks: in memory (saved as JSON) or in one database file. */
export interface IndexBackend {
  store: ChunkStore;
  engine: SearchIndex;
  /** Set for an index in a database file: what saving and closing it mean, and its size. */
  disk?: { file: string; commit(): void; close(): void; bytes(): number };
}

/**
 * Where a large root's index lives (the index worker and the CLI give it: sqlite/diskTier.ts; the extension
 * host never loads SQLite). A full sync says how many files it walked before it indexes them (expect), so the
 * index starts in the right tier rather than moving half-way.
 */
export interface DiskTier {
  /** From how many files the index lives on disk; an index on disk moves back to memory below half of it. */
  readonly fromFiles: number;
  /** The root's database, emptied; undefined when another process holds it (the index stays in memory). */
  create(): IndexBackend | undefined;
  /** Deletes the root's database (the index moved back to memory). */
  remove(): void;
}

export class CodebaseIndex {
  private constructor(
    private backend: IndexBackend,
    private readonly redactor: Redactor,
    private readonly tier: DiskTier | undefined,
  ) {}

  static empty(redactor = new Redactor(), tier?: DiskTier): CodebaseIndex {
    return new CodebaseIndex(memoryBackend(), redactor, tier);
  }

  /** The index a snapshot holds; undefined when it is of another format (the caller rebuilds). */
  static restore(snapshot: IndexSnapshot, redactor = new Redactor(), tier?: DiskTier): CodebaseIndex | undefined {
    if (snapshot?.format !== INDEX_FORMAT || !snapshot.names) return undefined;
    return new CodebaseIndex({ store: MemoryChunkStore.restore(snapshot), engine: MiniSearchIndex.restore(snapshot.engine) }, redactor, tier);
  }

  /** An index over a backend already opened (an index database: sqlite/diskTier.ts). */
  static over(backend: IndexBackend, redactor = new Redactor(), tier?: DiskTier): CodebaseIndex {
    return new CodebaseIndex(backend, redactor, tier);
  }

  /** The index lives in a database file (saving it is a commit; there is no JSON snapshot). */
  get onDisk(): boolean {
    return this.backend.disk !== undefined;
  }

  /** The database file of an index on disk. */
  get diskFile(): string | undefined {
    return this.backend.disk?.file;
  }

  /** The database file's size, for an index on disk. */
  diskBytes(): number | undefined {
    return this.backend.disk?.bytes();
  }

  /**
   * Told before a full sync indexes how many files the root holds: an index in memory that reaches the disk
   * tier's size moves to disk, one on disk that shrank below half of it moves back (the hysteresis keeps a
   * tree near the size from moving on every sync). Moving starts the new tier empty: the sync then indexes
   * every file into it. Returns whether it moved.
   */
  expect(files: number): boolean {
    const tier = this.tier;
    if (!tier) return false;
    if (!this.onDisk && files >= tier.fromFiles) {
      const disk = tier.create();
      if (!disk) return false;
      this.backend = disk;
      return true;
    }
    if (this.onDisk && files < tier.fromFiles / 2) {
      this.backend.disk!.close();
      tier.remove();
      this.backend = memoryBackend();
      return true;
    }
    return false;
  }

  /** Saves an index on disk (commits its writes); an index in memory is saved as a snapshot instead (indexStore.ts). */
  commit(): void {
    this.backend.disk?.commit();
  }

  /** Commits and closes an index on disk, releasing its database; nothing for one in memory. */
  close(): void {
    this.backend.disk?.close();
  }

  /** The size and time a file was indexed at; undefined when it is not in the index. */
  stamp(path: string): FileStamp | undefined {
    return this.backend.store.stamp(path);
  }

  paths(): string[] {
    return this.backend.store.paths();
  }

  get fileCount(): number {
    return this.backend.store.fileCount;
  }

  get chunkCount(): number {
    return this.backend.store.chunkCount;
  }

  /** The identifiers each file holds, for "is this name defined anywhere in the workspace?". */
  get names(): NameLookup {
    return this.backend.store.names;
  }

  /** Puts a file's chunks in place of whatever the index held for it. */
  setFile(path: string, stamp: FileStamp, chunks: readonly ChunkWithText[]): void {
    this.removeFile(path);
    // The path's words too: `from .utils import x` names a module by its file.
    const words = wordsOf(path);
    const bodies = chunks.map(({ text }) => {
      const body = this.redactor.redact(text).text;
      wordsOf(body, words);
      return body;
    });
    const { store, engine } = this.backend;
    const ids = store.addFile(path, stamp, chunks.map(({ text: _text, members: _members, params: _params, ...chunk }) => chunk), words);
    const crowded = chunks.length > CROWDED_FILE_CHUNKS;
    engine.add(
      chunks.map((chunk, i) => ({
        id: ids[i],
        names: chunkNames(chunk),
        path: crowded ? '' : path,
        crowdedPath: crowded ? path : '',
        body: bodies[i],
        params: chunk.params ? this.redactor.redact(chunk.params).text : '',
        weight: KIND_WEIGHTS[chunk.kind],
      })),
    );
  }

  removeFile(path: string): void {
    const ids = this.backend.store.removeFile(path);
    if (ids.length) this.backend.engine.remove(ids);
  }

  /**
   * The `top` chunks that best match `query`, best first (how much of their names the query says counted:
   * nameCoverage.ts; and their files' other matches: fileEvidence.ts).
   */
  search(query: string, top: number): SearchResult[] {
    const { store, engine } = this.backend;
    const found = engine.search(query, Math.max(top, RERANK_POOL));
    const chunks = store.chunks(found.map((h) => h.id));
    const hits = found.flatMap(({ id, score }) => {
      const chunk = chunks.get(id);
      return chunk ? [{ ...chunk, score }] : [];
    });
    return withFileEvidence(withNameCoverage(hits, query)).slice(0, top);
  }

  /** Prepares the engine's answers for its most common words, for idle time after a build (miniSearchIndex.ts). */
  warm(pause?: () => Promise<void>): Promise<number> {
    return this.backend.engine.warm?.(pause) ?? Promise.resolve(0);
  }

  /** Every chunk with its id (read a page at a time on disk): the vector store (vectors/) embeds those it holds no vector for. */
  chunkEntries(): Iterable<[id: number, chunk: Chunk]> {
    return this.backend.store.chunkEntries();
  }

  /** The chunk an id stands for (a vector search hit); undefined once it is gone. */
  chunk(id: number): Chunk | undefined {
    return this.backend.store.chunk(id);
  }

  /**
   * The index as JSON (JSON.stringify, or writeJsonFile as indexStore.ts saves it), for an index in memory
   * (on disk, the database is the snapshot). Its chunks and names are read as they are written (lazyObject),
   * so saving a large index copies neither into another object.
   */
  snapshot(): IndexSnapshot {
    const store = this.backend.store;
    if (!(store instanceof MemoryChunkStore)) throw new Error('an index on disk has no JSON snapshot: commit() saves it');
    const table = store.table;
    return {
      format: INDEX_FORMAT,
      nextId: store.next,
      files: Object.fromEntries(store.fileEntries()),
      chunks: lazyObject(() => store.chunkIterator()) as unknown as IndexSnapshot['chunks'],
      engine: this.backend.engine.serialize(),
      names: lazyObject(() => table.entries()) as unknown as NameTableSnapshot,
    };
  }
}

function memoryBackend(): IndexBackend {
  return { store: new MemoryChunkStore(), engine: MiniSearchIndex.create() };
}

/**
 * A chunk's names field: what encloses it, its symbol, a short class's members. A constructor named after its
 * class (Java, C#, C++, Kotlin, Dart: `ReactInstance.ReactInstance`, C++'s `Engine::Engine` outside its class)
 * gives its class's name once, not twice.
 */
export function chunkNames(chunk: Pick<ChunkWithText, 'container' | 'symbol' | 'members'>): string {
  const owner = chunk.container.slice(chunk.container.lastIndexOf('.') + 1);
  const qualified = chunk.symbol.split('::');
  const constructor = qualified.length > 1 && qualified[qualified.length - 1] === qualified[qualified.length - 2];
  const symbol = chunk.symbol === owner ? '' : constructor ? qualified.slice(0, -1).join('::') : chunk.symbol;
  return [chunk.container, symbol, ...(chunk.members ?? [])].join(' ');
}
