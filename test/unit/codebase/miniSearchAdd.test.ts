import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { addDocuments, cachedTerms, LEXICAL_FIELDS, TERM_CACHE_LIMIT } from '../../../src/codebase/miniSearchAdd';
import type { LexicalDoc } from '../../../src/codebase/searchIndex';
import { codeTokens, countCodeTokens } from '../../../src/codebase/tokenize';

const engine = () =>
  new MiniSearch<LexicalDoc>({ idField: 'id', fields: [...LEXICAL_FIELDS], storeFields: ['weight'], tokenize: codeTokens, processTerm: (t) => t });

const word = fc.constantFrom('value', 'Value', 'parseHTTPHeaders', 'read_line', 'readline', 'getValue', 'x', 'utf8Decode', 'the', 'files', 'résumé', '中文', '42', 'indices');
const text = fc.array(fc.oneof(word, fc.constantFrom(' ', '.', '(', ')', '\n', '«secret:aws:1»', '_', '-')), { maxLength: 40 }).map((parts) => parts.join(''));
const docs = fc
  .array(fc.record({ names: text, path: fc.constantFrom('src/a.ts', 'lib/read_line.py', 'x'), body: text, weight: fc.constantFrom(1, 0.7, 0.5) }), { maxLength: 12 })
  .map((list) => list.map((d, i) => ({ ...d, id: i + 1 })));

describe('codebase: adding documents to MiniSearch a distinct word at a time', () => {
  it('builds the same index as MiniSearch’s own addAll: same snapshot, same search results', () => {
    fc.assert(
      fc.property(fc.array(docs, { minLength: 1, maxLength: 3 }), fc.constantFrom('value', 'read line', 'parse headers', 'files'), (batches, query) => {
        const own = engine();
        const fast = engine();
        let next = 1;
        for (const batch of batches) {
          const renumbered = batch.map((d) => ({ ...d, id: next++ }));
          own.addAll(renumbered);
          addDocuments(fast, renumbered);
        }
        assert.equal(JSON.stringify(fast.toJSON()), JSON.stringify(own.toJSON()));
        assert.deepEqual(fast.search(query), own.search(query));
      }),
      { numRuns: 200 },
    );
  });

  it('stays the same index as addAll across removals and vacuums (a term a removal emptied is not written to a stale entry)', async () => {
    await fc.assert(
      fc.asyncProperty(docs, docs, fc.array(fc.nat(11)), fc.boolean(), fc.constantFrom('discard', 'remove'), async (first, second, dropped, vacuum, how) => {
        const own = engine();
        const fast = engine();
        own.addAll(first);
        addDocuments(fast, first);
        for (const id of new Set(dropped.map((i) => i + 1))) {
          if (!own.has(id)) continue;
          if (how === 'discard') {
            own.discard(id);
            fast.discard(id);
          } else {
            const doc = first[id - 1];
            own.remove(doc);
            fast.remove(doc);
          }
        }
        if (vacuum) await Promise.all([own.vacuum(), fast.vacuum()]);
        const again = second.map((d) => ({ ...d, id: d.id + 100 }));
        own.addAll(again);
        addDocuments(fast, again);
        if (vacuum) await Promise.all([own.vacuum(), fast.vacuum()]);
        assert.equal(JSON.stringify(fast.toJSON()), JSON.stringify(own.toJSON()));
      }),
      { numRuns: 150 },
    );
  });

  it('remembers at most TERM_CACHE_LIMIT terms per engine', () => {
    const fast = engine();
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const words: string[] = [];
    for (let i = 0; words.length < TERM_CACHE_LIMIT * 1.2; i++) {
      let w = 'q';
      for (let n = i; w.length < 6; n = Math.floor(n / 26)) w += letters[n % 26];
      words.push(w);
    }
    addDocuments(fast, [{ id: 1, names: '', path: 'p', body: words.join(' '), weight: 1 }]);
    assert.ok(fast.termCount > TERM_CACHE_LIMIT, `${fast.termCount} terms`);
    assert.ok(cachedTerms(fast) > 0 && cachedTerms(fast) <= TERM_CACHE_LIMIT);
  });

  it('refuses a document it already holds, as MiniSearch does', () => {
    const fast = engine();
    addDocuments(fast, [{ id: 1, names: 'a', path: 'p', body: 'b', weight: 1 }]);
    assert.throws(() => addDocuments(fast, [{ id: 1, names: 'c', path: 'p', body: 'd', weight: 1 }]), /duplicate ID 1/);
    assert.equal(fast.documentCount, 1);
  });

  it('hands the documents to the engine’s own addAll when its internals are not where MiniSearch 7 keeps them', () => {
    const added: LexicalDoc[] = [];
    const stranger = { addAll: (d: LexicalDoc[]) => added.push(...d) } as unknown as MiniSearch<LexicalDoc>;
    const doc = { id: 1, names: 'a', path: 'p', body: 'b', weight: 1 };
    addDocuments(stranger, [doc]);
    assert.deepEqual(added, [doc]);
  });
});

describe('codebase: counting a text’s terms', () => {
  it('counts exactly codeTokens’ terms, new terms in order of first occurrence, added to what the map held', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const counts = new Map<string, number>();
        countCodeTokens(a, counts);
        countCodeTokens(b, counts);
        const expected = new Map<string, number>();
        for (const t of [...codeTokens(a), ...codeTokens(b)]) expected.set(t, (expected.get(t) ?? 0) + 1);
        assert.deepEqual([...counts], [...expected]);
      }),
      { numRuns: 300 },
    );
  });
});
