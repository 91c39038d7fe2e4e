/**
 * How many tokens the prompt may spend on the prefix, the suffix and the context snippets, and the cuts that
 * keep each part within its share.
 *
 * Why these shares, for a model running on the user's machine:
 * - The whole prompt stays below the model's real context minus the answer (`maxTokens`), or the server
 *   silently drops the start of the prompt. It is also capped (MAX_PROMPT_TOKENS): a local model pays for
 *   every prompt token it has not cached, and a new set of snippets at the top of the prompt invalidates
 *   Ollama's prompt cache from there on, so a cold request must stay affordable on a laptop.
 * - The suffix follows the cursor, so in prefix-suffix-middle order it is re-read on every keystroke: it
 *   gets a small share (a few dozen lines tell the model what comes next; the post-processing needs only
 *   the next lines), capped at MAX_SUFFIX_TOKENS.
 * - Snippets get a quarter: a definition or two of what the cursor uses is worth more than distant prefix
 *   lines, but never more than the code being completed.
 * - The prefix gets the rest, and what the other parts leave unused: the nearest code matters most and,
 *   being stable between keystrokes, stays cached.
 * Peers for comparison: Continue spends 1024 tokens in all (30% prefix, at most 20% suffix).
 */
import { estimateTokens } from '../text/tokens';
import { MAX_PROMPT_TOKENS } from '../tunables/tunables';
import { MAX_SUFFIX_TOKENS } from '../tunables/tunables';
import { SUFFIX_SHARE } from '../tunables/tunables';
import { SNIPPET_SHARE } from '../tunables/tunables';
import { TEMPLATE_RESERVE } from '../tunables/tunables';

export { MAX_PROMPT_TOKENS };
export { MAX_SUFFIX_TOKENS };

export interface PromptBudget {
  /** Everything the prompt may spend. */
  total: number;
  prefix: number;
  suffix: number;
  snippets: number;
}

/**
 * The token budget of a completion prompt for a model with `contextLength` tokens of context that must leave
 * `maxTokens` for its answer. The prefix share is what is left after the suffix and snippet shares; callers
 * hand unused suffix and snippet tokens to the prefix.
 */
export function promptBudget(contextLength: number, maxTokens: number, maxPromptTokens = MAX_PROMPT_TOKENS): PromptBudget {
  const total = Math.max(0, Math.min(maxPromptTokens, contextLength - maxTokens - TEMPLATE_RESERVE));
  const suffix = Math.min(MAX_SUFFIX_TOKENS, Math.floor(total * SUFFIX_SHARE));
  const snippets = Math.floor(total * SNIPPET_SHARE);
  return { total, prefix: total - suffix - snippets, suffix, snippets };
}

/**
 * The end of `text` (the prefix) that fits in `budget` tokens, starting at a line start. Walks back line by
 * line from the cursor, so the cost follows the budget, not the file's size. When even the cursor's own line
 * does not fit (minified code), that line is cut at a token boundary.
 */
export function keepEnd(text: string, budget: number): string {
  let start = text.lastIndexOf('\n') + 1;
  let used = estimateTokens(text.slice(start));
  if (used > budget) return cutLineEnd(text.slice(start), budget);
  while (start > 0) {
    // text[start - 1] is the line break that ends the previous line.
    const previous = start >= 2 ? text.lastIndexOf('\n', start - 2) + 1 : 0;
    const cost = estimateTokens(text.slice(previous, start - 1)) + 1;
    if (used + cost > budget) break;
    used += cost;
    start = previous;
  }
  return text.slice(start);
}

/** The start of `text` (the suffix) that fits in `budget` tokens, ending at a line end. */
export function keepStart(text: string, budget: number): string {
  let end = lineEndFrom(text, 0);
  let used = estimateTokens(text.slice(0, end));
  if (used > budget) return cutLineStart(text.slice(0, end), budget);
  while (end < text.length) {
    // text[end] is the line break before the next line.
    const next = lineEndFrom(text, end + 1);
    const cost = estimateTokens(text.slice(end + 1, next)) + 1;
    if (used + cost > budget) break;
    used += cost;
    end = next;
  }
  return text.slice(0, end);
}

function lineEndFrom(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** Token pieces as the estimate counts them: identifier runs, numbers, single symbols, whitespace runs. */
const PIECE = /[A-Za-z_]+|\d+|[^\sA-Za-z_\d]|\s+/g;
/** No piece costs less than a token per 8 characters (a run of spaces), which bounds how much text can fit. */
const MAX_CHARS_PER_TOKEN = 8;

/** The longest end of one line that fits, starting at a piece boundary (never inside an identifier). */
function cutLineEnd(line: string, budget: number): string {
  const windowStart = Math.max(0, line.length - budget * MAX_CHARS_PER_TOKEN);
  const pieces = [...line.slice(windowStart).matchAll(PIECE)];
  let used = 0;
  let kept = pieces.length;
  for (let i = pieces.length - 1; i >= 0; i--) {
    const cost = estimateTokens(pieces[i][0]);
    if (used + cost > budget) break;
    used += cost;
    kept = i;
  }
  // The window may start inside a piece; that piece is not a boundary.
  if (kept === 0 && windowStart > 0) kept = 1;
  return kept < pieces.length ? line.slice(windowStart + (pieces[kept].index ?? 0)) : '';
}

/** The longest start of one line that fits, ending at a piece boundary. */
function cutLineStart(line: string, budget: number): string {
  const window = line.slice(0, budget * MAX_CHARS_PER_TOKEN);
  const pieces = [...window.matchAll(PIECE)];
  let used = 0;
  let end = 0;
  for (let i = 0; i < pieces.length; i++) {
    const cost = estimateTokens(pieces[i][0]);
    if (used + cost > budget) break;
    // The window may end inside a piece; that piece is not a boundary.
    if (i === pieces.length - 1 && window.length < line.length) break;
    used += cost;
    end = (pieces[i].index ?? 0) + pieces[i][0].length;
  }
  return line.slice(0, end);
}
