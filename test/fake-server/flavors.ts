/**
 * The OpenAI-compatible servers the fake can pass for, each with the quirks its documentation shows
 * (docs/servers.md has the sources):
 * - `anthropic`: chat completions only, at /v1 (no /v1/completions, no /v1/embeddings); its own /v1/models
 *   list (`type: "model"`, `display_name`); errors as `{"type": "error", "error": {type, message}}`.
 * - `gemini`: everything under /v1beta/openai/ (chat, models, embeddings; no completions); models listed as
 *   `models/<name>`; errors as a JSON array `[{"error": {code, message, status}}]`.
 * - `llamacpp`: its native POST /infill (SSE `data: {"content", "stop"}`, no `[DONE]`); models
 *   `owned_by: "llamacpp"` with `meta.n_ctx_train`.
 * - `vllm`: /v1/completions answers 400 "suffix is not currently supported" to any `suffix`; models
 *   `owned_by: "vllm"` with `max_model_len`.
 * - `lmstudio`: models `owned_by: "organization_owner"`.
 * - `openai` (default): OpenAI's own shapes.
 */
import { openAIError } from './openai-protocol';
import { roughTokens, type FinishReason, type StreamPlan, type WholePlan } from './stream-plan';
import type { FakeModel, ServerFlavor } from './types';

const CREATED_UNIX = 1736935200;
const CREATED_AT = '2025-01-15T10:00:00Z';

/** Gemini's OpenAI-compatible routes live under this prefix instead of /v1. */
export const GEMINI_PREFIX = '/v1beta/openai';

/** The path as the fake's route table knows it (`/v1/...`), or undefined when this server has no such route. */
export function routePath(flavor: ServerFlavor, method: string, path: string): string | undefined {
  const clean = path.replace(/\/+$/, '');
  if (flavor === 'gemini') {
    if (clean.startsWith(`${GEMINI_PREFIX}/`)) {
      const mapped = `/v1${clean.slice(GEMINI_PREFIX.length)}`;
      return mapped === '/v1/completions' ? undefined : mapped;
    }
    return clean.startsWith('/v1/') ? undefined : clean;
  }
  if (flavor === 'anthropic' && (clean === '/v1/completions' || clean === '/v1/embeddings')) return undefined;
  if (clean === '/infill' && (flavor !== 'llamacpp' || method.toUpperCase() !== 'POST')) return undefined;
  return clean;
}

/** GET /v1/models as this server answers it. */
export function modelsBody(flavor: ServerFlavor, models: readonly FakeModel[], openAIEntry: (m: FakeModel) => Record<string, unknown>): unknown {
  switch (flavor) {
    case 'anthropic': {
      const data = models.map((m) => ({ type: 'model', id: m.name, display_name: m.name, created_at: CREATED_AT }));
      return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
    }
    case 'gemini':
      return { object: 'list', data: models.map((m) => ({ id: `models/${m.name}`, object: 'model', owned_by: 'google' })) };
    case 'llamacpp':
      return {
        object: 'list',
        data: models.map((m) => ({
          id: m.name,
          object: 'model',
          created: CREATED_UNIX,
          owned_by: 'llamacpp',
          meta: { vocab_type: 2, n_vocab: 151936, n_ctx_train: m.contextLength ?? 4096, n_embd: 1536, n_params: 1_543_714_304, size: 986_048_768 },
        })),
      };
    case 'vllm':
      return {
        object: 'list',
        data: models.map((m) => ({ id: m.name, object: 'model', created: CREATED_UNIX, owned_by: 'vllm', root: m.name, parent: null, max_model_len: m.contextLength ?? 4096, permission: [] })),
      };
    case 'lmstudio':
      return { object: 'list', data: models.map((m) => ({ id: m.name, object: 'model', owned_by: 'organization_owner' })) };
    case 'openai':
      return { object: 'list', data: models.map(openAIEntry) };
  }
}

/** The model name a request means: Gemini accepts `models/<name>` as well as the bare name. */
export function requestedModel(flavor: ServerFlavor, model: string): string {
  return flavor === 'gemini' && model.startsWith('models/') ? model.slice('models/'.length) : model;
}

/** Why this server refuses a request body before generating, if it does (vLLM and `suffix`). */
export function refusal(flavor: ServerFlavor, endpoint: string, body: Record<string, unknown>): { status: number; message: string } | undefined {
  if (flavor === 'vllm' && endpoint === 'openai.completions' && body.suffix !== undefined && body.suffix !== null) {
    return { status: 400, message: 'suffix is not currently supported' };
  }
  return undefined;
}

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** The error body this server sends for a status (OpenAI's shape, re-worded the server's way). */
export function flavorErrorBody(flavor: ServerFlavor, status: number, model: string, sentKey: string | undefined, message?: string): unknown {
  const openai = openAIError(status, model, sentKey, message);
  switch (flavor) {
    case 'anthropic':
      return { type: 'error', error: { type: ANTHROPIC_ERROR_TYPES[status] ?? 'api_error', message: message ?? (status === 401 ? 'invalid x-api-key' : openai.error.message) } };
    case 'gemini':
      return [{ error: { code: status, message: message ?? (status === 401 ? 'API key not valid. Please pass a valid API key.' : openai.error.message), status: GOOGLE_STATUS[status] ?? 'UNKNOWN' } }];
    case 'llamacpp':
      return { error: { code: status, message: message ?? openai.error.message, type: status === 404 ? 'not_found_error' : status === 401 ? 'authentication_error' : 'server_error' } };
    case 'vllm':
      return { error: { message: message ?? openai.error.message, type: 'BadRequestError', param: null, code: status } };
    default:
      return openai;
  }
}

/**
 * llama.cpp's /infill stream: one `data: {...}` event per piece with `stop: false`, then a last event with
 * `stop: true` and the timings; no `[DONE]` (tools/server/README.md, /completion "Response format").
 */
export function llamacppInfillStream(body: Record<string, unknown>): StreamPlan {
  const evaluated = roughTokens(String(body.input_prefix ?? '') + String(body.input_suffix ?? ''));
  return {
    contentType: 'text/event-stream',
    frame: (piece) => `data: ${JSON.stringify({ index: 0, content: piece, tokens: [], stop: false, id_slot: 0, tokens_predicted: 1, tokens_evaluated: evaluated })}\n\n`,
    end: (pieces, reason: FinishReason) =>
      `data: ${JSON.stringify({
        index: 0,
        content: '',
        tokens: [],
        id_slot: 0,
        stop: true,
        model: String(body.model ?? ''),
        tokens_predicted: pieces,
        tokens_evaluated: evaluated,
        stop_type: reason === 'length' ? 'limit' : 'eos',
        stopping_word: '',
        tokens_cached: 0,
        truncated: false,
      })}\n\n`,
    malformed: 'data: {"index":0,"content":\n\n',
  };
}

export function llamacppInfillWhole(body: Record<string, unknown>): WholePlan {
  return {
    body: (text, pieces) => ({ index: 0, content: text, tokens: [], id_slot: 0, stop: true, model: String(body.model ?? ''), tokens_predicted: pieces, stop_type: 'eos' }),
    malformed: '{"index":0,"content":',
  };
}
