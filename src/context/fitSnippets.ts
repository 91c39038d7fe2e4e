/**
 * Fits ranked snippets into the snippets' share of the prompt (promptBudget.ts splits the
 * model's real context length), each in the richest shape that fits: a class whole, or its member
 * signatures, or its header line.
 */
import { snippetComment } from './asComments';
import type { ContextSnippet, SnippetCandidate } from './snippets/snippet';
import { estimateTokens } from '../text/tokens';

/**
 * What a snippet costs in the prompt: written as a comment headed by its path, the costlier of the two
 * forms the prompt uses (the other being a repository file for models trained with repository tokens).
 */
export function snippetTokens(snippet: { path: string; text: string }, languageId: string): number {
  return estimateTokens(snippetComment(snippet, languageId)) + 2;
}

/** No text costs less than a token per 8 characters (the estimate's cheapest piece), so longer forms are skipped unmeasured. */
const MAX_CHARS_PER_TOKEN = 8;

const costs = new WeakMap<object, { languageId: string; path: string; tokens: number }>();

/** A form's cost, remembered with the form (definitions keep their forms between requests). */
function formCost(path: string, form: { text: string }, languageId: string): number {
  const known = costs.get(form);
  if (known && known.languageId === languageId && known.path === path) return known.tokens;
  const tokens = snippetTokens({ path, text: form.text }, languageId);
  costs.set(form, { languageId, path, tokens });
  return tokens;
}

/** The share of the budget the snippet at rank `i` may take at most (the first ones may be larger). */
function capFor(rank: number, budget: number): number {
  const share = rank === 0 ? 0.25 : rank < 3 ? 0.12 : 0.05;
  return Math.max(32, Math.floor(budget * share));
}

/**
 * Takes candidates best first, each in the richest shape within its cap and the remaining budget
 * (else its briefest shape if that fits), skipping what overlaps a snippet already taken; then
 * spends what is left on richer shapes of the snippets taken, best first.
 */
export function fitSnippets(candidates: readonly SnippetCandidate[], budget: number, languageId: string): { snippets: ContextSnippet[]; tokens: number } {
  const ordered = [...candidates].sort((a, b) => b.score - a.score);
  const taken: { candidate: SnippetCandidate; form: number; snippet: ContextSnippet }[] = [];
  let used = 0;
  const cost = (c: SnippetCandidate, i: number) => formCost(c.path, c.forms[i], languageId);
  for (const c of ordered) {
    const left = budget - used;
    if (left < 8) break;
    // The same code twice is waste (two similar windows, a definition found under two names); an
    // outline and a definition from the same file are not the same code.
    if (taken.some(({ snippet: t }) => t.source === c.source && t.path === c.path && c.forms.some((f) => f.startLine <= t.endLine && t.startLine <= f.endLine))) continue;
    const cap = Math.min(left, capFor(taken.length, budget));
    let pick = -1;
    for (let i = 0; i < c.forms.length && pick === -1; i++) if (c.forms[i].text.length <= cap * MAX_CHARS_PER_TOKEN && cost(c, i) <= cap) pick = i;
    if (pick === -1 && c.forms.length && cost(c, c.forms.length - 1) <= left) pick = c.forms.length - 1;
    if (pick === -1) continue;
    taken.push({ candidate: c, form: pick, snippet: snippetOf(c, pick) });
    used += cost(c, pick);
  }
  for (const t of taken) {
    for (let richer = 0; richer < t.form; richer++) {
      const extra = cost(t.candidate, richer) - cost(t.candidate, t.form);
      if (used + extra > budget) continue;
      used += extra;
      t.form = richer;
      t.snippet = snippetOf(t.candidate, richer);
      break;
    }
  }
  return { snippets: taken.map((t) => t.snippet), tokens: used };
}

function snippetOf(c: SnippetCandidate, form: number): ContextSnippet {
  const f = c.forms[form];
  return { path: c.path, startLine: f.startLine, endLine: f.endLine, text: f.text, source: c.source, score: c.score };
}
