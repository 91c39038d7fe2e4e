/**
 * The one function that turns a built request into the request that leaves the machine: every text field a
 * server reads (completion prompt, suffix and context files, chat message contents) redacted, the placeholders put in noted
 * in the request's ledger. The redacting backend calls it on every request, and the CLI's `prompt` command
 * calls it before printing the body, so what `prompt` prints is what the backend sends.
 *
 * The ledger itself never travels: the returned request has no `redaction` field.
 */
import type { ChatRequest, CompletionRequest } from '../backends/types';
import type { Redactor } from './redactor';

export function redactRequest(request: CompletionRequest, redactor: Redactor): CompletionRequest;
export function redactRequest(request: ChatRequest, redactor: Redactor): ChatRequest;
export function redactRequest(request: CompletionRequest | ChatRequest, redactor: Redactor): CompletionRequest | ChatRequest {
  const { redaction: ledger, ...rest } = request;
  const redact = (text: string) => redactor.redact(text, ledger).text;
  if ('messages' in rest) return { ...rest, messages: rest.messages.map((m) => ({ ...m, content: redact(m.content) })) };
  const redacted: CompletionRequest = { ...rest, prompt: redact(rest.prompt) };
  if (rest.suffix !== undefined) redacted.suffix = redact(rest.suffix);
  if (rest.files !== undefined) redacted.files = rest.files.map((f) => ({ path: redact(f.path), text: redact(f.text) }));
  return redacted;
}
