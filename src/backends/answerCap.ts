/**
 * A size cap on streamed answers, as a backend decorator the pool puts around every client once (next to the
 * request log, redaction and the endpoint guard), so every path that streams — completions, commands, chat,
 * the doctor's probe — gets it without asking. The token limit goes with every request, but a server may
 * ignore it (or a model may loop); past the cap Fathom stops reading — leaving the loop closes the HTTP
 * stream — and the call fails with a `tooLong` BackendError that says so.
 */
import { BackendError } from './errors';
import { ForwardingBackend } from './forwarding';
import type { Backend, ChatRequest, CompletionRequest } from './types';

/** Characters allowed per requested token: far above any real tokenizer (about 4), so only runaways hit it. */
const CHARS_PER_TOKEN = 12;
/** The cap never goes below this, so tiny token limits still leave room for an honest answer. */
const MIN_CHARS = 4000;

/** The most characters an answer asked for with `maxTokens` may have. */
export function answerCharLimit(maxTokens: number | undefined): number {
  return Math.max(MIN_CHARS, Math.round((maxTokens ?? 0) * CHARS_PER_TOKEN));
}

/**
 * `backend` with every streamed answer capped at `limitFor(request.maxTokens)` characters. The limit is a
 * parameter only so tests can use a small one; the pool uses answerCharLimit.
 */
export function withAnswerCap(backend: Backend, limitFor: (maxTokens: number | undefined) => number = answerCharLimit): Backend {
  return new AnswerCappedBackend(backend, limitFor);
}

class AnswerCappedBackend extends ForwardingBackend {
  constructor(
    inner: Backend,
    private readonly limitFor: (maxTokens: number | undefined) => number,
  ) {
    super(inner);
  }

  streamCompletion(request: CompletionRequest): AsyncIterable<string> {
    return capAnswer(this.inner.streamCompletion(request), this.limitFor(request.maxTokens), { provider: this.provider, baseUrl: this.baseUrl, model: request.model });
  }

  streamChat(request: ChatRequest): AsyncIterable<string> {
    return capAnswer(this.inner.streamChat(request), this.limitFor(request.maxTokens), { provider: this.provider, baseUrl: this.baseUrl, model: request.model });
  }
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
