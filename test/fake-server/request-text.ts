/**
 * Reads what a generation request asks for, whatever the protocol: the code around the cursor for a
 * completion (native `suffix`, or a raw FIM prompt built by the client), the last user message for a chat.
 */
import type { RecordedRequest } from './types';

export type RequestText =
  | { kind: 'completion'; prefix: string; suffix: string }
  | { kind: 'chat'; question: string }
  | { kind: 'none' };

/** FIM token families clients put into raw prompts: [prefix marker, suffix marker, middle marker]. */
const FIM_MARKERS: ReadonlyArray<readonly [string, string, string]> = [
  ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'], // Qwen2.5-Coder
  ['<fim_prefix>', '<fim_suffix>', '<fim_middle>'], // StarCoder
  ['<PRE>', '<SUF>', '<MID>'], // CodeLlama
  ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'], // DeepSeek-Coder
];

export function requestText(request: RecordedRequest): RequestText {
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (request.endpoint === 'ollama.generate' || request.endpoint === 'openai.completions') {
    const prompt = Array.isArray(body.prompt) ? String(body.prompt[0] ?? '') : String(body.prompt ?? '');
    if (typeof body.suffix === 'string') return { kind: 'completion', prefix: prompt, suffix: body.suffix };
    return { kind: 'completion', ...splitFimPrompt(prompt) };
  }
  if (request.endpoint === 'llamacpp.infill') return { kind: 'completion', prefix: String(body.input_prefix ?? ''), suffix: String(body.input_suffix ?? '') };
  if (request.endpoint === 'ollama.chat' || request.endpoint === 'openai.chat') {
    const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role?: unknown; content?: unknown }>) : [];
    const lastUser = [...messages].reverse().find((m) => m.role === 'user');
    return { kind: 'chat', question: typeof lastUser?.content === 'string' ? lastUser.content : '' };
  }
  return { kind: 'none' };
}

/** Splits a raw FIM prompt into the code before and after the cursor; a plain prompt is all prefix. */
export function splitFimPrompt(prompt: string): { prefix: string; suffix: string } {
  for (const [pre, suf, mid] of FIM_MARKERS) {
    const p = prompt.indexOf(pre);
    const s = prompt.indexOf(suf);
    if (p < 0 || s < 0) continue;
    const m = prompt.indexOf(mid);
    // Prefix-suffix-middle order (Qwen, StarCoder, CodeLlama, DeepSeek) is the common one; also accept SPM.
    if (p < s) return { prefix: prompt.slice(p + pre.length, s).trimStart(), suffix: prompt.slice(s + suf.length, m > s ? m : undefined) };
    return { prefix: prompt.slice(p + pre.length, m > p ? m : undefined), suffix: prompt.slice(s + suf.length, p) };
  }
  return { prefix: prompt, suffix: '' };
}

/** A one-line, shortened version of a question, for echoing it in an answer. */
export function topicOf(question: string, max = 60): string {
  const line = question.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
