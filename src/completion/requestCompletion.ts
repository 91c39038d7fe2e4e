import type { Backend, ModelInfo } from '../backends/types';
import type { RoleSettings } from '../config/settings';

export interface CompletionInput {
  /** Document text before the cursor. */
  prefix: string;
  /** Document text after the cursor. */
  suffix: string;
}

export interface CompletionTarget {
  backend: Backend;
  settings: RoleSettings;
  info: ModelInfo;
  timeoutMs: number;
}

/** Longest prefix / suffix sent, in characters (a first cut; the context stage refines it). */
const MAX_PREFIX_CHARS = 6000;
const MAX_SUFFIX_CHARS = 2000;

/**
 * Asks the completion model to fill the hole at the cursor and returns the text to insert ('' when
 * there is nothing worth showing). Mid-line, only the rest of the line is kept; the stream is
 * aborted as soon as that is decided.
 */
export async function requestCompletion(input: CompletionInput, target: CompletionTarget, signal?: AbortSignal): Promise<string> {
  if (!target.info.supportsFim) return '';
  const prefix = input.prefix.slice(-MAX_PREFIX_CHARS);
  const suffix = input.suffix.slice(0, MAX_SUFFIX_CHARS);
  const singleLine = /\S/.test(suffix.split('\n', 1)[0]);
  let text = '';
  for await (const chunk of target.backend.streamCompletion({
    model: target.settings.model,
    prompt: prefix,
    suffix,
    temperature: target.settings.temperature,
    maxTokens: target.settings.maxTokens,
    signal,
    timeoutMs: target.timeoutMs,
  })) {
    text += chunk;
    if (singleLine && text.includes('\n')) break;
  }
  return tidy(text, singleLine);
}

function tidy(text: string, singleLine: boolean): string {
  const kept = singleLine ? text.split('\n', 1)[0] : text;
  const trimmed = kept.replace(/\s+$/, '');
  return trimmed.trim() === '' ? '' : trimmed;
}
