/**
 * Which OpenAI-compatible server is on the other end, and what that changes. No server says what it is, so
 * the kind comes from the base URL (Anthropic's and Google's hosted endpoints) or from the /v1/models answer
 * (llama.cpp, vLLM and LM Studio each mark their entries), and stays 'other' when neither tells.
 * Sources for every trait below: docs/servers.md. Plain data: no `vscode`, no SDK.
 */

export type OpenAIServerKind = 'anthropic' | 'gemini' | 'llamacpp' | 'vllm' | 'lmstudio' | 'other';

export interface ServerTraits {
  /** It serves /v1/completions. Anthropic and Gemini serve chat completions only: completions use the chat prompt. */
  completions: boolean;
  /**
   * How a native fill-in-the-middle request is sent when `fathom.openai.fim` is on: 'suffix' on
   * /v1/completions, 'infill' to llama.cpp's own /infill, 'none' when the server refuses `suffix` (vLLM answers
   * 400 "suffix is not currently supported"; completions then use the model family's raw FIM template).
   */
  fim: 'suffix' | 'infill' | 'none';
}

const TRAITS: Record<OpenAIServerKind, ServerTraits> = {
  anthropic: { completions: false, fim: 'none' },
  gemini: { completions: false, fim: 'none' },
  llamacpp: { completions: true, fim: 'infill' },
  vllm: { completions: true, fim: 'none' },
  lmstudio: { completions: true, fim: 'suffix' },
  other: { completions: true, fim: 'suffix' },
};

export function serverTraits(kind: OpenAIServerKind): ServerTraits {
  return TRAITS[kind];
}

/**
 * What a model on this kind of server can do for completions, given `fathom.openai.fim`: chat only on
 * Anthropic and Gemini, no native FIM on vLLM, native FIM through /infill on llama.cpp.
 */
export function completionAbilities(kind: OpenAIServerKind, fimSetting: boolean): { supportsFim: boolean; chatOnly?: true; infill?: true } {
  const { completions, fim } = TRAITS[kind];
  if (!completions) return { supportsFim: false, chatOnly: true };
  const supportsFim = fimSetting && fim !== 'none';
  return supportsFim && fim === 'infill' ? { supportsFim, infill: true } : { supportsFim };
}

/** The hosted chat-only endpoints, known by host; undefined for every other URL (the models list may tell). */
export function serverKindFromUrl(baseUrl: string): OpenAIServerKind | undefined {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (host === 'api.anthropic.com') return 'anthropic';
  if (host === 'generativelanguage.googleapis.com') return 'gemini';
  return undefined;
}

/**
 * The kind a GET /v1/models answer shows: llama.cpp's entries are `owned_by: "llamacpp"`, vLLM's
 * `owned_by: "vllm"`, LM Studio's `owned_by: "organization_owner"`; Anthropic answers with its own list
 * (`type: "model"`, `display_name`), Gemini names its models `models/…`. Undefined when nothing stands out.
 */
export function serverKindFromModels(entries: ReadonlyArray<Record<string, unknown>>): OpenAIServerKind | undefined {
  for (const entry of entries) {
    const owner = typeof entry.owned_by === 'string' ? entry.owned_by.toLowerCase() : '';
    if (owner === 'llamacpp') return 'llamacpp';
    if (owner === 'vllm') return 'vllm';
    if (owner === 'organization_owner') return 'lmstudio';
    if (entry.type === 'model' && typeof entry.display_name === 'string') return 'anthropic';
    if (typeof entry.id === 'string' && entry.id.startsWith('models/') && (owner === '' || owner === 'google')) return 'gemini';
  }
  return undefined;
}

/** llama.cpp serves /infill at its root, beside /v1: `http://host:8080/v1` → `http://host:8080/infill`. */
export function infillUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}/infill`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** A file of context for /infill's `input_extra`. */
export interface InfillFile {
  path: string;
  text: string;
}

export interface InfillInput {
  model: string;
  prompt: string;
  suffix: string;
  files?: readonly InfillFile[];
  temperature?: number;
  maxTokens?: number;
  stop?: readonly string[];
}

/**
 * The POST /infill body (llama.cpp tools/server/README.md): the code before and after the cursor, context files
 * as `{filename, text}` chunks (laid out with the model's repository tokens when it has them), and the
 * /completion options: `n_predict` for the token limit, `stop`, `stream`. `model` picks the model in router mode.
 */
export function infillBody(input: InfillInput): Record<string, unknown> {
  return {
    model: input.model,
    input_prefix: input.prompt,
    input_suffix: input.suffix,
    ...(input.files && input.files.length > 0 && { input_extra: input.files.map((f) => ({ filename: f.path, text: f.text })) }),
    stream: true,
    ...(input.temperature !== undefined && { temperature: input.temperature }),
    ...(input.maxTokens !== undefined && { n_predict: input.maxTokens }),
    ...(input.stop && input.stop.length > 0 && { stop: [...input.stop] }),
  };
}

/** One streamed /infill event: `data: {"content": "…", "stop": false}`; the last one has `stop: true`. */
export interface InfillEvent {
  content: string;
  stop: boolean;
  /** Set when the server reports a failure inside the stream. */
  error?: string;
}

/** Reads one SSE `data:` payload of /infill; undefined for anything that is not an event object. */
export function parseInfillEvent(data: string): InfillEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new Error(`the server sent a stream event that is not JSON: ${data.slice(0, 80)}`);
  }
  if (!value || typeof value !== 'object') return undefined;
  const event = value as { content?: unknown; stop?: unknown; error?: unknown };
  if (event.error !== undefined) {
    const message = (event.error as { message?: unknown } | null)?.message;
    return { content: '', stop: true, error: typeof message === 'string' ? message : JSON.stringify(event.error) };
  }
  return { content: typeof event.content === 'string' ? event.content : '', stop: event.stop === true };
}

/**
 * Splits a server-sent-event body into the `data:` payloads of its events, whatever way the bytes were cut.
 * Comment lines (`: ping`) and other fields are skipped.
 */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const lines = function* (final: boolean): Generator<string> {
    for (;;) {
      const end = buffer.indexOf('\n');
      if (end < 0) break;
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      yield line;
    }
    if (final && buffer !== '') {
      yield buffer;
      buffer = '';
    }
  };
  const take = function* (final: boolean): Generator<string> {
    for (const line of lines(final)) {
      if (line === '') {
        if (data.length > 0) yield data.join('\n');
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
    }
  };
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true });
    yield* take(false);
  }
  buffer += decoder.decode();
  yield* take(true);
  if (data.length > 0) yield data.join('\n');
}
