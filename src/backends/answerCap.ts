/**
 * A size cap on streamed answers. The token limit goes with every request, but a server may ignore it (or
 * a model may loop); past the cap Fathom stops reading — leaving the loop closes the HTTP stream — and the
 * call fails with a `tooLong` BackendError that says so.
 */
import { BackendError } from './errors';
import type { Backend } from './types';

/** Characters allowed per requested token: far above any real tokenizer (about 4), so only runaways hit it. */
const CHARS_PER_TOKEN = 12;
/** The cap never goes below this, so tiny token limits still leave room for an honest answer. */
const MIN_CHARS = 4000;

/** The most characters an answer asked for with `maxTokens` may have. */
export function answerCharLimit(maxTokens: number | undefined): number {
  return Math.max(MIN_CHARS, Math.round((maxTokens ?? 0) * CHARS_PER_TOKEN));
}

/** Passes `stream` through until it has produced more than `limitChars` characters, then stops it and throws. */
export async function* capAnswer(
  stream: AsyncIterable<string>,
  limitChars: number,
  source: Pick<Backend, 'provider' | 'baseUrl'> & { model?: string },
): AsyncGenerator<string, void, undefined> {
  let length = 0;
  for await (const piece of stream) {
    length += piece.length;
    if (length > limitChars) {
      throw new BackendError('tooLong', { provider: source.provider, baseUrl: source.baseUrl, model: source.model, limitChars });
    }
    yield piece;
  }
}
