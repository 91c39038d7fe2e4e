/**
 * One ranking across retrievers. Each retriever scores on its own scale; here they become comparable:
 * a definition of a name used at the cursor outranks a signature of an enclosing scope, which outranks
 * a module outline, which outranks a window that merely looks similar. A definition reached through
 * several names (an alias, a member and its module) is kept once, with its best score plus a little.
 */
import type { SnippetCandidate } from './snippets/snippet';
import { AGAIN_SHARE } from '../tunables/tunables';

/** Multipliers that put each retriever's scores on one scale. */
export const SOURCE_WEIGHT: Readonly<Record<string, number>> = {
  imports: 1,
  scope: 1,
  /** A module outline is worth less than the definitions of the members actually used. */
  module: 0.5,
  similar: 0.5,
  /** Found by name in the whole workspace, not through the file's imports: likely, not certain, the one used. */
  repository: 0.7,
};


export function mergeCandidates(candidates: readonly SnippetCandidate[]): SnippetCandidate[] {
  const byKey = new Map<string, SnippetCandidate>();
  for (const c of candidates) {
    const weighted = { ...c, score: c.score * (SOURCE_WEIGHT[c.source] ?? 0.5) };
    const key = `${c.source}\u0000${c.path}\u0000${c.forms[0]?.startLine}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, weighted);
    else seen.score = Math.max(seen.score, weighted.score) + AGAIN_SHARE * Math.min(seen.score, weighted.score);
  }
  return [...byKey.values()].sort((a, b) => b.score - a.score);
}
