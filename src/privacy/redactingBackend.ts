/**
 * The privacy boundary in front of every backend: text that leaves the machine (completion prompt and
 * suffix, chat messages, every text sent for embedding) is redacted (redactRequest; each embedded text through the same redactor), and the placeholders it put in are noted in the
 * request's own ledger (`request.redaction`), when the caller gave one.
 *
 * The answer stream passes through untouched: placeholders the model writes stay placeholders in chat,
 * the answer panel, links and the request log. Only the code that applies an answer as an edit puts values
 * back, through that request's ledger and only into the file they already occur in (redactionLedger.ts).
 */
import { ForwardingBackend } from '../backends/forwarding';
import type { Backend, ChatRequest, CompletionRequest, RequestOptions } from '../backends/types';
import { redactRequest } from './redactRequest';
import type { Redactor } from './redactor';

export function withRedaction(backend: Backend, redactor: Redactor): Backend {
  return new RedactingBackend(backend, redactor);
}

class RedactingBackend extends ForwardingBackend {
  constructor(
    inner: Backend,
    private readonly redactor: Redactor,
  ) {
    super(inner);
  }

  streamCompletion(request: CompletionRequest): AsyncIterable<string> {
    return this.inner.streamCompletion(redactRequest(request, this.redactor));
  }

  streamChat(request: ChatRequest): AsyncIterable<string> {
    return this.inner.streamChat(redactRequest(request, this.redactor));
  }

  /** Vectors need no placeholders back, so no ledger: each text is redacted and only the redacted one is sent. */
  embed(texts: string[], model: string, options?: RequestOptions): Promise<number[][]> {
    return this.inner.embed(texts.map((text) => this.redactor.redact(text).text), model, options);
  }
}
