/**
 * A fast token estimate for budgeting prompts, without a tokenizer: code BPE vocabularies give roughly
 * one token per identifier piece of ~4 characters, per punctuation mark, and per run of spaces.
 * It errs slightly high so a prompt fitted with it stays within the model's real context.
 */
const PIECES = /[A-Za-z_]+|\d+|[^\sA-Za-z_\d]|\s+/g;

export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const m of text.matchAll(PIECES)) {
    const piece = m[0];
    const c = piece.charCodeAt(0);
    if (c === 32 || c === 9 || c === 10 || c === 13) tokens += piece.includes('\n') ? piece.split('\n').length - 1 || 1 : Math.ceil(piece.length / 8);
    else if (piece.length > 1) tokens += Math.ceil(piece.length / 4);
    else tokens += 1;
  }
  return tokens;
}

/** Longest prefix of `text` (whole lines when possible) that fits in `budget` tokens. */
export function takeTokensFromStart(text: string, budget: number): string {
  return takeLines(text.split('\n'), budget, false).join('\n');
}

/** Longest suffix of `text` (whole lines when possible) that fits in `budget` tokens. */
export function takeTokensFromEnd(text: string, budget: number): string {
  return takeLines(text.split('\n'), budget, true).join('\n');
}

function takeLines(lines: string[], budget: number, fromEnd: boolean): string[] {
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[fromEnd ? lines.length - 1 - i : i];
    const cost = estimateTokens(line) + 1;
    if (used + cost > budget) break;
    used += cost;
    kept.push(line);
  }
  return fromEnd ? kept.reverse() : kept;
}

/**
 * The part of `text` around `offset` that fits in `budget` tokens: whole lines grown outwards from the
 * offset's line while they fit; when that line alone is too long (minified code), the characters around the
 * offset. Returns the part and where it starts in `text`.
 */
export function takeTokensAround(text: string, offset: number, budget: number): { text: string; start: number } {
  if (estimateTokens(text) <= budget) return { text, start: 0 };
  const at = Math.max(0, Math.min(offset, text.length));
  let start = text.lastIndexOf('\n', at - 1) + 1;
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  let used = estimateTokens(text.slice(start, end));
  if (used > budget) return charactersAround(text, at, budget);
  for (let grew = true; grew; ) {
    grew = false;
    if (start > 0) {
      const from = text.lastIndexOf('\n', start - 2) + 1;
      const cost = estimateTokens(text.slice(from, start));
      if (used + cost <= budget) {
        used += cost;
        start = from;
        grew = true;
      }
    }
    if (end < text.length) {
      const next = text.indexOf('\n', end + 1);
      const to = next < 0 ? text.length : next;
      const cost = estimateTokens(text.slice(end, to));
      if (used + cost <= budget) {
        used += cost;
        end = to;
        grew = true;
      }
    }
  }
  return { text: text.slice(start, end), start };
}

/** The widest window of characters centred on `offset` that fits in `budget` tokens (binary search on its width). */
function charactersAround(text: string, offset: number, budget: number): { text: string; start: number } {
  let low = 0;
  let high = Math.max(offset, text.length - offset);
  while (low < high) {
    const half = Math.ceil((low + high) / 2);
    if (estimateTokens(text.slice(Math.max(0, offset - half), offset + half)) <= budget) low = half;
    else high = half - 1;
  }
  const start = Math.max(0, offset - low);
  return { text: text.slice(start, offset + low), start };
}
