/**
 * A streamed answer only ever grows at its end, so once a top-level markdown block is followed by another it
 * is complete. Splitting the source into top-level blocks lets the panel keep the DOM of completed blocks and
 * re-render only the last, growing one — no flicker, no lost selection, cost independent of answer length.
 */
import type { MarkdownIt } from 'markdown-it';

/** The source of each top-level block (paragraph, heading, list, fence, table, quote, rule), in order. */
export function splitBlocks(markdown: MarkdownIt, source: string): string[] {
  const lines = source.split('\n');
  const blocks: string[] = [];
  for (const token of markdown.parse(source, {})) {
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    // A list's range takes in the blank line after it; without it the block reads the same while it grows.
    blocks.push(lines.slice(token.map[0], token.map[1]).join('\n').replace(/(\n[ \t]*)+$/, ''));
  }
  return blocks;
}
