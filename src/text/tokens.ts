/**
 * A fast token estimate for budgeting prompts, without a tokenizer: code BPE vocabularies give roughly
 * one token per identifier piece of ~4 characters, per punctuation mark, and per run of spaces.
 * It errs slightly high so a prompt fitted with it stays within the model's real context.
 */
export function estimateTokens(text: string): number {
  // One pass over the characters, counting the pieces of /[A-Za-z_]+|\d+|[^\sA-Za-z_\d]|\s+/g without a match
  // object per piece (the estimate runs over the prompt's lines on every keystroke): an identifier or number
  // run costs a token per 4 characters, any other single character one, a run of whitespace one per line
  // break (a token per 8 characters when it holds none); a run starting with other Unicode whitespace
  // counts like a word.
  let tokens = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const kind = kindOf(c);
    if (kind === OTHER) {
      tokens++;
      i++;
      continue;
    }
    const start = i;
    let breaks = c === 10 ? 1 : 0;
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i);
      if (kindOf(d) !== kind) break;
      if (d === 10) breaks++;
    }
    const length = i - start;
    if (kind === SPACE && (c === 32 || c === 9 || c === 10 || c === 13)) tokens += breaks > 0 ? breaks : Math.ceil(length / 8);
    else tokens += Math.ceil(length / 4);
  }
  return tokens;
}

const WORD = 0;
const DIGITS = 1;
const SPACE = 2;
const OTHER = 3;

/** Which piece a UTF-16 code unit belongs to: `[A-Za-z_]`, `\d`, `\s` (JavaScript's whitespace) or anything else. */
function kindOf(c: number): number {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return WORD;
  if (c >= 48 && c <= 57) return DIGITS;
  if (c === 32 || (c >= 9 && c <= 13)) return SPACE;
  if (c < 128) return OTHER;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff ? SPACE : OTHER;
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
