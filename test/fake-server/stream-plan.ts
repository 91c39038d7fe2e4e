/**
 * What a protocol needs to say to stream an answer: how to frame one piece, how to end, and what a broken
 * piece looks like. The protocol modules build these; send-stream.ts writes them with timings and faults.
 */
export type FinishReason = 'stop' | 'length';

export interface StreamPlan {
  contentType: string;
  /** One piece of the answer, framed for the wire (an NDJSON line, an SSE event). */
  frame(piece: string): string;
  /** Everything that ends a good stream: the final chunk and, for SSE, `data: [DONE]`. */
  end(pieces: number, reason: FinishReason): string;
  /** A frame that is not valid JSON, for the `malformed` fault. */
  malformed: string;
}

/** What a protocol needs to answer without streaming. */
export interface WholePlan {
  /** The complete JSON answer for the given text. */
  body(text: string, pieces: number): unknown;
  /** A body that is not valid JSON, for the `malformed` fault. */
  malformed: string;
}

/** Rough token count for usage fields: about four characters per token, like most tokenizers on English. */
export function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
