/**
 * Chat-tuned models wrap code in a markdown fence even when asked for raw code. A completion that opens
 * with a fence loses it, and ends at the closing fence. (Markdown documents keep their fences.)
 */
import type { Filter } from './types';

const OPENING_FENCE = /^[ \t]*(`{3,}|~{3,})[\w+#.-]*[ \t]*\r?\n/;

export function stripFence(text: string): string {
  const open = OPENING_FENCE.exec(text);
  if (!open) return text;
  const body = text.slice(open[0].length);
  const close = new RegExp(String.raw`(^|\n)[ \t]*${open[1][0] === '`' ? '`' : '~'}{${open[1].length},}`).exec(body);
  return close ? body.slice(0, close.index) : body;
}

export const stripMarkdownFence: Filter = (draft, { cursor }) =>
  cursor.languageId === 'markdown' ? draft : { ...draft, text: stripFence(draft.text) };
