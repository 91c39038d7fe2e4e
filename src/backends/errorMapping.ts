/**
 * Turns whatever an SDK threw into the one BackendError the rest of Fathom understands. Each backend
 * gathers the facts its SDK exposes (status, the server's words, Retry-After, whether the answer had
 * begun); the decision about what kind of failure that is lives only here.
 */
import { BackendError, isBackendError, type BackendErrorKind } from './errors';
import type { StopReason } from './deadline';
import { redactUrl, safeDetail } from './scrubServerText';
import { parseRetryAfter } from './retryAfter';
import type { ProviderKind } from './types';

export interface FailureContext {
  provider: ProviderKind;
  baseUrl: string;
  model?: string;
  /** Strings that must never reach a message, a detail or a cause: the configured API key. */
  secrets: ReadonlyArray<string | undefined>;
}

export interface FailureFacts {
  /** Set when we stopped the call ourselves (caller abort, time limit). */
  stop?: StopReason;
  /** HTTP status of an error answer. */
  status?: number;
  /** The server's own error text, when it sent one. */
  serverMessage?: string;
  retryAfter?: string | null;
  retryAfterMs?: string | null;
  /** True once the server had started answering; a connection failure after that is a lost answer. */
  responseStarted: boolean;
}

/** Ollama: `model "x" not found, try pulling it first`; OpenAI: "The model `x` does not exist". */
const MODEL_MISSING = /\bmodel\b.*\b(not found|does not exist)\b/i;

export function toBackendError(error: unknown, facts: FailureFacts, context: FailureContext): BackendError {
  // Our own fetch (originLockedFetch) refuses with a BackendError; the OpenAI SDK wraps it as a connection error.
  const own = causeChain(error).find(isBackendError);
  if (own) return own;
  const { status } = facts;
  const words = facts.serverMessage ?? messageOf(error);
  const base = { provider: context.provider, baseUrl: redactUrl(context.baseUrl), model: context.model };
  const make = (kind: BackendErrorKind, extra: { detail?: string; retryAfterMs?: number; interrupted?: boolean } = {}) =>
    new BackendError(kind, { ...base, status, ...extra }, { cause: safeCause(error, context.secrets) });

  if (facts.stop) return make(facts.stop);
  if (status === 401 || status === 403) return make('unauthorized', { detail: safeDetail(words, context.secrets) });
  if (status === 429) {
    return make('rateLimited', { retryAfterMs: parseRetryAfter(facts.retryAfter, facts.retryAfterMs), detail: safeDetail(words, context.secrets) });
  }
  if (context.model && (status === 404 || MODEL_MISSING.test(words))) return make('modelMissing', { detail: safeDetail(words, context.secrets) });
  if (status === undefined && isConnectionFailure(error)) {
    if (!facts.responseStarted) return make('unreachable', { detail: safeDetail(connectionCode(error) ?? words, context.secrets) });
    return make('badResponse', { interrupted: true });
  }
  return make('badResponse', { detail: safeDetail(words, context.secrets) });
}

/** Node's fetch (undici) and the OS name these when a connection could not be made or broke. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** Walks the cause chain: the SDKs wrap undici's TypeError("fetch failed" / "terminated"), which wraps the socket error. */
export function isConnectionFailure(error: unknown): boolean {
  for (const e of causeChain(error)) {
    if (CONNECTION_CODES.has(codeOf(e) ?? '')) return true;
    if (e instanceof TypeError && /^(fetch failed|terminated)$/.test(e.message)) return true;
  }
  return false;
}

function connectionCode(error: unknown): string | undefined {
  for (const e of causeChain(error)) {
    const code = codeOf(e);
    if (code && CONNECTION_CODES.has(code)) return `${code}${e instanceof Error && e.message.includes(code) ? `: ${e.message}` : ''}`;
  }
  return undefined;
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 6; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}

/** The original error for debugging, rebuilt from redacted text so no key travels along inside it. */
function safeCause(error: unknown, secrets: ReadonlyArray<string | undefined>): Error {
  const cause = new Error(safeDetail(messageOf(error), secrets) ?? '(no message)');
  cause.name = error instanceof Error ? error.name : 'Error';
  const code = connectionCode(error) ?? codeOf(error);
  if (code) (cause as Error & { code?: string }).code = code;
  return cause;
}
