/**
 * What the codebase index keeps per file, chunk and name, apart from its lexical engine: each file's stamp
 * (size and time it was indexed at) and chunk ids, each chunk's place and names, and the name table
 * (names/nameTable.ts). Two implementations: MemoryChunkStore here (Maps, saved in the JSON snapshot) and
 * SqliteChunkStore (sqlite/sqliteChunkStore.ts: tables in the root's index database, for large trees, where
 * even a Map of chunk objects is large). CodebaseIndex works over either.
 */
import type { Chunk } from './chunk';
import { NameTable, type NameTableSnapshot } from './names/nameTable';
import { ownString } from './ownString';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** "Is this name held by some file of the workspace?" and a file's names. */
export interface NameLookup {
  has(name: string): boolean;
  namesOf(path: string): readonly string[];
}

export interface ChunkStore {
  readonly fileCount: number;
  readonly chunkCount: number;
  readonly names: NameLookup;
  stamp(path: string): FileStamp | undefined;
  paths(): string[];
  /** Stores a file (not held now) with its chunks under new ids, and the names it holds; returns the ids, in order. */
  addFile(path: string, stamp: FileStamp, chunks: readonly Chunk[], names: ReadonlySet<string>): number[];
  /** Forgets a file; the ids its chunks had (empty when it was not held). */
  removeFile(path: string): number[];
  chunk(id: number): Chunk | undefined;
  /** The chunks of `ids` that are held, by id. */
  chunks(ids: readonly number[]): Map<number, Chunk>;
  /** Every chunk with its id, read a page at a time. */
  chunkEntries(): Iterable<[id: number, chunk: Chunk]>;
}

export interface FileEntry extends FileStamp {
  ids: number[];
}

export interface MemoryStoreSnapshot {
  nextId: number;
  files: Record<string, FileEntry>;
  chunks: Record<string, Chunk>;
  names: NameTableSnapshot;
}

export class MemoryChunkStore implements ChunkStore {
  constructor(
    private readonly files = new Map<string, FileEntry>(),
    private readonly chunkMap = new Map<number, Chunk>(),
    private nextId = 1,
    readonly table = new NameTable(),
  ) {}

  static restore(snapshot: MemoryStoreSnapshot): MemoryChunkStore {
    const files = new Map(Object.entries(snapshot.files));
    const chunks = new Map(Object.entries(snapshot.chunks).map(([id, c]) => [Number(id), c]));
    return new MemoryChunkStore(files, chunks, snapshot.nextId, NameTable.restore(snapshot.names));
  }

  get fileCount(): number {
    return this.files.size;
  }

  get chunkCount(): number {
    return this.chunkMap.size;
  }

  get names(): NameLookup {
    return this.table;
  }

  get next(): number {
    return this.nextId;
  }

  stamp(path: string): FileStamp | undefined {
    const entry = this.files.get(path);
    return entry && { size: entry.size, mtimeMs: entry.mtimeMs };
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  addFile(path: string, stamp: FileStamp, chunks: readonly Chunk[], names: ReadonlySet<string>): number[] {
    const ids = chunks.map((chunk) => {
      const id = this.nextId++;
      // Names cut from the file's text would keep all of it alive (ownString.ts).
      this.chunkMap.set(id, { ...chunk, symbol: ownString(chunk.symbol), container: ownString(chunk.container) });
      return id;
    });
    this.table.setFile(path, names);
    this.files.set(path, { size: stamp.size, mtimeMs: stamp.mtimeMs, ids });
    return ids;
  }

  removeFile(path: string): number[] {
    const entry = this.files.get(path);
    if (!entry) return [];
    this.table.removeFile(path);
    for (const id of entry.ids) this.chunkMap.delete(id);
    this.files.delete(path);
    return entry.ids;
  }

  chunk(id: number): Chunk | undefined {
    return this.chunkMap.get(id);
  }

  chunks(ids: readonly number[]): Map<number, Chunk> {
    const found = new Map<number, Chunk>();
    for (const id of ids) {
      const chunk = this.chunkMap.get(id);
      if (chunk) found.set(id, chunk);
    }
    return found;
  }

  chunkEntries(): Iterable<[id: number, chunk: Chunk]> {
    return this.chunkMap.entries();
  }

  fileEntries(): IterableIterator<[string, FileEntry]> {
    return this.files.entries();
  }

  /** The chunk map itself (the snapshot reads it as it writes). */
  chunkIterator(): IterableIterator<[number, Chunk]> {
    return this.chunkMap.entries();
  }
}
