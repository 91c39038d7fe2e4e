/**
 * Splits an answer into the small pieces a model streams: runs of whitespace, word pieces of at most four
 * characters, and single punctuation marks. Works on code points (the `u` flag), so an emoji is never cut
 * in half, and joining the pieces gives back the text exactly.
 */
const TOKENISH = /\s+|[\p{L}\p{N}_]{1,4}|[^\s\p{L}\p{N}_]/gu;

export function chunkText(text: string): string[] {
  return text.match(TOKENISH) ?? [];
}
