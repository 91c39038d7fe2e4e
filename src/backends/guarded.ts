/**
 * Runs SDK calls under a Deadline and turns their failures into BackendErrors, the same way for every
 * backend: plain calls get one time limit for the whole call, streams one for each wait on the server.
 */
import type { BackendError } from './errors';
import { Deadline, type StopReason } from './deadline';
import type { RequestOptions } from './types';

/** Builds the BackendError for a failure; `stop` says whether we stopped the call ourselves. */
export type FailureMapper = (error: unknown, stop: StopReason | undefined) => BackendError;

export async function guardedCall<T>(options: RequestOptions, run: (signal: AbortSignal) => Promise<T>, fail: FailureMapper): Promise<T> {
  const deadline = new Deadline(options);
  try {
    return await deadline.run(() => run(deadline.signal));
  } catch (error) {
    throw fail(error, deadline.reason);
  } finally {
    deadline.dispose();
  }
}

/**
 * Streams the text of an SDK stream. Leaving early (break, return, an exception in the consumer's loop)
 * disposes the deadline, which aborts the HTTP request: the server sees the connection close.
 */
export async function* guardedStream<C>(
  options: RequestOptions,
  open: (signal: AbortSignal) => Promise<AsyncIterable<C>>,
  textOf: (chunk: C) => string | null | undefined,
  fail: FailureMapper,
): AsyncGenerator<string, void, undefined> {
  const deadline = new Deadline(options);
  let chunks: AsyncIterator<C> | undefined;
  // The first wait covers both the request and its first chunk: one limit "before the first chunk".
  const nextChunk = async () => {
    chunks ??= (await open(deadline.signal))[Symbol.asyncIterator]();
    return chunks.next();
  };
  try {
    for (;;) {
      const next = await deadline.run(nextChunk);
      if (next.done) break;
      const text = textOf(next.value);
      if (text) yield text;
    }
    // The OpenAI SDK ends a stream quietly when its request is aborted; a stop must still be an error.
    if (deadline.reason) throw deadline.signal.reason;
  } catch (error) {
    throw fail(error, deadline.reason);
  } finally {
    deadline.dispose();
  }
}
