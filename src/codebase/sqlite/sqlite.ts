/**
 * node-sqlite3-wasm (SQLite compiled to WebAssembly with FTS5, its database in a real file through a Node
 * `fs` VFS): loaded on first use, so only the index worker and the CLI ever evaluate it, never the extension
 * host. Its emscripten loader finds `node-sqlite3-wasm.wasm` beside the script that holds it (`__dirname`):
 * next to the package's own script when run from source (tsx, tests), next to the bundle in dist/ (esbuild
 * bundles the loader; esbuild.config.mjs copies the wasm there).
 */
import type { Database } from 'node-sqlite3-wasm';

export type { Database, Statement } from 'node-sqlite3-wasm';

type Sqlite = typeof import('node-sqlite3-wasm');

let loaded: Sqlite | undefined;

/** The package, required on the first call (it compiles its wasm then: ~1.3 MB). */
function sqlite(): Sqlite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('node-sqlite3-wasm') as Sqlite;
  return loaded;
}

/** Opens (creating) the database file at `path`. */
export function openSqlite(path: string): Database {
  return new (sqlite().Database)(path);
}
