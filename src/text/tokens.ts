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
