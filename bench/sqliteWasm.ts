/**
 * node-sqlite3-wasm (SQLite 3.53 compiled to WebAssembly with FTS5, its database in a real file through a
 * Node `fs` VFS) for the FTS5 measurement (bench/fts5.ts, bench/FTS5-SPIKE.md): a pinned devDependency, not
 * yet part of the extension. Only the part of its API the bench uses is typed here.
 */
import { createRequire } from 'node:module';

export type SqlValue = number | bigint | string | Uint8Array | null;
export type Row = Record<string, SqlValue>;

export interface Statement {
  run(values?: SqlValue | SqlValue[]): { changes: number; lastInsertRowid: number | bigint };
  all(values?: SqlValue | SqlValue[]): Row[];
  get(values?: SqlValue | SqlValue[]): Row | null;
  iterate(values?: SqlValue | SqlValue[]): IterableIterator<Row>;
  finalize(): void;
}

export interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  run(sql: string, values?: SqlValue | SqlValue[]): { changes: number };
  all(sql: string, values?: SqlValue | SqlValue[]): Row[];
  get(sql: string, values?: SqlValue | SqlValue[]): Row | null;
  close(): void;
  readonly inTransaction: boolean;
}

/** The package (FATHOM_SPIKE_SQLITE to measure another build of it). */
const PACKAGE = process.env.FATHOM_SPIKE_SQLITE ?? 'node-sqlite3-wasm';

/** Opens (creating) the database file at `path`. */
export function openDatabase(path: string): Database {
  const { Database: Db } = createRequire(__filename)(PACKAGE) as { Database: new (file: string) => Database };
  return new Db(path);
}
