import { originOf } from './origin';
import type { ProviderKind } from './types';
import { providerEntry } from './providers';

/** Every way a backend call can fail, as the user needs to tell them apart. */
export type BackendErrorKind =
  | 'unreachable'
  | 'unauthorized'
  | 'modelMissing'
  | 'rateLimited'
  | 'badResponse'
  | 'timeout'
  | 'cancelled'
  /**
   * Fathom itself would not send the request: local-only mode, the user declined this endpoint, or the
   * server redirected it to another origin.
   */
  | 'refused'
  /** The answer ran past Fathom's size cap (the server ignored the token limit): reading stopped. */
  | 'tooLong';

/** Why Fathom refused a request: local-only mode, the user's "Don't allow", or a redirect to another server. */
export type Refusal = 'localOnly' | 'declined' | 'redirect';

export interface BackendErrorContext {
  provider: ProviderKind;
  baseUrl: string;
  model?: string;
  /** HTTP status when there was one. */
  status?: number;
  /** For `rateLimited`: how long the server asked us to wait. */
  retryAfterMs?: number;
  /** The server's own words, already stripped of anything secret; shown after our message. */
  detail?: string;
  /** For `badResponse`: the connection broke after the answer had begun. */
  interrupted?: boolean;
  /** For `refused`: why nothing (more) was sent. */
  refusal?: Refusal;
  /** For a `redirect` refusal: the origin the server pointed the request at. */
  redirectTo?: string;
  /** For `tooLong`: the cap, in characters, the answer ran past. */
  limitChars?: number;
  /**
   * The setting (without `fathom.`) that holds `baseUrl` — a role's own (`chat.baseUrl`) when it has one; else
   * the provider's (`ollama.baseUrl`), which the advice names by default.
   */
  baseUrlSetting?: string;
}

/** The one error type backends throw. `message` is written for the user: what happened and what to do. */
export class BackendError extends Error {
  readonly kind: BackendErrorKind;
  readonly provider: ProviderKind;
  readonly baseUrl: string;
  readonly model?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly detail?: string;
  readonly interrupted?: boolean;
  readonly refusal?: Refusal;
  readonly redirectTo?: string;
  readonly limitChars?: number;
  readonly baseUrlSetting?: string;

  constructor(kind: BackendErrorKind, context: BackendErrorContext, options?: { cause?: unknown }) {
    super(describeBackendError(kind, context), options);
    this.name = 'BackendError';
    this.kind = kind;
    this.provider = context.provider;
    this.baseUrl = context.baseUrl;
    this.model = context.model;
    this.status = context.status;
    this.retryAfterMs = context.retryAfterMs;
    this.detail = context.detail;
    this.interrupted = context.interrupted;
    this.refusal = context.refusal;
    this.redirectTo = context.redirectTo;
    this.limitChars = context.limitChars;
    this.baseUrlSetting = context.baseUrlSetting;
  }
}

export function isBackendError(error: unknown): error is BackendError {
  return error instanceof BackendError;
}

/** The single place where a failure becomes words for the user. */
export function describeBackendError(kind: BackendErrorKind, c: BackendErrorContext): string {
  const provider = providerEntry(c.provider);
  const who = provider.serverName;
  const tail = c.detail ? ` (server said: ${c.detail})` : '';
  const setting = `fathom.${c.baseUrlSetting ?? provider.baseUrlSetting}`;
  switch (kind) {
    case 'unreachable':
      return provider.hints.unreachable(c.baseUrl, setting);
    case 'unauthorized':
      return `${who} at ${c.baseUrl} refused the API key${c.status ? ` (HTTP ${c.status})` : ''}. Run "Fathom: Set API Key" to store a valid key.${tail}`;
    case 'modelMissing':
      return provider.hints.modelMissing(c.baseUrl, c.model, tail);
    case 'rateLimited': {
      const wait = c.retryAfterMs !== undefined ? ` Retry in ${Math.max(1, Math.ceil(c.retryAfterMs / 1000))} s.` : ' Wait a moment and try again.';
      return `${who} at ${c.baseUrl} is rate limiting requests (HTTP 429).${wait}${tail}`;
    }
    case 'badResponse':
      if (c.interrupted) {
        return `The connection to ${who === 'Ollama' ? 'Ollama' : 'the server'} at ${c.baseUrl} was lost in the middle of the answer. Check that it is still running, then try again.`;
      }
      return `${who} at ${c.baseUrl} sent an answer Fathom could not use${c.status ? ` (HTTP ${c.status})` : ''}. Check the server's log; if it is a proxy, check that it speaks the ${provider.displayName} API.${tail}`;
    case 'timeout':
      return `${who} at ${c.baseUrl} did not answer in time. The model may still be loading or the machine is busy; try again, or raise "fathom.requestTimeoutMs".`;
    case 'cancelled':
      return 'The request was cancelled.';
    case 'refused':
      switch (c.refusal) {
        case 'declined':
          return `You declined sending code to ${originOf(c.baseUrl)}; run "Fathom: Reset Endpoint Consent" to be asked again.`;
        case 'redirect':
          return `The server at ${originOf(c.baseUrl)} redirected to ${c.redirectTo ?? 'another server'}; Fathom does not follow redirects to another server. If that server is the right one, set "${setting}" to it.`;
        default:
          return `Local-only mode refuses ${originOf(c.baseUrl)}: it is not on this machine, so Fathom sends it nothing. Point "${setting}" at a local server or turn off "fathom.localOnly".`;
      }
    case 'tooLong':
      return `${who} at ${c.baseUrl} kept answering past ${c.limitChars ?? 'the size cap in'} characters, far beyond the token limit Fathom asked for, so Fathom cut the answer off and did not use it. Check that the server honours the token limit, or pick another model ("Fathom: Select Model").`;
  }
}
