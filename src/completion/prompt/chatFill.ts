/**
 * Runs a "fill the hole" chat request and turns the reply into the hole's text as it streams, so the rest of
 * the pipeline (early stop, post-processing) treats a chat model like a FIM model. The reply is expected as
 * <COMPLETION>code</COMPLETION>; models also wrap it in a markdown fence, or skip the tags. The stream ends
 * at the closing tag or fence, and ending it closes the HTTP stream (the backend aborts on return).
 */
import type { Backend, ChatRequest } from '../../backends/types';
import { CLOSE_TAG, OPEN_TAG } from './chatPrompt';

const FENCE = '```';

/** The hole's text from a chat request, chunk by chunk. */
export function streamChatFill(backend: Backend, request: ChatRequest): AsyncIterable<string> {
  return holeText(backend.streamChat(request));
}

/** The hole's text from a whole reply (tags, fences and the surrounding talk removed). */
export async function extractHoleText(reply: string): Promise<string> {
  let text = '';
  for await (const chunk of holeText(once(reply))) text += chunk;
  return text;
}

async function* once(text: string): AsyncIterable<string> {
  yield text;
}

/**
 * The state machine: first find where the code starts (after <COMPLETION>, after a fence line, or at once
 * when the reply starts with neither), then pass text through until the closing tag or fence. Text that could
 * be the start of a tag or fence is held back until the next chunk decides.
 */
export async function* holeText(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let buffer = '';
  let started = false;
  let fenced = false;
  for await (const chunk of chunks) {
    buffer += chunk;
    if (!started) {
      const opening = openCode(buffer);
      if (opening === undefined) continue;
      started = true;
      fenced = opening.fenced;
      buffer = buffer.slice(opening.at);
    }
    const end = closeAt(buffer, fenced);
    if (end !== undefined) {
      if (end > 0) yield buffer.slice(0, end);
      return;
    }
    // Keep back what could be the start of a closer split across chunks.
    const hold = partialCloserLength(buffer, fenced);
    if (buffer.length > hold) {
      yield buffer.slice(0, buffer.length - hold);
      buffer = buffer.slice(buffer.length - hold);
    }
  }
  if (!started) {
    const opening = openCode(buffer, true);
    if (!opening) return;
    fenced = opening.fenced;
    buffer = buffer.slice(opening.at);
  }
  const end = closeAt(buffer, fenced) ?? buffer.length - partialCloserLength(buffer, fenced);
  if (end > 0) yield buffer.slice(0, end);
}

/**
 * Where the code begins: after the opening tag (and a fence right after it) when the reply's first line has
 * the tag, after a fence's first line, or at 0 for a bare reply. Undefined while the first line is incomplete
 * and could still bring the tag or a fence; `final` decides with what there is.
 */
function openCode(buffer: string, final = false): { at: number; fenced: boolean } | undefined {
  const lead = buffer.length - buffer.trimStart().length;
  const lineBreak = buffer.indexOf('\n', lead);
  const tag = buffer.indexOf(OPEN_TAG);
  if (tag !== -1 && (lineBreak === -1 || tag < lineBreak)) {
    const afterTag = tag + OPEN_TAG.length;
    const inner = buffer.slice(afterTag);
    const innerLead = inner.length - inner.trimStart().length;
    const innerRest = inner.slice(innerLead);
    if (innerRest.startsWith(FENCE)) return fenceLineEnd(buffer, afterTag + innerLead, final);
    // Only white space (or part of a fence) after the tag so far: a fence may still follow.
    if (!final && FENCE.startsWith(innerRest)) return undefined;
    return { at: afterTag, fenced: false };
  }
  const rest = buffer.slice(lead);
  if (rest.startsWith(FENCE)) return fenceLineEnd(buffer, lead, final);
  if (!final && lineBreak === -1) return undefined;
  return { at: 0, fenced: false };
}

/** After a fence's opening line ("```ts\n"); undefined until its line break has arrived. */
function fenceLineEnd(buffer: string, fenceAt: number, final: boolean): { at: number; fenced: boolean } | undefined {
  const newline = buffer.indexOf('\n', fenceAt);
  if (newline === -1) return final ? { at: buffer.length, fenced: true } : undefined;
  return { at: newline + 1, fenced: true };
}

/** Where the code ends in `buffer`: the closing tag, or a fence at a line start when fenced. */
function closeAt(buffer: string, fenced: boolean): number | undefined {
  const tag = buffer.indexOf(CLOSE_TAG);
  const fence = fenced ? fenceLineStart(buffer) : -1;
  const ends = [tag, fence].filter((i) => i !== -1);
  return ends.length > 0 ? Math.min(...ends) : undefined;
}

/** The closing fence's line: the code ends at the line break before it (which belongs to the fence). */
function fenceLineStart(buffer: string): number {
  if (buffer.startsWith(FENCE)) return 0;
  return buffer.indexOf('\n' + FENCE);
}

/** How many characters at the end of `buffer` could begin the closing tag (or a closing fence). */
function partialCloserLength(buffer: string, fenced: boolean): number {
  const closers = fenced ? [CLOSE_TAG, '\n' + FENCE] : [CLOSE_TAG];
  let longest = 0;
  for (const closer of closers) {
    for (let n = Math.min(closer.length - 1, buffer.length); n > longest; n--) {
      if (buffer.endsWith(closer.slice(0, n))) {
        longest = n;
        break;
      }
    }
  }
  return longest;
}
