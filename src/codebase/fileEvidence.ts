/**
 * Re-ranks a query's chunk hits with the evidence of their files: a chunk whose file holds another chunk
 * that matches the query is more likely the answer than an equal match alone in an unrelated file (the
 * file is about the question's subject). A classic code-search trick, kept small: each chunk gains a share
 * of the best *other* chunk's score in its file, so a file's single match is never raised by itself.
 */

/** The share of the best other chunk's score a chunk gains. On the development sets 0.1 raised recall@10 on
 * all three (TypeScript +1.1, JavaScript +0.6, Python +1.2 points); 0.2 did less, a sum over the file hurt. */
export const SAME_FILE_SHARE = 0.1;

/** `hits` (best first) re-scored with their files' evidence, best first. */
export function withFileEvidence<T extends { path: string; score: number }>(hits: readonly T[]): T[] {
  // The two best scores per file: a chunk's "best other" is the best, or the second when it is the best.
  const best = new Map<string, [first: number, second: number]>();
  for (const h of hits) {
    const top = best.get(h.path);
    if (!top) best.set(h.path, [h.score, 0]);
    else if (h.score > top[0]) best.set(h.path, [h.score, top[0]]);
    else if (h.score > top[1]) top[1] = h.score;
  }
  const seen = new Set<string>();
  const rescored = hits.map((h) => {
    const [first, second] = best.get(h.path)!;
    // The file's first hit with the best score is that best; any other hit of the file has the best as its other.
    const isBest = h.score === first && !seen.has(h.path);
    if (isBest) seen.add(h.path);
    return { ...h, score: h.score + SAME_FILE_SHARE * (isBest ? second : first) };
  });
  return rescored.sort((a, b) => b.score - a.score);
}
