/**
 * The OpenAI wire format (https://platform.openai.com/docs/api-reference): server-sent events
 * `data: {...}\n\n` ending with `data: [DONE]`, and errors as `{ "error": { message, type, param, code } }`.
 */
import { roughTokens, type FinishReason, type StreamPlan, type WholePlan } from './stream-plan';

export const SSE = 'text/event-stream';

const CREATED_UNIX = 1736935200;

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** The error body OpenAI sends for a status, worded as OpenAI words it. */
export function openAIError(status: number, model: string, sentKey: string | undefined, message?: string): OpenAIErrorBody {
  const body = (msg: string, type: string, code: string | null): OpenAIErrorBody => ({ error: { message: message ?? msg, type, param: null, code } });
  switch (status) {
    case 401:
      // OpenAI echoes (part of) the key it rejected; clients must not repeat it.
      return sentKey
        ? body(`Incorrect API key provided: ${sentKey}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key')
        : body("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', null);
    case 403:
      return body('You are not allowed to sample from this model.', 'invalid_request_error', null);
    case 404:
      return body(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
    case 429:
      return body(`Rate limit reached for ${model || 'requests'}. Please try again later.`, 'requests', 'rate_limit_exceeded');
    case 500:
      return body('The server had an error while processing your request. Sorry about that!', 'server_error', null);
    case 503:
      return body('The engine is currently overloaded, please try again later.', 'server_error', null);
    default:
      return body(`Request failed with status ${status}.`, status >= 500 ? 'server_error' : 'invalid_request_error', null);
  }
}

function sse(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

function usage(prompt: string, pieces: number) {
  const prompt_tokens = roughTokens(prompt);
  return { prompt_tokens, completion_tokens: pieces, total_tokens: prompt_tokens + pieces };
}

function promptOf(body: Record<string, unknown>): string {
  if (Array.isArray(body.messages)) return body.messages.map((m: { content?: unknown }) => String(m?.content ?? '')).join('\n');
  return String(body.prompt ?? '') + String(body.suffix ?? '');
}

/** Stream chunks carry `role` in every delta, as Ollama's and llama.cpp's compatible endpoints do. */
export function openAIChatStream(model: string, body: Record<string, unknown>, id: string): StreamPlan {
  const head = { id, object: 'chat.completion.chunk', created: CREATED_UNIX, model, system_fingerprint: 'fp_fathom_fake' };
  return {
    contentType: SSE,
    frame: (piece) => sse({ ...head, choices: [{ index: 0, delta: { role: 'assistant', content: piece }, finish_reason: null }] }),
    end: (pieces, reason: FinishReason) => {
      const final = { ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: reason }] };
      const withUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage
        ? sse({ ...head, choices: [], usage: usage(promptOf(body), pieces) })
        : '';
      return `${sse(final)}${withUsage}data: [DONE]\n\n`;
    },
    malformed: `data: {"id":${JSON.stringify(id)},"choices":[{"delta":\n\n`,
  };
}

export function openAICompletionStream(model: string, body: Record<string, unknown>, id: string): StreamPlan {
  const head = { id, object: 'text_completion', created: CREATED_UNIX, model, system_fingerprint: 'fp_fathom_fake' };
  return {
    contentType: SSE,
    frame: (piece) => sse({ ...head, choices: [{ text: piece, index: 0, logprobs: null, finish_reason: null }] }),
    end: (pieces, reason: FinishReason) => {
      const withUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage
        ? sse({ ...head, choices: [], usage: usage(promptOf(body), pieces) })
        : '';
      return `${sse({ ...head, choices: [{ text: '', index: 0, logprobs: null, finish_reason: reason }] })}${withUsage}data: [DONE]\n\n`;
    },
    malformed: `data: {"id":${JSON.stringify(id)},"choices":[{"text":\n\n`,
  };
}

export function openAIChatWhole(model: string, body: Record<string, unknown>, id: string): WholePlan {
  return {
    body: (text, pieces) => ({
      id,
      object: 'chat.completion',
      created: CREATED_UNIX,
      model,
      system_fingerprint: 'fp_fathom_fake',
      choices: [{ index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: 'stop' }],
      usage: usage(promptOf(body), pieces),
    }),
    malformed: `{"id":${JSON.stringify(id)},"choices":[{`,
  };
}

export function openAICompletionWhole(model: string, body: Record<string, unknown>, id: string): WholePlan {
  return {
    body: (text, pieces) => ({
      id,
      object: 'text_completion',
      created: CREATED_UNIX,
      model,
      system_fingerprint: 'fp_fathom_fake',
      choices: [{ text, index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: usage(promptOf(body), pieces),
    }),
    malformed: `{"id":${JSON.stringify(id)},"choices":[{`,
  };
}
