import * as assert from 'node:assert/strict';
import { reciprocalRankFusion, RRF_K } from '../../../../src/codebase/vectors/fuse';

describe('codebase vectors: reciprocal rank fusion', () => {
  const id = (x: string) => x;

  it('sums 1 / (k + rank) over the lists', () => {
    const fused = reciprocalRankFusion([['a', 'b'], ['b', 'c']], id);
    assert.deepEqual(fused.map((f) => f.item), ['b', 'a', 'c']);
    assert.ok(Math.abs(fused[0].score - (1 / (RRF_K + 2) + 1 / (RRF_K + 1))) < 1e-12);
    assert.ok(Math.abs(fused[1].score - 1 / (RRF_K + 1)) < 1e-12);
  });

  it('an item both lists rank fairly well beats the top of a single list', () => {
    const fused = reciprocalRankFusion([['x', 'p', 'q', 'both'], ['y', 'r', 'both']], id);
    assert.equal(fused[0].item, 'both');
  });

  it('weights scale a list’s share; ties keep first-seen order', () => {
    assert.deepEqual(reciprocalRankFusion([['a'], ['b']], id).map((f) => f.item), ['a', 'b']);
    assert.deepEqual(reciprocalRankFusion([['a'], ['b']], id, { weights: [1, 2] }).map((f) => f.item), ['b', 'a']);
  });

  it('identifies items by key, keeping the first list’s object', () => {
    const fused = reciprocalRankFusion([[{ k: 'a', from: 1 }], [{ k: 'a', from: 2 }]], (x) => x.k);
    assert.equal(fused.length, 1);
    assert.equal(fused[0].item.from, 1);
  });
});
