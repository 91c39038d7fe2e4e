import * as assert from 'node:assert/strict';
import { findSimilarSnippets, jaccard, wordsOf } from '../../../src/context/similar';

describe('context: similar windows (Jaccard baseline)', () => {
  it('measures the overlap of two word sets', () => {
    assert.equal(jaccard(new Set(['a', 'b']), new Set(['b', 'c'])), 1 / 3);
    assert.equal(jaccard(new Set(), new Set(['a'])), 0);
    assert.deepEqual([...wordsOf('const total = price * count; return total;')], ['total', 'price', 'count']);
  });

  it('finds the window that uses the same words as the lines before the cursor, best first', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `unrelated_${i}()`).join('\n');
    const target = 'cart.items.forEach((item) => {\n  subtotal += item.price * item.quantity;\n});';
    const documents = [
      { path: 'a.ts', text: `${filler}\n${target}\n${filler}` },
      { path: 'b.ts', text: filler },
    ];
    const found = findSimilarSnippets('let subtotal = 0;\nfor (const item of cart.items) subtotal += item.price * item.quantity;', documents, { windowLines: 5, step: 1 });
    assert.equal(found[0].path, 'a.ts');
    assert.ok(found[0].text.includes('item.quantity'));
    assert.equal(found[0].source, 'similar');
    assert.ok(found.every((s, i) => i === 0 || s.score <= found[i - 1].score));
    assert.ok(!found.some((s, i) => found.some((t, j) => j !== i && t.path === s.path && t.startLine <= s.endLine && s.startLine <= t.endLine)), 'no two windows overlap');
  });

  it('returns nothing worth its tokens when nothing is alike', () => {
    assert.deepEqual(findSimilarSnippets('alpha beta gamma', [{ path: 'x.ts', text: 'delta epsilon\nzeta eta' }]), []);
  });
});
