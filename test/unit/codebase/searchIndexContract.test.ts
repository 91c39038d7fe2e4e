import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiniSearchIndex } from '../../../src/codebase/miniSearchIndex';
import type { LexicalDoc, SearchIndex } from '../../../src/codebase/searchIndex';
import { Fts5Index, FTS_SCHEMA } from '../../../src/codebase/sqlite/fts5Index';
import { IndexDatabase } from '../../../src/codebase/sqlite/indexDatabase';

/** The SearchIndex contract, held by both engines: MiniSearch in memory and FTS5 in a database file. */
const engines: Array<{ name: string; open: () => { index: SearchIndex; close: () => void } }> = [
  { name: 'MiniSearch', open: () => ({ index: MiniSearchIndex.create(), close: () => undefined }) },
  {
    name: 'FTS5',
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), 'fathom-fts5-'));
      const idb = IndexDatabase.open(join(dir, 'index.db'), 1, FTS_SCHEMA);
      return {
        index: new Fts5Index(idb),
        close: () => {
          idb.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

const doc = (id: number, names: string, body: string, weight = 1, path = `src/f${id}.ts`): LexicalDoc => ({ id, names, path, body, weight });

for (const engine of engines) {
  describe(`codebase: SearchIndex contract (${engine.name})`, () => {
    let opened: ReturnType<(typeof engines)[number]['open']>;
    let index: SearchIndex;
    beforeEach(() => {
      opened = engine.open();
      index = opened.index;
    });
    afterEach(() => opened.close());

    it('counts what it holds, and finds nothing in an empty index', () => {
      assert.equal(index.size, 0);
      assert.deepEqual(index.search('parse color', 10), []);
      index.add([doc(1, 'parseColor', 'return rgb(hex);'), doc(2, 'parseDate', 'return new Date(text);')]);
      assert.equal(index.size, 2);
    });

    it('ranks the chunk whose names the query says first; names count above the body', () => {
      index.add([doc(1, 'formatDate', 'parse the color first'), doc(2, 'parseColor', 'return rgb(hex);'), doc(3, 'other', 'nothing here')]);
      assert.deepEqual(index.search('parse color', 10).map((h) => h.id), [2, 1]);
    });

    it("counts a word among a function's parameters above the same word in another chunk's body alone", () => {
      // The shorter body would win on body words alone.
      index.add([{ ...doc(1, 'send', 'send(message, timeout) { socket.write(message); wait(); }'), params: '(message, timeout)' }, doc(2, 'send', 'send timeout')]);
      assert.deepEqual(index.search('send timeout', 2).map((h) => h.id), [1, 2]);
    });

    it("finds a chunk by its crowded file's path (crowdedPath) as by a path", () => {
      index.add([{ ...doc(1, 'close', 'self.state = None', 1, ''), crowdedPath: 'big/mailbox.py' }, doc(2, 'close', 'self.state = None', 1, 'small/queue.py')]);
      assert.deepEqual(index.search('close mailbox', 2).map((h) => h.id), [1, 2]);
    });

    it('splits identifiers in queries and fields: a camelCase name finds snake_case words', () => {
      index.add([doc(1, 'load_user_profile', 'return db.get(id)'), doc(2, 'saveSettings', 'write(file)')]);
      assert.equal(index.search('loadUserProfile', 5)[0]?.id, 1);
      assert.equal(index.search('save settings', 5)[0]?.id, 2);
    });

    it('weights a chunk: of two equal matches, the heavier first', () => {
      index.add([doc(1, 'reconnect', 'socket timeout', 0.5, 'a.ts'), doc(2, 'reconnect', 'socket timeout', 1, 'b.ts')]);
      const hits = index.search('reconnect socket', 2);
      assert.deepEqual(hits.map((h) => h.id), [2, 1]);
      assert.ok(hits[0].score > hits[1].score);
    });

    it('removes documents: they are never found again, and the size drops', () => {
      index.add([doc(1, 'parseColor', 'rgb'), doc(2, 'parseColorName', 'named')]);
      index.remove([1, 99]);
      assert.equal(index.size, 1);
      assert.deepEqual(index.search('parse color', 10).map((h) => h.id), [2]);
    });

    it('answers nothing for an empty query or one of stop words and symbols only', () => {
      index.add([doc(1, 'parseColor', 'the of and')]);
      assert.deepEqual(index.search('', 10), []);
      assert.deepEqual(index.search('  ?! ', 10), []);
    });

    it('finds words with non-ASCII letters as they are written, and takes operator words as words', () => {
      index.add([doc(1, 'größeBerechnen', 'berechnet die Größe'), doc(2, 'café', 'crème brûlée'), doc(3, 'near', 'not or and')]);
      assert.equal(index.search('größe', 5)[0]?.id, 1);
      assert.equal(index.search('café crème', 5)[0]?.id, 2);
      assert.equal(index.search('NEAR', 5)[0]?.id, 3);
    });

    it('keeps at most `limit` hits, best first', () => {
      index.add(Array.from({ length: 30 }, (_, i) => doc(i + 1, `handler${i}`, 'request '.repeat(1 + (i % 5)))));
      const hits = index.search('request', 7);
      assert.equal(hits.length, 7);
      for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score);
    });
  });
}
