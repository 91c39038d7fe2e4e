import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CodebaseIndex, INDEX_FORMAT } from '../../../src/codebase/codebaseIndex';
import { saveIndex, snapshotPath } from '../../../src/codebase/indexStore';
import { databasePath, DISK_INDEX_ENV, DISK_INDEX_FROM_FILES, diskIndexFromFiles, openRootIndex } from '../../../src/codebase/sqlite/diskTier';
import { IndexBusyError, IndexDatabase } from '../../../src/codebase/sqlite/indexDatabase';
import { openSqlite } from '../../../src/codebase/sqlite/sqlite';
import { syncIndex } from '../../../src/codebase/syncIndex';
import { syncPaths } from '../../../src/codebase/syncPaths';
import { IndexService } from '../../../src/codebase/worker/indexService';
import { Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from '../syntax/grammars';

const fn = (name: string, body = 'input + 1') => `export function ${name}(input: number): number {\n  return ${body};\n}\n`;

describe('codebase: the index on disk (FTS5 in a database file)', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  let storage: string;
  const opened: CodebaseIndex[] = [];
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  /** The root's index with the disk tier from `fromFiles` files (1: always on disk). */
  const open = async (fromFiles = 1) => {
    const result = await openRootIndex(root, storage, { fromFiles });
    opened.push(result.index);
    return result;
  };
  const db = () => databasePath(storage, root);
  const symbols = (index: CodebaseIndex, query: string) => index.search(query, 5).map((r) => `${r.path}:${r.symbol}`);
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-disk-'));
    storage = mkdtempSync(join(tmpdir(), 'fathom-disk-store-'));
    write('src/price.ts', fn('totalPrice', 'input * 1.2'));
    write('src/cart.ts', fn('addToCart'));
    write('lib/money.py', 'def format_money(value):\n    return f"{value:.2f}"\n');
  });
  afterEach(() => {
    for (const index of opened.splice(0)) index.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });
  after(() => parsers.dispose());

  it('builds a large tree on disk, answers search, names and chunks from the database, and reopens without indexing again', async () => {
    const { index, fromSnapshot } = await open();
    assert.equal(fromSnapshot, false);
    const stats = await syncIndex(root, index, parsers);
    assert.equal(index.onDisk, true);
    assert.deepEqual([stats.files, stats.added], [3, 3]);
    assert.deepEqual(symbols(index, 'total price')[0], 'src/price.ts:totalPrice');
    assert.equal(index.names.has('format_money'), true);
    assert.equal(index.names.has('neverWritten'), false);
    assert.ok(index.names.namesOf('src/cart.ts').includes('addToCart'));
    const entries = [...index.chunkEntries()];
    assert.equal(entries.length, index.chunkCount);
    assert.deepEqual(index.chunk(entries[0][0]), entries[0][1]);
    index.commit();
    index.close();
    assert.equal(existsSync(`${db()}.lock`), false, 'closing releases the lock directory');
    assert.equal(existsSync(snapshotPath(storage, root)), false, 'no JSON snapshot beside the database');

    const again = await open();
    assert.equal(again.fromSnapshot, true);
    assert.equal(again.index.onDisk, true);
    const second = await syncIndex(root, again.index, parsers);
    assert.deepEqual([second.added, second.updated, second.unchanged], [0, 0, 3]);
    assert.deepEqual(symbols(again.index, 'format money')[0], 'lib/money.py:format_money');
  });

  it('follows changes, deletions and renames on disk (full and path syncs)', async () => {
    const { index } = await open();
    await syncIndex(root, index, parsers);
    write('src/price.ts', fn('grossPrice', 'input * 1.2'));
    unlinkSync(join(root, 'src/cart.ts'));
    renameSync(join(root, 'lib/money.py'), join(root, 'lib/currency.py'));
    const stats = await syncPaths(root, index, parsers, ['src/price.ts', 'src/cart.ts', 'lib/money.py', 'lib/currency.py']);
    assert.deepEqual([stats.added, stats.updated, stats.removed], [1, 1, 2]);
    assert.deepEqual(index.paths().sort(), ['lib/currency.py', 'src/price.ts']);
    assert.equal(index.names.has('totalPrice'), false, 'the old name left with its file');
    assert.equal(index.names.has('grossPrice'), true);
    assert.equal(index.names.has('addToCart'), false);
    assert.deepEqual(symbols(index, 'add to cart'), []);
    assert.equal(symbols(index, 'format money')[0], 'lib/currency.py:format_money');
    write('src/cart.ts', fn('addToCart'));
    const full = await syncIndex(root, index, parsers);
    assert.deepEqual([full.added, full.files], [1, 3]);
    assert.equal(symbols(index, 'add to cart')[0], 'src/cart.ts:addToCart');
  });

  const rebuiltAfter = async (spoil: () => void) => {
    const { index } = await open();
    await syncIndex(root, index, parsers);
    index.close();
    spoil();
    const again = await open();
    assert.equal(again.fromSnapshot, false, 'rebuilt from nothing');
    assert.equal(again.index.onDisk, true);
    assert.equal(again.index.fileCount, 0);
    const stats = await syncIndex(root, again.index, parsers);
    assert.equal(stats.added, 3);
    assert.equal(symbols(again.index, 'total price')[0], 'src/price.ts:totalPrice');
  };

  it('deletes and rebuilds a database of another format', () =>
    rebuiltAfter(() => {
      const raw = openSqlite(db());
      raw.exec(`PRAGMA user_version=${INDEX_FORMAT + 1}`);
      raw.close();
    }));

  it('deletes and rebuilds a database left dirty (a sync that did not finish its last commit)', () =>
    rebuiltAfter(() => {
      const raw = openSqlite(db());
      raw.run("UPDATE meta SET value = 1 WHERE key = 'dirty'");
      raw.close();
    }));

  it('deletes and rebuilds a corrupt database file', () => rebuiltAfter(() => writeFileSync(db(), 'not a database '.repeat(400))));

  it('is dirty on disk from the first batch a sync commits until its last commit', () => {
    const file = join(storage, 'dirty.db');
    const idb = IndexDatabase.open(file, 1, 'CREATE TABLE t(x)');
    const dirtyOnDisk = () => {
      // What a crash would leave: the file's bytes, read through a copy (the lock keeps other connections out).
      copyFileSync(file, `${file}.copy`);
      const raw = openSqlite(`${file}.copy`);
      try {
        return Number(raw.get("SELECT value FROM meta WHERE key = 'dirty'")?.value);
      } finally {
        raw.close();
      }
    };
    try {
      idb.write(15_000);
      idb.db.run('INSERT INTO t VALUES (1)');
      // Past the batch: the first transaction is committed, the sync goes on in a second one.
      idb.write(15_000);
      idb.db.run('INSERT INTO t VALUES (2)');
      assert.equal(dirtyOnDisk(), 1);
      idb.commit();
      assert.equal(dirtyOnDisk(), 0);
    } finally {
      idb.close();
    }
  });

  it('clears a stale lock: a dead process\'s, and one of this process whose token it does not hold (a restarted worker thread)', async () => {
    const { index } = await open();
    await syncIndex(root, index, parsers);
    index.close();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    for (const owner of [{ pid: dead, token: 'gone' }, { pid: process.pid, token: 'another-thread' }]) {
      mkdirSync(`${db()}.lock`, { recursive: true });
      writeFileSync(join(`${db()}.lock`, 'owner'), JSON.stringify(owner));
      const again = await open();
      assert.equal(again.busy, false, JSON.stringify(owner));
      assert.equal(again.index.onDisk, true);
      assert.equal(again.index.fileCount, 3, 'the index was kept');
      const written = JSON.parse(readFileSync(join(`${db()}.lock`, 'owner'), 'utf8')) as { pid: number; token: string };
      assert.deepEqual([written.pid, written.token === owner.token], [process.pid, false], 'the lock is ours now');
      again.index.close();
    }
  });

  it('a database held by another live process (or this one, open already) is busy: an index in memory, not saved, still answers', async () => {
    const first = await open();
    await syncIndex(root, first.index, parsers);
    first.index.commit();
    const second = await open();
    assert.equal(second.busy, true);
    assert.equal(second.index.onDisk, false);
    await syncIndex(root, second.index, parsers);
    assert.equal(symbols(second.index, 'total price')[0], 'src/price.ts:totalPrice');
    first.index.close();

    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      mkdirSync(`${db()}.lock`);
      writeFileSync(join(`${db()}.lock`, 'owner'), JSON.stringify({ pid: sleeper.pid, token: 'other-window' }));
      const third = await open();
      assert.equal(third.busy, true);
    } finally {
      sleeper.kill();
    }
  });

  it('moves to disk when a full sync walks past the threshold, and back to memory below half of it', async () => {
    const { index } = await open(4);
    await syncIndex(root, index, parsers);
    assert.equal(index.onDisk, false, '3 files < 4');
    write('src/a.ts', fn('alpha'));
    await syncPaths(root, index, parsers, ['src/a.ts']);
    assert.equal(index.onDisk, false, 'a path sync does not move it');
    const moved = await syncIndex(root, index, parsers);
    assert.equal(index.onDisk, true);
    assert.equal(moved.added, 4, 'every file indexed again, into the database');
    assert.equal(symbols(index, 'alpha')[0], 'src/a.ts:alpha');
    for (const path of ['src/a.ts', 'src/cart.ts']) unlinkSync(join(root, path));
    await syncIndex(root, index, parsers);
    assert.equal(index.onDisk, true, '2 files: not below half of 4');
    unlinkSync(join(root, 'lib/money.py'));
    const back = await syncIndex(root, index, parsers);
    assert.equal(index.onDisk, false);
    assert.equal(back.added, 1);
    assert.equal(existsSync(db()), false, 'the database is deleted');
    assert.equal(symbols(index, 'total price')[0], 'src/price.ts:totalPrice');
  });

  it('reads the threshold from the environment only when it is a whole number (tests)', () => {
    assert.equal(diskIndexFromFiles({ [DISK_INDEX_ENV]: '3' }), 3);
    assert.equal(diskIndexFromFiles({ [DISK_INDEX_ENV]: 'x' }), DISK_INDEX_FROM_FILES);
    assert.equal(diskIndexFromFiles({}), DISK_INDEX_FROM_FILES);
  });

  it('IndexBusyError names the file', () => {
    assert.match(new IndexBusyError('/x/index.db', 12).message, /\/x\/index\.db.*pid 12/);
  });

  describe('in the index service', () => {
    it('saves by committing, reports the database size, reopens from it, and a rebuild deletes it with its lock', async () => {
      const service = new IndexService(parsers, { saveDelayMs: 10, diskIndexFromFiles: 2 });
      await service.open(root, storage);
      // A JSON snapshot from before the tree grew goes once the index is on disk.
      await saveIndex(storage, root, CodebaseIndex.empty());
      const { status } = await service.sync(root);
      assert.equal(status.onDisk, true);
      assert.equal(status.snapshotBytes, readFileSync(db()).length);
      assert.equal(existsSync(snapshotPath(storage, root)), false);
      assert.equal((await service.codebase(root).search('total price', 1))[0]?.symbol, 'totalPrice');

      const other = new IndexService(parsers, { diskIndexFromFiles: 2 });
      const busy = await other.open(root, storage);
      assert.equal(busy.busy, true);
      const built = await other.sync(root);
      assert.equal(built.status.files, 3);
      assert.equal(built.status.onDisk, undefined);
      assert.equal(existsSync(snapshotPath(storage, root)), false, 'the busy window saves nothing');
      await other.close(root);

      const dropped = await service.drop(root);
      assert.equal(dropped.onDisk, undefined);
      assert.deepEqual([existsSync(db()), existsSync(`${db()}.lock`)], [false, false]);
      const rebuilt = await service.sync(root);
      assert.equal(rebuilt.status.onDisk, true);
      await service.close(root);
      assert.equal(existsSync(`${db()}.lock`), false, 'closing the root releases the database');

      const reopened = new IndexService(parsers, { diskIndexFromFiles: 2 });
      const status2 = await reopened.open(root, storage);
      assert.deepEqual([status2.fromSnapshot, status2.onDisk, status2.files], [true, true, 3]);
      await reopened.close(root);
    });
  });
});
