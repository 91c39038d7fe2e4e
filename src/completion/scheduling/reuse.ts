/**
 * Step 3a: reuse before request. When the user types characters that a suggestion (shown, cached, or
 * still streaming) already contains, the rest of that suggestion is still right: show it without asking
 * the model again. Also keeps suggestions correct when the editor auto-closes a bracket or quote while the
 * user types: the auto-inserted closer then becomes part of the range the suggestion replaces.
 */
import type { CompletionResult } from '../engine/result';
import { REUSE_COMPARE_CHARS as COMPARE_CHARS } from '../../tunables/tunables';

/** Where and on what text a suggestion was made (a DocumentSnapshot fits). */
export interface Anchor {
  text: string;
  /** Cursor, as a UTF-16 offset into `text`. */
  offset: number;
}

/** A suggestion with the document it was made for. */
export interface AnchoredSuggestion extends Anchor {
  result: CompletionResult;
}

/** What changed between an anchor and now, when the only change is text typed at the anchor's cursor. */
export interface TypedSince {
  /** The text typed at the anchor (may span lines). */
  typed: string;
  /** The anchor line's text right of the cursor, then and now (auto-closed characters show up here). */
  restThen: string;
  restNow: string;
}


/**
 * The text typed at `anchor`'s cursor to reach `now`, or undefined when the document changed in any other
 * way (text deleted before the anchor, an edit elsewhere, the cursor moved back or to another place).
 */
export function typedSince(anchor: Anchor, now: Anchor): TypedSince | undefined {
  const a = anchor.offset;
  const b = now.offset;
  if (b < a) return undefined;
  const from = Math.max(0, a - COMPARE_CHARS);
  if (now.text.slice(from, a) !== anchor.text.slice(from, a)) return undefined;
  const endThen = lineEnd(anchor.text, a);
  const endNow = lineEnd(now.text, b);
  // Everything after the cursor's line must be the same text (same length, same beginning).
  if (anchor.text.length - endThen !== now.text.length - endNow) return undefined;
  if (anchor.text.slice(endThen, endThen + COMPARE_CHARS) !== now.text.slice(endNow, endNow + COMPARE_CHARS)) return undefined;
  return { typed: now.text.slice(a, b), restThen: anchor.text.slice(a, endThen), restNow: now.text.slice(b, endNow) };
}

/**
 * What is left to show of `suggestion` (made when the rest of the line was `restThen`) after the user typed
 * `typed`, the rest of the line now being `restNow`. Undefined when the typing diverged from the suggestion,
 * when nothing but whitespace is left, or when the rest of the line changed in a way the suggestion does
 * not cover.
 */
export function remainingSuggestion(suggestion: CompletionResult, restThen: string, typed: string, restNow: string): CompletionResult | undefined {
  if (!suggestion.insert.startsWith(typed)) return undefined;
  const left = suggestion.insert.slice(typed.length);
  if (left.trim() === '') return undefined;
  // Accepting must still give the document the original suggestion would have given: what it kept of the
  // line must still end the line, and anything new before that (auto-closed brackets, quotes) is replaced.
  const kept = restThen.slice(suggestion.replaceLength);
  if (!restNow.endsWith(kept)) return undefined;
  const replaced = restNow.slice(0, restNow.length - kept.length);
  // The editor shows a replacement as ghost text only when the replaced characters reappear, in order,
  // on the suggestion's first line.
  if (!isSubsequence(replaced, firstLine(left))) return undefined;
  return { insert: left, replaceLength: replaced.length };
}

/** The rest of a shown suggestion once the user has typed into it, or undefined when it no longer applies. */
export function reuseShown(shown: AnchoredSuggestion, now: Anchor): CompletionResult | undefined {
  const since = typedSince(shown, now);
  return since && remainingSuggestion(shown.result, since.restThen, since.typed, since.restNow);
}

/**
 * Whether a request still streaming for `anchor` can serve `now`: the user only typed at the anchor, and
 * what they typed agrees with what the model has streamed so far (`partial`, '' when nothing came yet).
 */
export function continuesRequest(anchor: Anchor, partial: string, now: Anchor): boolean {
  const since = typedSince(anchor, now);
  if (!since) return false;
  return partial.startsWith(since.typed) || since.typed.startsWith(partial);
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}

/** True when every character of `part` appears in `whole`, in order. */
function isSubsequence(part: string, whole: string): boolean {
  let j = 0;
  for (let i = 0; i < whole.length && j < part.length; i++) if (whole[i] === part[j]) j++;
  return j === part.length;
}
