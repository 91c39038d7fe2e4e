/**
 * node-sqlite3-wasm (SQLite 3.53 compiled to WebAssembly with FTS5, its database in a real file through a
 * Node `fs` VFS) for the FTS5 measurement spike, loaded from the spike's own folder (.spike/, outside the
 * project's node_modules: the package is not a dependency of Fathom). Only the part of its API the spike
 * uses is typed here, so the bench type-checks on a machine without the package.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

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

/** Where `npm i node-sqlite3-wasm@0.8.60` was run (FATHOM_SPIKE_SQLITE to point elsewhere). */
const PACKAGE = process.env.FATHOM_SPIKE_SQLITE ?? join(__dirname, '..', '.spike', 'node_modules', 'node-sqlite3-wasm');

/** Opens (creating) the database file at `path`. */
export function openDatabase(path: string): Database {
  const { Database: Db } = createRequire(__filename)(PACKAGE) as { Database: new (file: string) => Database };
  return new Db(path);
}
