/**
 * Models leak their control tokens: end-of-text markers, FIM sentinels, file separators (Qwen, StarCoder,
 * CodeLlama, DeepSeek, CodeGemma spellings). Leading ones are dropped; at any later one the completion
 * ends, since what follows is the model talking about another document or another hole.
 */
import type { Filter } from './types';

const SPECIAL_TOKEN = new RegExp(
  [
    String.raw`<\|[a-z_]{2,24}\|>`, // <|endoftext|> <|fim_middle|> <|file_sep|> <|im_end|> <|file_separator|> <|eot_id|>
    String.raw`<(?:fim_(?:prefix|suffix|middle|pad)|file_sep|filename|gh_stars|reponame|empty_output|end_of_turn|eos)>`, // StarCoder, CodeGemma
    String.raw`<(?:PRE|SUF|MID|EOT)>`, // CodeLlama
    String.raw`<｜[^｜\n]{1,40}｜>`, // DeepSeek: <｜fim▁hole｜> <｜end▁of▁sentence｜>
  ].join('|'),
  'g',
);

/** Offset of the first special token at or after `from`, and its length; undefined when there is none. */
export function findSpecialToken(text: string, from = 0): { index: number; length: number } | undefined {
  SPECIAL_TOKEN.lastIndex = from;
  const m = SPECIAL_TOKEN.exec(text);
  return m ? { index: m.index, length: m[0].length } : undefined;
}

/** Where the leading special tokens end, and where the first later one starts (text.length when none). */
function contentBounds(text: string): { start: number; end: number } {
  let start = 0;
  let t = findSpecialToken(text);
  while (t && text.slice(start, t.index).trim() === '') {
    start = t.index + t.length;
    t = findSpecialToken(text, start);
  }
  return { start, end: t ? t.index : text.length };
}

/** The text without leading special tokens and cut at the first later one. */
export function cutAtSpecialToken(text: string): string {
  const { start, end } = contentBounds(text);
  return text.slice(start, end);
}

/** Whether a special token follows some content: the model has finished this hole. */
export function endsWithSpecialToken(text: string): boolean {
  return contentBounds(text).end < text.length;
}

export const stripSpecialTokens: Filter = (draft) => ({ ...draft, text: cutAtSpecialToken(draft.text) });
