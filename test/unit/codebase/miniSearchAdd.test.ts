import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { addDocuments, LEXICAL_FIELDS } from '../../../src/codebase/miniSearchAdd';
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
