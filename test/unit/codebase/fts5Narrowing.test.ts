import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LexicalDoc } from '../../../src/codebase/searchIndex';
import { Fts5Index, FTS_SCHEMA } from '../../../src/codebase/sqlite/fts5Index';
import { IndexDatabase } from '../../../src/codebase/sqlite/indexDatabase';

/**
 * A large FTS5 index selects a query's candidates by its rarest words, within a bound on the rows they hold,
 * and ranks them by every word: bm25's cost is per candidate row.
 */
describe('codebase: FTS5 narrows a query to its rarest words in a large index', () => {
  let dir: string;
  let idb: IndexDatabase;
  // 60 chunks say "value", 30 say "attribute", 4 say "sanitize"; ids 1–4 hold all three words.
  const docs: LexicalDoc[] = Array.from({ length: 100 }, (_, i) => {
    const id = i + 1;
    const words = [id <= 60 ? 'value' : 'other', id <= 30 ? 'attribute' : 'thing', id <= 4 ? 'sanitize' : 'plain'];
    return { id, names: `fn${id}`, path: `src/f${id}.ts`, body: words.join(' '), weight: 1 };
  });
  const open = (narrowFromDocs: number, selectRows: number) => new Fts5Index(idb, narrowFromDocs, selectRows);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fathom-fts5-narrow-'));
    idb = IndexDatabase.open(join(dir, 'index.db'), 1, FTS_SCHEMA);
    new Fts5Index(idb).add(docs);
  });
  afterEach(() => {
    idb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = (index: Fts5Index, query: string) => index.search(query, 200).map((h) => h.id);

  it('a small index: every word selects', () => {
    assert.equal(ids(open(1_000, 10), 'sanitize attribute value').length, 60);
  });

  it('a large index: the rarest words while their chunks fit the bound, at least the rarest', () => {
    // Bound 10: "sanitize" (4 rows) fits, "attribute" (30) would not: only the 4 chunks holding "sanitize".
    const narrow = open(50, 10).search('sanitize attribute value', 200);
    assert.deepEqual(narrow.map((h) => h.id).sort((a, b) => a - b), [1, 2, 3, 4]);
    assert.ok(narrow.every((h) => h.score > 0));
    // Bound 40: "sanitize" and "attribute" (34 rows) select; "value" only ranks.
    assert.equal(ids(open(50, 40), 'sanitize attribute value').length, 30);
    // Every word is common: the rarest alone selects, even beyond the bound.
    assert.equal(ids(open(50, 10), 'attribute value').length, 30);
    // One word: it selects.
    assert.equal(ids(open(50, 10), 'value').length, 60);
  });

  it('reads how many chunks hold a word again once the index changes', () => {
    const index = open(50, 10);
    const sanitizeOnly = () => Array.from({ length: 40 }, (_, i) => ({ id: 101 + i, names: `more${i}`, path: `src/m${i}.ts`, body: 'sanitize', weight: 1 }));
    // "sanitize" (4 rows) is the rarer word: it selects alone (the frequencies read here must not outlive a change).
    assert.deepEqual(ids(index, 'sanitize attribute').sort((a, b) => a - b), [1, 2, 3, 4]);
    // 40 more chunks say "sanitize" (44 rows): now "attribute" (30 rows) is the rarer word and selects.
    index.add(sanitizeOnly());
    assert.equal(ids(index, 'sanitize attribute').length, 30);
    // The 40 go again: "sanitize" is the rarer word once more.
    index.remove(sanitizeOnly().map((d) => d.id));
    assert.deepEqual(ids(index, 'sanitize attribute').sort((a, b) => a - b), [1, 2, 3, 4]);
  });
});
