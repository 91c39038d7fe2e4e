/**
 * Re-ranks a query's chunk hits by how much of each chunk's own name the question says. A doc comment's
 * first sentence often spells out the function's name in prose ("Close the sequence." for `close`, "Log an
 * error." for `log_error`): a chunk whose whole name is in the question is more likely the answer than one
 * that only shares some of the question's other words, however many. Only the chunk's own symbol counts,
 * not its class (every method of a class shares that), and the question's stop words count too (`is_dir`
 * is named by "Return whether it is a directory").
 */
import { codeTokens, nameTerms } from './tokenize';

/**
 * How much a chunk's score grows when the question holds its whole name (in proportion for a part). On the
 * development sets, with the engine's coverage by word rarity (miniSearchIndex.ts), 0.25 raised recall@10 on
 * Python by 3.2 points (JavaScript +2.2; TypeScript, whose names are long camelCase phrases, -0.8 with
 * MiniSearch's coverage at its old exponent); 0.5 raised recall@1 more and recall@10 less.
 */
export const NAME_COVERAGE_BOOST = 0.25;

/** `hits` (best first) with each score raised by the share of its symbol's words the query holds, best first. */
export function withNameCoverage<T extends { symbol: string; score: number }>(hits: readonly T[], query: string): T[] {
  const asked = new Set(codeTokens(query));
  const names = new Map<string, number>();
  const covered = (symbol: string) => {
    let share = names.get(symbol);
    if (share === undefined) {
      const terms = nameTerms(symbol);
      share = terms.length ? terms.filter((t) => asked.has(t)).length / terms.length : 0;
      names.set(symbol, share);
    }
    return share;
  };
  return hits.map((h) => (h.symbol ? { ...h, score: h.score * (1 + NAME_COVERAGE_BOOST * covered(h.symbol)) } : h)).sort((a, b) => b.score - a.score);
}
