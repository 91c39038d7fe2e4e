/**
 * The second half of a command: send the prepared messages to the chat backend and stream the answer.
 * Cancellation is the backend's: aborting `signal` closes the HTTP stream and the loop ends with a
 * `cancelled` BackendError; every other failure is a BackendError whose message says what to do.
 */
import type { Backend, ChatRequest } from '../backends/types';
import type { RedactionLedger } from '../privacy/redactionLedger';
import type { PreparedCommand } from './prepare';

export interface CommandRunOptions {
  model: string;
  temperature?: number;
  /** The answer's length limit: the same maxTokens the prompt was fitted with. */
  maxTokens?: number;
  signal?: AbortSignal;
  /** Longest wait for the first piece and between two pieces. */
  timeoutMs?: number;
  /** Collects what the request's redaction replaced (for an edit made from the answer). */
  redaction?: RedactionLedger;
}

/**
 * The answer's text as it arrives, piece by piece. Breaking out of the loop aborts the HTTP stream. An answer
 * that runs past the size cap (the server ignored maxTokens) is stopped by the pool's backend (withAnswerCap)
 * with a `tooLong` BackendError.
 */
export function streamCommand(prepared: Pick<PreparedCommand, 'messages'>, backend: Backend, options: CommandRunOptions): AsyncIterable<string> {
  const request: ChatRequest = { messages: prepared.messages, model: options.model };
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.maxTokens !== undefined) request.maxTokens = options.maxTokens;
  if (options.signal) request.signal = options.signal;
  if (options.timeoutMs !== undefined) request.timeoutMs = options.timeoutMs;
  if (options.redaction) request.redaction = options.redaction;
  return backend.streamChat(request);
}

/**
 * Streams the answer and reports the whole text so far after each piece (what a panel re-renders),
 * resolving with the complete answer.
 */
export async function runCommand(prepared: Pick<PreparedCommand, 'messages'>, backend: Backend, options: CommandRunOptions, onText?: (textSoFar: string) => void): Promise<string> {
  let text = '';
  for await (const piece of streamCommand(prepared, backend, options)) {
    text += piece;
    onText?.(text);
  }
  return text;
}
