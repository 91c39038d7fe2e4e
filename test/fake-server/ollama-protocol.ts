/**
 * Ollama's wire format (https://github.com/ollama/ollama/blob/main/docs/api.md): NDJSON streams whose last
 * line has `done: true` with timing counters, `{ "error": "..." }` bodies, and Ollama's exact wording for a
 * missing model, which clients match on.
 */
import { roughTokens, type FinishReason, type StreamPlan, type WholePlan } from './stream-plan';
import { digestOf } from './models';
import type { FakeModel } from './types';

export const NDJSON = 'application/x-ndjson';

/** Fixed so answers are reproducible; Ollama reports UTC with nanoseconds. */
const CREATED_AT = '2025-01-15T10:00:00.000000000Z';

/** What Ollama says for /api/generate and /api/chat on a model it does not have (status 404). */
export function ollamaModelMissing(model: string): string {
  return `model "${model}" not found, try pulling it first`;
}

/** What Ollama says for /api/show on a model it does not have (status 404). */
export function ollamaShowMissing(model: string): string {
  return `model '${model}' not found`;
}

/** Error words for a scripted status. Ollama itself has no auth; 401/403/429 come from a proxy in front of it. */
export function ollamaErrorMessage(status: number, model: string, sentKey: string | undefined): string {
  switch (status) {
    case 401:
      // Proxies often echo the token they rejected; clients must not repeat it.
      return sentKey ? `unauthorized: invalid API key "${sentKey}"` : 'unauthorized: missing API key';
    case 403:
      return 'forbidden';
    case 404:
      return ollamaModelMissing(model);
    case 429:
      return 'rate limit exceeded, please slow down';
    case 500:
      return 'an error was encountered while running the model: unexpected EOF';
    case 503:
      return 'server busy, please try again.  maximum pending requests exceeded';
    default:
      return `request failed with status ${status}`;
  }
}

interface Counters {
  prompt: string;
  pieces: number;
  text?: string;
}

/** The counters Ollama adds to the last chunk (durations in nanoseconds). */
function doneFields(reason: FinishReason, c: Counters) {
  return {
    done: true,
    done_reason: reason,
    total_duration: 120_000_000 + c.pieces * 10_000_000,
    load_duration: 20_000_000,
    prompt_eval_count: roughTokens(c.prompt),
    prompt_eval_duration: 30_000_000,
    eval_count: c.pieces,
    eval_duration: c.pieces * 10_000_000,
  };
}

function promptOf(body: Record<string, unknown>): string {
  if (Array.isArray(body.messages)) return body.messages.map((m: { content?: unknown }) => String(m?.content ?? '')).join('\n');
  return String(body.prompt ?? '') + String(body.suffix ?? '');
}

export function ollamaGenerateStream(model: string, body: Record<string, unknown>): StreamPlan {
  const head = { model, created_at: CREATED_AT };
  return {
    contentType: NDJSON,
    frame: (piece) => `${JSON.stringify({ ...head, response: piece, done: false })}\n`,
    end: (pieces, reason) =>
      `${JSON.stringify({ ...head, response: '', ...doneFields(reason, { prompt: promptOf(body), pieces }), ...(body.raw ? {} : { context: [1, 2, 3] }) })}\n`,
    malformed: `{"model":${JSON.stringify(model)},"response":\n`,
  };
}

export function ollamaChatStream(model: string, body: Record<string, unknown>): StreamPlan {
  const head = { model, created_at: CREATED_AT };
  return {
    contentType: NDJSON,
    frame: (piece) => `${JSON.stringify({ ...head, message: { role: 'assistant', content: piece }, done: false })}\n`,
    end: (pieces, reason) =>
      `${JSON.stringify({ ...head, message: { role: 'assistant', content: '' }, ...doneFields(reason, { prompt: promptOf(body), pieces }) })}\n`,
    malformed: `{"model":${JSON.stringify(model)},"message":{"role":"assistant","content":\n`,
  };
}

export function ollamaGenerateWhole(model: string, body: Record<string, unknown>): WholePlan {
  return {
    body: (text, pieces) => ({
      model,
      created_at: CREATED_AT,
      response: text,
      ...doneFields('stop', { prompt: promptOf(body), pieces }),
      ...(body.raw ? {} : { context: [1, 2, 3] }),
    }),
    malformed: `{"model":${JSON.stringify(model)},"response":"`,
  };
}

export function ollamaChatWhole(model: string, body: Record<string, unknown>): WholePlan {
  return {
    body: (text, pieces) => ({
      model,
      created_at: CREATED_AT,
      message: { role: 'assistant', content: text },
      ...doneFields('stop', { prompt: promptOf(body), pieces }),
    }),
    malformed: `{"model":${JSON.stringify(model)},"message":{`,
  };
}

/**
 * The lines of a /api/pull: the manifest, one layer downloading in four steps, verification, success.
 * The last line (`{"status":"success"}`) is the plan's end.
 */
export function ollamaPullLines(model: FakeModel): string[] {
  const digest = digestOf(model);
  const total = 986_058_592;
  const lines: object[] = [{ status: 'pulling manifest' }];
  for (const completed of [0, total / 4, total / 2, total]) {
    lines.push({ status: `pulling ${digest.slice(0, 12)}`, digest: `sha256:${digest}`, total, completed: Math.round(completed) });
  }
  lines.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' });
  return lines.map((l) => `${JSON.stringify(l)}\n`);
}

/** Pull progress lines are already framed, so `frame` passes them through. */
export function ollamaPullStream(): StreamPlan {
  return { contentType: NDJSON, frame: (line) => line, end: () => `${JSON.stringify({ status: 'success' })}\n`, malformed: '{"status":"pulling\n' };
}
