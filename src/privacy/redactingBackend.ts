/**
 * The privacy boundary in front of every backend: text that leaves the machine (completion prompt and
 * suffix, chat messages) is redacted; the answer coming back has the placeholders the model repeated
 * restored, so what lands in the user's own file or view is the user's own text. A later request that
 * carries that text is redacted again on its way out, so a secret never travels in a request.
 */
import { ForwardingBackend } from '../backends/forwarding';
import type { Backend, ChatRequest, CompletionRequest } from '../backends/types';
import type { Redactor } from './redactor';

/** A placeholder never runs longer than this: a longer held-back tail is flushed as it is. */
const MAX_PLACEHOLDER = 80;
const OPEN = '«';
const CLOSE = '»';

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
    const redacted: CompletionRequest = { ...request, prompt: this.redact(request.prompt) };
    if (request.suffix !== undefined) redacted.suffix = this.redact(request.suffix);
    return this.restoring(this.inner.streamCompletion(redacted));
  }

  streamChat(request: ChatRequest): AsyncIterable<string> {
    const messages = request.messages.map((m) => ({ ...m, content: this.redact(m.content) }));
    return this.restoring(this.inner.streamChat({ ...request, messages }));
  }

  private redact(text: string): string {
    return this.redactor.redact(text).text;
  }

  /** Restores placeholders in the stream, holding back a tail that may be the start of one split across chunks. */
  private async *restoring(stream: AsyncIterable<string>): AsyncGenerator<string, void, undefined> {
    let held = '';
    for await (const chunk of stream) {
      held += chunk;
      const open = held.lastIndexOf(OPEN);
      const partial = open >= 0 && !held.includes(CLOSE, open) && held.length - open < MAX_PLACEHOLDER;
      const ready = partial ? held.slice(0, open) : held;
      held = partial ? held.slice(open) : '';
      if (ready) yield this.redactor.restore(ready);
    }
    if (held) yield this.redactor.restore(held);
  }
}
