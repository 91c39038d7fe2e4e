import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LexicalDoc } from '../../../src/codebase/searchIndex';
import { Fts5Index, FTS_SCHEMA, repeatsCapped } from '../../../src/codebase/sqlite/fts5Index';
import { IndexDatabase } from '../../../src/codebase/sqlite/indexDatabase';

/**
 * FTS5's bm25 divides by the length of the whole row: a body that repeats a word counts it twice at most, so a
 * long function saying the question's words over and over neither outscores on them nor buries a name's match.
 */
describe('codebase: FTS5 counts a word at most twice in a body', () => {
  let dir: string;
  let idb: IndexDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fathom-fts5-repeats-'));
    idb = IndexDatabase.open(join(dir, 'index.db'), 1, FTS_SCHEMA);
  });
  afterEach(() => {
    idb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each word\'s first occurrences, in order', () => {
    assert.deepEqual(repeatsCapped(['a', 'b', 'a', 'a', 'c', 'b', 'b', 'a'], 2), ['a', 'b', 'a', 'c', 'b']);
    assert.deepEqual(repeatsCapped(['a', 'a'], 1), ['a']);
    assert.deepEqual(repeatsCapped([], 2), []);
  });

  it('scores a body that repeats a word thirty times as one that says it twice', () => {
    const words = Array.from({ length: 20 }, (_, i) => `field${i}`).join(' ');
    const often: LexicalDoc = { id: 1, names: 'render', path: 'src/a.py', body: `${words} ${'header '.repeat(30)}`, weight: 1 };
    const twice: LexicalDoc = { id: 2, names: 'render', path: 'src/a.py', body: `${words} header header`, weight: 1 };
    const once: LexicalDoc = { id: 3, names: 'render', path: 'src/a.py', body: `${words} header`, weight: 1 };
    const others = Array.from({ length: 8 }, (_, i): LexicalDoc => ({ id: 10 + i, names: `helper${i}`, path: `src/h${i}.py`, body: `return x plus ${i}`, weight: 1 }));
    const index = new Fts5Index(idb);
    index.add([often, twice, once, ...others]);
    const scores = new Map(index.search('header', 10).map((h) => [h.id, h.score]));
    assert.equal(scores.get(1), scores.get(2));
    assert.ok(scores.get(2)! > scores.get(3)!, 'a second occurrence still counts');
  });
});
