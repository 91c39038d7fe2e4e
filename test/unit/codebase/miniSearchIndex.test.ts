import * as assert from 'node:assert/strict';
import { COVERAGE_EXPONENT, MiniSearchIndex } from '../../../src/codebase/miniSearchIndex';
import type { LexicalDoc } from '../../../src/codebase/searchIndex';

describe('codebase: MiniSearch index', () => {
  const doc = (id: number, names: string, body: string, weight = 1): LexicalDoc => ({ id, names, path: `src/f${id}.ts`, body, weight });
  /** Twenty chunks that hold none of a test's words (ids from 10), so its words are rare, as in a real index. */
  const unrelated = (): LexicalDoc[] => Array.from({ length: 20 }, (_, i) => doc(i + 10, `other${i}`, 'pass'));
  // 100 chunks that all say "value", three that say something rarer.
  const docs = [
    ...Array.from({ length: 100 }, (_, i) => doc(i + 10, `helper${i}`, 'return value value value;')),
    doc(1, 'parseColor', 'const value = hex.slice(1); return rgb(value);'),
    doc(2, 'parseDate', 'return new Date(text);'),
    doc(3, 'formatColor', 'return `#${value}`;'),
  ];

  it("counts a crowded file's path (crowdedPath) below the same path of a file of few chunks", () => {
    const index = MiniSearchIndex.create();
    // Half the other chunks are in crowded files: both fields hold paths alike, and only their boosts differ.
    const others = unrelated().map((d, i) => (i % 2 ? { ...d, path: '', crowdedPath: d.path } : { ...d, crowdedPath: '' }));
    index.add([...others, { ...doc(1, 'close', 'self.state = None'), path: '', crowdedPath: 'big/mailbox.py' }, { ...doc(2, 'close', 'self.state = None'), path: 'small/mailbox.py', crowdedPath: '' }]);
    const hits = index.search('close mailbox', 2);
    assert.deepEqual(hits.map((h) => h.id), [2, 1]);
    assert.ok(hits[0].score > hits[1].score);
  });

  it('weights names above the body: the function named by the query comes first', () => {
    const index = MiniSearchIndex.create();
    index.add(docs);
    assert.deepEqual(index.search('parse color', 1).map((h) => h.id), [1]);
  });

  it('counts what a chunk covers of the query by word rarity: the rare word\'s chunk outranks one with two commoner words', () => {
    const index = MiniSearchIndex.create();
    index.add([
      ...Array.from({ length: 8 }, (_, i) => doc(i + 10, `check${i}`, 'return True')),
      ...Array.from({ length: 8 }, (_, i) => doc(i + 20, `make${i}`, 'return object()')),
      ...Array.from({ length: 60 }, (_, i) => doc(i + 30, `other${i}`, 'pass')),
      doc(1, 'handle', 'return self.socket'),
      doc(2, 'poll', 'if done: return True\n    return object.poll(self)'),
    ]);
    // Counting each matched word as one (MiniSearch's own OR), `poll` (True, object) would come first.
    assert.deepEqual(index.search('True when the socket object is open', 2).map((h) => h.id), [1, 2]);
  });

  it('in a large index, scores a query over the chunks with its rarer words only, and the same order among them', () => {
    const whole = MiniSearchIndex.create();
    const narrowed = MiniSearchIndex.create(50);
    whole.add(docs);
    narrowed.add(docs);
    const query = 'parse the color value';
    const all = whole.search(query, 200).map((h) => h.id);
    assert.ok(all.includes(10), 'searched whole, chunks with only the common word match too');
    assert.deepEqual(narrowed.search(query, 200).map((h) => h.id), all.filter((id) => id < 10));
  });

  it('in a large index, gives the narrowed chunks the same scores a whole search gives them', () => {
    const whole = MiniSearchIndex.create();
    const narrowed = MiniSearchIndex.create(50);
    whole.add(docs);
    narrowed.add(docs);
    // Each query with the chunks holding its rarer words.
    const cases: Array<[string, number[]]> = [['parse the color value', [1, 2, 3]], ['value of the date', [2]], ['format value value', [3]]];
    for (const [query, rare] of cases) {
      const expected = whole.search(query, 200).filter((h) => rare.includes(h.id));
      const got = narrowed.search(query, 200);
      assert.deepEqual(got.map((h) => h.id), expected.map((h) => h.id), query);
      got.forEach((h, i) => assert.ok(Math.abs(h.score - expected[i].score) < 1e-9, `${query}: ${h.score} = ${expected[i].score}`));
    }
  });

  it('in a large index, never builds a common word\'s result for every chunk holding it when the query has rarer words', () => {
    const index = MiniSearchIndex.create(50);
    index.add(docs);
    const results: number[] = [];
    // The engine's own results, as MiniSearch hands them over: how many chunks each search built a result for.
    const engine = (index as unknown as { engine: { search: (...args: unknown[]) => unknown[] } }).engine;
    const search = engine.search.bind(engine);
    engine.search = (...args) => {
      const found = search(...args);
      results.push(found.length);
      return found;
    };
    assert.deepEqual(index.search('parse the color value', 10).map((h) => h.id).sort(), [1, 2, 3]);
    assert.ok(Math.max(...results) <= 3, `largest result built: ${Math.max(...results)} chunks`);
  });

  it('in a large index, searches a query of common words only over every chunk', () => {
    const whole = MiniSearchIndex.create();
    const narrowed = MiniSearchIndex.create(50);
    whole.add(docs);
    narrowed.add(docs);
    assert.deepEqual(narrowed.search('the value', 200), whole.search('the value', 200));
  });

  it('warms its common words in idle time: queries then ask the engine nothing about them, with the same results', async () => {
    const cold = MiniSearchIndex.create(50);
    const warm = MiniSearchIndex.create(50);
    cold.add(docs);
    warm.add(docs);
    // The common words: "value", "return" and "helper" in the bodies and names, "src", "f" and "ts" in the paths.
    assert.equal(await warm.warm(), 6);
    const asked: string[] = [];
    const engine = (warm as unknown as { engine: { search: (query: string, ...rest: unknown[]) => unknown[] } }).engine;
    const search = engine.search.bind(engine);
    engine.search = (query, ...rest) => {
      asked.push(query);
      return search(query, ...rest);
    };
    for (const query of ['parse the color value', 'value of the date', 'the value']) {
      assert.deepEqual(warm.search(query, 200), cold.search(query, 200), query);
    }
    assert.ok(!asked.includes('valu'), `asked the engine: ${asked.join(', ')}`);
  });

  it('stops warming when the index changes meanwhile, and a small index needs no warming', async () => {
    const index = MiniSearchIndex.create(50);
    index.add(docs);
    const warmed = await index.warm(async () => index.add([doc(5, 'other', 'value')]));
    assert.equal(warmed, 1);
    const small = MiniSearchIndex.create();
    small.add(docs);
    assert.equal(await small.warm(), 0);
  });

  it('keeps the best `limit` chunks of many, equal scores in chunk id order, as a sort of all of them would', () => {
    const index = MiniSearchIndex.create();
    index.add(docs);
    const all = index.search('value', 200);
    assert.ok(all.length > 100);
    for (const limit of [1, 5, 37]) assert.deepEqual(index.search('value', limit), all.slice(0, limit), `limit ${limit}`);
  });

  it('counts a document\'s matches by its weight (code between definitions below the definitions)', () => {
    const index = MiniSearchIndex.create();
    index.add([doc(1, '', 'open the socket', 0.5), doc(2, '', 'open the socket')]);
    const [first, second] = index.search('open socket', 2);
    assert.equal(first.id, 2);
    assert.ok(Math.abs(second.score - first.score * 0.5) < 1e-9, `${second.score} = half of ${first.score}`);
  });

  it('does not lift a long chunk that merely mentions each of the question\'s words once above the short function about them', () => {
    const index = MiniSearchIndex.create();
    const filler = Array.from({ length: 40 }, (_, i) => `step${i % 37} node${i % 53}`).join(' ');
    index.add([
      ...docs,
      doc(201, '', 'fs.watch(configPath, () => reload(configPath));'),
      doc(202, '', `${filler} read ${filler} config ${filler} file ${filler} watch ${filler} changes`),
    ]);
    assert.deepEqual(index.search('watch the config file and read its changes', 1).map((h) => h.id), [201]);
  });

  it('answers from its remembered words only while the index is unchanged: an added or removed chunk counts at once', () => {
    const index = MiniSearchIndex.create();
    index.add(docs);
    assert.deepEqual(index.search('parse color', 1).map((h) => h.id), [1]);
    index.add([doc(4, 'parseColor', 'parse color')]);
    assert.deepEqual(index.search('parse color', 1).map((h) => h.id), [4]);
    index.remove([4]);
    assert.deepEqual(index.search('parse color', 1).map((h) => h.id), [1]);
  });

  it('scores a query as MiniSearch\'s OR does, but for coverage: word scores added, a repeated word twice, times the words matched (by rarity) to a power', () => {
    const index = MiniSearchIndex.create();
    index.add(docs);
    const parse = index.search('parse', 10).find((h) => h.id === 1)!.score;
    const color = index.search('color', 10).find((h) => h.id === 1)!.score;
    const both = index.search('parse color', 10).find((h) => h.id === 1)!.score;
    const repeated = index.search('parse parse color', 10).find((h) => h.id === 1)!.score;
    // `parse` and `color` are equally rare (two chunks each): each counts 1 towards the coverage.
    const covered = 2 ** COVERAGE_EXPONENT;
    assert.ok(Math.abs(both - covered * (parse + color)) < 1e-9, `${both} = ${covered} × (${parse} + ${color})`);
    assert.ok(Math.abs(repeated - covered * (2 * parse + color)) < 1e-9, `${repeated} = ${covered} × (2 × ${parse} + ${color})`);
  });

  it('matches a question\'s name words (`before`, `to`, `all`) in names only: "insert … before" finds insertBefore, a body\'s "before" counts nothing', () => {
    const index = MiniSearchIndex.create();
    index.add([
      doc(1, 'insertAfter', 'parent.insert(node, reference.next); // before'),
      doc(2, 'insertBefore', 'parent.insert(node, reference); // keeps the reference where it is'),
      ...unrelated(),
    ]);
    assert.deepEqual(index.search('Insert the node before the reference node.', 2).map((h) => h.id), [2, 1]);
  });

  it('matches the leading parts of a question\'s longer words in names: "Thread identifier" finds Thread.ident, not a body saying "thread"', () => {
    const index = MiniSearchIndex.create();
    index.add([
      doc(1, 'Thread start', 'self._started.set()  # the thread runs'),
      doc(2, 'Thread ident', 'return self._ident'),
      ...unrelated(),
    ]);
    assert.deepEqual(index.search('Thread identifier of this thread.', 2).map((h) => h.id), [2, 1]);
    // Only in names: a body's `ident` is not the question's "identifier".
    index.add([doc(3, 'Thread join', 'wait(self._ident)')]);
    assert.deepEqual(index.search('Thread identifier of this thread.', 3).map((h) => h.id).slice(0, 1), [2]);
  });

  it('removes documents and survives a snapshot', () => {
    const index = MiniSearchIndex.create();
    index.add(docs);
    index.remove([1]);
    const restored = MiniSearchIndex.restore(JSON.parse(JSON.stringify(index.serialize())));
    assert.equal(restored.size, docs.length - 1);
    assert.ok(!restored.search('parse color', 10).some((h) => h.id === 1));
    assert.deepEqual(restored.search('format color', 1).map((h) => h.id), [3]);
  });
});
