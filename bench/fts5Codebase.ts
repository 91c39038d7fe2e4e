/**
 * Measurement spike (bench only): what CodebaseIndex would become on an FTS5 database file. Files, chunks
 * and the name table live in SQLite tables beside the full-text table (at 100,000 files even a Map of chunk
 * objects is large), so the process holds almost nothing per file; the database file replaces the JSON
 * snapshot. Offers the methods syncIndex calls, so the real walk / chunk / redact path feeds it.
 * Writes are grouped into one transaction per BATCH_CHUNKS chunks (FTS5 writes one segment per commit).
 */
import type { Chunk, ChunkKind, ChunkWithText } from '../src/codebase/chunk';
import type { CodebaseIndex, FileStamp, SearchResult } from '../src/codebase/codebaseIndex';
import { withFileEvidence } from '../src/codebase/fileEvidence';
import { wordsOf } from '../src/codebase/names/words';
import { Redactor } from '../src/privacy/redactor';
import { Fts5Index, RERANK_POOL, type Fts5Variant } from './fts5Index';
import { openDatabase, type Database, type Statement } from './sqliteWasm';

/** The same kind weights as CodebaseIndex's KIND_WEIGHTS (see there for how they were tuned). */
const KIND_WEIGHTS: Readonly<Record<ChunkKind, number>> = { function: 1, class: 0.7, header: 0.7, code: 0.7, lines: 0.7 };
const KINDS: readonly ChunkKind[] = ['function', 'class', 'header', 'code', 'lines'];
/** Chunks written per transaction. */
const BATCH_CHUNKS = 20_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime REAL NOT NULL, first_id INTEGER NOT NULL, chunks INTEGER NOT NULL, names TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS chunks(id INTEGER PRIMARY KEY, path TEXT NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL, kind INTEGER NOT NULL, symbol TEXT NOT NULL, container TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS names(name TEXT PRIMARY KEY, files INTEGER NOT NULL) WITHOUT ROWID;`;

/** The part of CodebaseIndex that syncIndex uses. */
type Syncable = Pick<CodebaseIndex, 'paths' | 'stamp' | 'setFile' | 'removeFile' | 'fileCount' | 'chunkCount'>;

export class Fts5Codebase implements Syncable {
  private readonly db: Database;
  readonly engine: Fts5Index;
  private readonly redactor = new Redactor();
  private nextId: number;
  private pending = 0;
  private readonly st: Record<'stamp' | 'file' | 'insertFile' | 'deleteFile' | 'insertChunk' | 'insertChunks' | 'deleteChunks' | 'nameUp' | 'namesUp' | 'nameDown' | 'nameGone', Statement>;
  private readonly perRow: boolean;

  constructor(file: string, variant: Fts5Variant) {
    this.db = openDatabase(file);
    this.engine = new Fts5Index(this.db, variant);
    this.perRow = variant.perRow ?? false;
    this.db.exec(SCHEMA);
    this.nextId = Number(this.db.get('SELECT coalesce(max(id), 0) + 1 AS n FROM chunks')?.n ?? 1);
    this.st = {
      stamp: this.db.prepare('SELECT size, mtime FROM files WHERE path = ?'),
      file: this.db.prepare('SELECT first_id, chunks, names FROM files WHERE path = ?'),
      insertFile: this.db.prepare('INSERT INTO files(path, size, mtime, first_id, chunks, names) VALUES (?, ?, ?, ?, ?, ?)'),
      deleteFile: this.db.prepare('DELETE FROM files WHERE path = ?'),
      insertChunk: this.db.prepare('INSERT INTO chunks(id, path, start_line, end_line, kind, symbol, container) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      deleteChunks: this.db.prepare('DELETE FROM chunks WHERE id >= ? AND id < ?'),
      // The JSON forms: one statement per file (a file holds ~20 chunks and ~200 distinct names).
      insertChunks: this.db.prepare('INSERT INTO chunks(id, path, start_line, end_line, kind, symbol, container) SELECT value->>0, ?, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?)'),
      namesUp: this.db.prepare('INSERT INTO names(name, files) SELECT value, 1 FROM json_each(?) WHERE true ON CONFLICT(name) DO UPDATE SET files = files + 1'),
      nameUp: this.db.prepare('INSERT INTO names(name, files) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET files = files + 1'),
      nameDown: this.db.prepare('UPDATE names SET files = files - 1 WHERE name = ?'),
      nameGone: this.db.prepare('DELETE FROM names WHERE name = ? AND files <= 0'),
    };
  }

  paths(): string[] {
    return this.db.all('SELECT path FROM files').map((r) => String(r.path));
  }

  stamp(path: string): FileStamp | undefined {
    const r = this.st.stamp.get(path);
    return r ? { size: Number(r.size), mtimeMs: Number(r.mtime) } : undefined;
  }

  get fileCount(): number {
    return Number(this.db.get('SELECT count(*) AS n FROM files')?.n ?? 0);
  }

  get chunkCount(): number {
    return this.engine.size;
  }

  setFile(path: string, stamp: FileStamp, chunks: readonly ChunkWithText[]): void {
    this.write(chunks.length + 1);
    this.removeFile(path);
    const firstId = this.nextId;
    const words = wordsOf(path);
    const rows: unknown[] = [];
    const docs = chunks.map(({ text, ...chunk }) => {
      const id = this.nextId++;
      const row = [id, chunk.startLine, chunk.endLine, KINDS.indexOf(chunk.kind), chunk.symbol, chunk.container];
      if (this.perRow) this.st.insertChunk.run([id, path, chunk.startLine, chunk.endLine, KINDS.indexOf(chunk.kind), chunk.symbol, chunk.container]);
      else rows.push(row);
      const body = this.redactor.redact(text).text;
      for (const word of wordsOf(body)) words.add(word);
      return { id, names: [chunk.container, chunk.symbol].join(' '), path, body, weight: KIND_WEIGHTS[chunk.kind] };
    });
    if (rows.length) this.st.insertChunks.run([path, JSON.stringify(rows)]);
    this.engine.add(docs);
    if (this.perRow) for (const name of words) this.st.nameUp.run(name);
    else if (words.size) this.st.namesUp.run(JSON.stringify([...words]));
    this.st.insertFile.run([path, stamp.size, stamp.mtimeMs, firstId, chunks.length, [...words].join(' ')]);
  }

  removeFile(path: string): void {
    const r = this.st.file.get(path);
    if (!r) return;
    this.write(Number(r.chunks) + 1);
    const first = Number(r.first_id);
    const count = Number(r.chunks);
    this.engine.remove(Array.from({ length: count }, (_, i) => first + i));
    this.st.deleteChunks.run([first, first + count]);
    const names = String(r.names).split(' ').filter(Boolean);
    if (this.perRow || names.length < 2) {
      for (const name of names) {
        this.st.nameDown.run(name);
        this.st.nameGone.run(name);
      }
    } else {
      const list = JSON.stringify(names);
      this.db.run('UPDATE names SET files = files - 1 WHERE name IN (SELECT value FROM json_each(?))', list);
      this.db.run('DELETE FROM names WHERE files <= 0 AND name IN (SELECT value FROM json_each(?))', list);
    }
    this.st.deleteFile.run(path);
  }

  /** Whether some indexed file holds `name` (the name table's question). */
  hasName(name: string): boolean {
    return this.db.get('SELECT 1 AS y FROM names WHERE name = ?', name) !== null;
  }

  search(query: string, top: number): SearchResult[] {
    this.commit();
    const hits = this.engine.search(query, Math.max(top, RERANK_POOL));
    if (hits.length === 0) return [];
    const rows = new Map(this.db.all(`SELECT * FROM chunks WHERE id IN (${hits.map((h) => h.id).join(',')})`).map((r) => [Number(r.id), r]));
    const found = hits.flatMap(({ id, score }) => {
      const r = rows.get(id);
      if (!r) return [];
      const chunk: Chunk = { path: String(r.path), startLine: Number(r.start_line), endLine: Number(r.end_line), kind: KINDS[Number(r.kind)], symbol: String(r.symbol), container: String(r.container) };
      return [{ ...chunk, score }];
    });
    return withFileEvidence(found).slice(0, top);
  }

  /** Opens a transaction when none is open; commits when this batch has grown past BATCH_CHUNKS rows. */
  private write(rows: number): void {
    if (this.pending + rows > BATCH_CHUNKS) this.commit();
    if (!this.db.inTransaction) this.db.exec('BEGIN');
    this.pending += rows;
  }

  commit(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.pending = 0;
  }

  close(): void {
    this.commit();
    this.engine.close();
    for (const s of Object.values(this.st)) s.finalize();
    this.db.close();
  }
}
