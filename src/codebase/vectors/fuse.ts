/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): each list gives an item 1 / (k + rank),
 * and the sums decide. It needs no score calibration between a lexical engine's BM25 and a model's cosine
 * similarities, which live on unrelated scales, and an item both lists rank well beats one only a single
 * list likes.
 */

/** The paper's constant: large enough that the first few ranks of one list do not decide alone. */
export const RRF_K = 60;

export interface Fused<T> {
  item: T;
  score: number;
}

/**
 * Fuses ranked lists (best first) of items identified by `keyOf`, best first. `weights` scale each list's
 * share (default 1 each). Ties keep the order the items were first seen in, lists in order.
 */
export function reciprocalRankFusion<T>(lists: ReadonlyArray<readonly T[]>, keyOf: (item: T) => string, options: { k?: number; weights?: readonly number[] } = {}): Array<Fused<T>> {
  const k = options.k ?? RRF_K;
  const fused = new Map<string, Fused<T> & { first: number }>();
  let seen = 0;
  lists.forEach((list, l) => {
    const weight = options.weights?.[l] ?? 1;
    list.forEach((item, rank) => {
      const key = keyOf(item);
      const entry = fused.get(key) ?? { item, score: 0, first: seen++ };
      entry.score += weight / (k + rank + 1);
      fused.set(key, entry);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score || a.first - b.first).map(({ item, score }) => ({ item, score }));
}
