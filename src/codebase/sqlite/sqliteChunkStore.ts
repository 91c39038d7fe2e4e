/**
 * ChunkStore (chunkStore.ts) in the root's index database: nothing per file or chunk is kept in JS, so a
 * 100,000-file tree costs the worker no more memory than a small one. A file's chunk ids are consecutive
 * (`first_id`, `chunks`), so chunks need no index by file; its names are one space-joined string, and
 * `names` counts the files holding each name (the name table's question, "is this name anywhere?", is one
 * lookup). Each file is written with one statement per table over a JSON array (json_each): every statement
 * run costs several crossings into WebAssembly and a copy per string.
 */
import type { Chunk, ChunkKind } from '../chunk';
import type { ChunkStore, FileStamp, NameLookup } from '../chunkStore';
import type { IndexDatabase } from './indexDatabase';
import type { Statement } from './sqlite';

export const STORE_SCHEMA = `
  CREATE TABLE files(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime REAL NOT NULL, first_id INTEGER NOT NULL, chunks INTEGER NOT NULL, names TEXT NOT NULL);
  CREATE TABLE chunks(id INTEGER PRIMARY KEY, path TEXT NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL, kind INTEGER NOT NULL, symbol TEXT NOT NULL, container TEXT NOT NULL);
  CREATE TABLE names(name TEXT PRIMARY KEY, files INTEGER NOT NULL) WITHOUT ROWID`;

const KINDS: readonly ChunkKind[] = ['function', 'class', 'header', 'code', 'lines'];
/** Chunks read per page by chunkEntries. */
const PAGE = 5_000;
/** Ids per `IN (…)` list. */
const ID_LIST = 500;

type Row = Record<string, unknown>;

export class SqliteChunkStore implements ChunkStore {
  private nextId: number;
  private files: number;
  private count: number;
  private readonly st: Record<'stamp' | 'file' | 'insertFile' | 'deleteFile' | 'insertChunks' | 'deleteChunks' | 'namesUp' | 'namesDown' | 'namesGone' | 'hasName' | 'namesOf' | 'chunk' | 'page', Statement>;
  readonly names: NameLookup;

  constructor(private readonly idb: IndexDatabase) {
    const db = idb.db;
    this.nextId = Number(db.get('SELECT coalesce(max(id), 0) + 1 AS n FROM chunks')?.n ?? 1);
    this.files = Number(db.get('SELECT count(*) AS n FROM files')?.n ?? 0);
    this.count = Number(db.get('SELECT count(*) AS n FROM chunks')?.n ?? 0);
    this.st = {
      stamp: idb.prepare('SELECT size, mtime FROM files WHERE path = ?'),
      file: idb.prepare('SELECT first_id, chunks, names FROM files WHERE path = ?'),
      insertFile: idb.prepare('INSERT INTO files(path, size, mtime, first_id, chunks, names) VALUES (?, ?, ?, ?, ?, ?)'),
      deleteFile: idb.prepare('DELETE FROM files WHERE path = ?'),
      insertChunks: idb.prepare('INSERT INTO chunks(id, path, start_line, end_line, kind, symbol, container) SELECT value->>0, ?, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?)'),
      deleteChunks: idb.prepare('DELETE FROM chunks WHERE id >= ? AND id < ?'),
      namesUp: idb.prepare('INSERT INTO names(name, files) SELECT value, 1 FROM json_each(?) WHERE true ON CONFLICT(name) DO UPDATE SET files = files + 1'),
      namesDown: idb.prepare('UPDATE names SET files = files - 1 WHERE name IN (SELECT value FROM json_each(?))'),
      namesGone: idb.prepare('DELETE FROM names WHERE files <= 0 AND name IN (SELECT value FROM json_each(?))'),
      hasName: idb.prepare('SELECT 1 AS y FROM names WHERE name = ?'),
      namesOf: idb.prepare('SELECT names FROM files WHERE path = ?'),
      chunk: idb.prepare('SELECT * FROM chunks WHERE id = ?'),
      page: idb.prepare('SELECT * FROM chunks WHERE id > ? ORDER BY id LIMIT ?'),
    };
    this.names = {
      has: (name) => this.st.hasName.get(name) !== null,
      namesOf: (path) => String(this.st.namesOf.get(path)?.names ?? '').split(' ').filter(Boolean),
    };
  }

  get fileCount(): number {
    return this.files;
  }

  get chunkCount(): number {
    return this.count;
  }

  stamp(path: string): FileStamp | undefined {
    const r = this.st.stamp.get(path);
    return r ? { size: Number(r.size), mtimeMs: Number(r.mtime) } : undefined;
  }

  paths(): string[] {
    return this.idb.db.all('SELECT path FROM files').map((r) => String(r.path));
  }

  addFile(path: string, stamp: FileStamp, chunks: readonly Chunk[], names: ReadonlySet<string>): number[] {
    this.idb.write(chunks.length + 1);
    const firstId = this.nextId;
    const ids = chunks.map(() => this.nextId++);
    if (chunks.length) this.st.insertChunks.run([path, JSON.stringify(chunks.map((c, i) => [ids[i], c.startLine, c.endLine, KINDS.indexOf(c.kind), c.symbol, c.container]))]);
    // Names are identifiers (no spaces); the table keeps each once.
    const distinct = [...names].filter((n) => n.length > 0 && !/\s/.test(n));
    if (distinct.length) this.st.namesUp.run(JSON.stringify(distinct));
    this.st.insertFile.run([path, stamp.size, stamp.mtimeMs, firstId, chunks.length, distinct.join(' ')]);
    this.files++;
    this.count += chunks.length;
    return ids;
  }

  removeFile(path: string): number[] {
    const r = this.st.file.get(path);
    if (!r) return [];
    const first = Number(r.first_id);
    const count = Number(r.chunks);
    this.idb.write(count + 1);
    this.st.deleteChunks.run([first, first + count]);
    const names = String(r.names).split(' ').filter(Boolean);
    if (names.length) {
      const list = JSON.stringify(names);
      this.st.namesDown.run(list);
      this.st.namesGone.run(list);
    }
    this.st.deleteFile.run(path);
    this.files--;
    this.count -= count;
    return Array.from({ length: count }, (_, i) => first + i);
  }

  chunk(id: number): Chunk | undefined {
    const r = this.st.chunk.get(id);
    return r ? chunkOf(r) : undefined;
  }

  chunks(ids: readonly number[]): Map<number, Chunk> {
    const found = new Map<number, Chunk>();
    for (let i = 0; i < ids.length; i += ID_LIST) {
      const list = ids.slice(i, i + ID_LIST).filter(Number.isInteger).join(',');
      if (!list) continue;
      for (const r of this.idb.db.all(`SELECT * FROM chunks WHERE id IN (${list})`)) found.set(Number(r.id), chunkOf(r));
    }
    return found;
  }

  *chunkEntries(): Generator<[id: number, chunk: Chunk], void, undefined> {
    let after = 0;
    for (;;) {
      const rows = this.st.page.all([after, PAGE]);
      for (const r of rows) yield [Number(r.id), chunkOf(r)];
      if (rows.length < PAGE) return;
      after = Number(rows[rows.length - 1].id);
    }
  }
}

function chunkOf(r: Row): Chunk {
  return { path: String(r.path), startLine: Number(r.start_line), endLine: Number(r.end_line), kind: KINDS[Number(r.kind)], symbol: String(r.symbol), container: String(r.container) };
}
