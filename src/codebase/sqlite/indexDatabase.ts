/**
 * One root's index database file (`index-<hash>.db` beside where its JSON snapshot would be): opened once by
 * the index worker (or the CLI) and held for the connection's life, set up for a rebuildable index.
 *
 * - `PRAGMA locking_mode=EXCLUSIVE`: node-sqlite3-wasm's VFS locks with a mkdir/rmdir of `<db>.lock` per
 *   transaction, and SQLite drops its page cache whenever the lock is released (measured: 4.8 ms per primary
 *   key lookup outside a transaction, 0.07 ms with the lock held). Taken at open, released at close.
 * - `journal_mode=OFF`, `synchronous=OFF`: a crash can leave a half-written file, so a `dirty` flag is set in
 *   the first transaction of a sync and cleared after its last commit; a file opened dirty, of another format
 *   (INDEX_FORMAT in `PRAGMA user_version`) or that SQLite cannot read is deleted and rebuilt.
 * - The lock directory outlives a crash (every later open would be busy): its owner (pid and a random token) is
 *   written into it. A lock whose pid is gone, or whose pid is this process's but whose token this process
 *   does not hold (a restarted worker thread shares the pid), is stale and removed. A lock held by another
 *   live process (a second window on the same root) throws IndexBusyError.
 * - Writes are grouped into one transaction per BATCH_ROWS rows (FTS5 writes a segment per commit).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openSqlite, type Database, type Statement } from './sqlite';

/** Rows (chunks, files) written per transaction. */
const BATCH_ROWS = 20_000;
/** SQLite's page cache, KiB (the default 2 MB re-reads B-tree pages on every query). */
const CACHE_KIB = 16_384;
/** A lock directory without an owner file this old is a crash's, not another process taking it right now. */
const OWNERLESS_STALE_MS = 5_000;

/** Another live process (a second window on the same root) holds the database. */
export class IndexBusyError extends Error {
  constructor(readonly file: string, readonly pid: number | undefined) {
    super(`the index database ${file} is in use by another process${pid ? ` (pid ${pid})` : ''}`);
    this.name = 'IndexBusyError';
  }
}

/** The tokens of the locks this process (this thread's module) holds. */
const held = new Set<string>();

interface LockOwner {
  pid: number;
  token: string;
}

export class IndexDatabase {
  private pending = 0;
  private dirty = false;
  private readonly statements: Statement[] = [];

  private constructor(
    readonly file: string,
    readonly db: Database,
    private readonly token: string,
    /** The file was created (or recreated) empty by this open. */
    readonly fresh: boolean,
  ) {}

  /**
   * Opens `file` for an index of `format`, creating it; a stale lock is cleared; a file of another format, a
   * dirty one or a corrupt one is deleted and created again (`fresh`). Throws IndexBusyError when another
   * live process holds it.
   */
  static open(file: string, format: number, schema: string): IndexDatabase {
    mkdirSync(dirname(file), { recursive: true });
    clearStaleLock(file);
    let recreated = false;
    for (;;) {
      let db: Database | undefined;
      let token: string | undefined;
      try {
        db = openSqlite(file);
        db.exec(`PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-${CACHE_KIB};`);
        // The first read takes the lock (the VFS's mkdir), kept until close.
        const version = Number(db.get('PRAGMA user_version')?.user_version ?? 0);
        token = takeOwnership(file);
        const tables = Number(db.get("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'meta'")?.n ?? 0);
        const usable = tables === 1 && version === format && Number(db.get("SELECT value FROM meta WHERE key = 'dirty'")?.value ?? 1) === 0;
        if (!usable && (tables > 0 || version !== 0)) throw new Rebuild();
        if (!usable) {
          db.exec(`${schema}; CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID; INSERT INTO meta VALUES ('dirty', 0); PRAGMA user_version=${format};`);
        }
        return new IndexDatabase(file, db, token, !usable || recreated);
      } catch (error) {
        if (isBusy(error)) {
          closeQuietly(db, file, token);
          throw new IndexBusyError(file, undefined);
        }
        if (recreated || !(error instanceof Rebuild || isCorrupt(error))) {
          closeQuietly(db, file, token);
          throw error;
        }
        closeQuietly(db, file, token);
        removeDatabase(file);
        recreated = true;
      }
    }
  }

  /** A prepared statement, finalized at close (a connection with statements left open is not closed: its lock stays). */
  prepare(sql: string): Statement {
    const statement = this.db.prepare(sql);
    this.statements.push(statement);
    return statement;
  }

  /** Opens a write transaction when none is open (marking the file dirty), committing first when this batch is full. */
  write(rows: number): void {
    if (this.pending + rows > BATCH_ROWS && this.db.inTransaction) {
      this.db.exec('COMMIT');
      this.pending = 0;
    }
    if (!this.db.inTransaction) {
      this.db.exec('BEGIN');
      if (!this.dirty) {
        this.db.run("UPDATE meta SET value = 1 WHERE key = 'dirty'");
        this.dirty = true;
      }
    }
    this.pending += rows;
  }

  /** Commits what was written and marks the file whole again (the end of a sync: saving is this commit). */
  commit(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.pending = 0;
    if (this.dirty) {
      this.db.run("UPDATE meta SET value = 0 WHERE key = 'dirty'");
      this.dirty = false;
    }
  }

  /** Commits, then closes the connection, releasing the lock (its owner file first: the VFS removes the directory with rmdir). */
  close(): void {
    if (!this.db.isOpen) return;
    try {
      this.commit();
    } finally {
      for (const statement of this.statements) if (!statement.isFinalized) statement.finalize();
      closeQuietly(this.db, this.file, this.token);
    }
  }

  get bytes(): number {
    return statSync(this.file, { throwIfNoEntry: false })?.size ?? 0;
  }
}

class Rebuild extends Error {}

/** The database file with its lock directory: what "rebuild the index" deletes. */
export function removeDatabase(file: string): void {
  rmSync(file, { force: true });
  rmSync(lockDir(file), { recursive: true, force: true });
}

function lockDir(file: string): string {
  return `${file}.lock`;
}

function ownerFile(file: string): string {
  return join(lockDir(file), 'owner');
}

/** Writes this process's owner file into the lock the VFS just took; returns its token. */
function takeOwnership(file: string): string {
  const token = randomBytes(12).toString('hex');
  writeFileSync(ownerFile(file), JSON.stringify({ pid: process.pid, token } satisfies LockOwner));
  held.add(token);
  return token;
}

function closeQuietly(db: Database | undefined, file: string, token: string | undefined): void {
  if (token !== undefined) {
    held.delete(token);
    try {
      unlinkSync(ownerFile(file));
    } catch {
      // already gone
    }
  }
  try {
    if (db?.isOpen) db.close();
  } catch {
    // a connection that failed to open has nothing to release
  }
}

/** Removes the lock directory a crashed owner left; throws IndexBusyError when a live one holds it. */
function clearStaleLock(file: string): void {
  const dir = lockDir(file);
  const info = statSync(dir, { throwIfNoEntry: false });
  if (!info) return;
  const owner = readOwner(file);
  if (!owner) {
    if (Date.now() - info.mtimeMs < OWNERLESS_STALE_MS) throw new IndexBusyError(file, undefined);
  } else if (isAlive(owner.pid) && (owner.pid !== process.pid || held.has(owner.token))) {
    throw new IndexBusyError(file, owner.pid);
  }
  rmSync(dir, { recursive: true, force: true });
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(ownerFile(file), 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.token === 'string' ? { pid: owner.pid, token: owner.token } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this id runs (signal 0 checks without sending; EPERM: it runs as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && /database is locked|SQLITE_BUSY/i.test(error.message);
}

function isCorrupt(error: unknown): boolean {
  return error instanceof Error && /not a database|malformed|corrupt|disk I\/O error/i.test(error.message);
}
