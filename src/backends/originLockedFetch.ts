/**
 * The one `fetch` every backend request goes through (both SDKs get it as their `fetch` option; nothing in
 * src/ calls the global fetch for a server directly). It keeps each request on the configured server:
 *
 * - A request is sent only to the configured endpoint's origin, and only when the endpoint policy allows it
 *   (local-only mode): both are checked before anything is sent, and again for every redirect hop.
 * - Redirects are never left to fetch (`redirect: 'manual'`): a local server answering 307 would otherwise make
 *   fetch re-send the code, and the Authorization header, to whatever host it names. A redirect to another
 *   origin fails with a `refused` BackendError naming both origins; one on the same origin is followed here,
 *   at most MAX_REDIRECTS times, with the method and body rules of the Fetch standard.
 */
import { BackendError } from './errors';
import { redactUrl } from './scrubServerText';
import type { ProviderKind } from './types';

/** The shape both SDKs accept as their `fetch` option. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Why a request may not go to a URL; undefined lets it through. */
export type EndpointRule = (url: URL) => 'localOnly' | undefined;

export interface OriginLock {
  provider: ProviderKind;
  /** The configured endpoint: requests may go to its origin and nowhere else. */
  baseUrl: string;
  /** Asked before every request and every redirect hop (local-only mode). */
  rule?: EndpointRule;
  /** The fetch underneath (default: the global one, looked up at call time). */
  fetch?: Fetch;
}

/** Fetch follows up to 20; a real server needs one or two (a trailing slash, http → https on the same host is cross-origin anyway). */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Dropped with the body when a redirect turns a POST into a GET (Fetch standard, "request-body-header name"). */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];

interface Hop {
  url: URL;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
}

export function originLockedFetch(lock: OriginLock): Fetch {
  const configured = httpOrigin(lock.baseUrl);
  return async (input, init = {}) => {
    let hop = await firstHop(input, init);
    // A base URL without a scheme ("127.0.0.1:11434") is completed by the Ollama SDK itself: then its first
    // request says which server is meant.
    const origin = configured ?? hop.url.origin;
    const refuse = (context: { refusal: 'localOnly' | 'redirect'; redirectTo?: string }) => new BackendError('refused', { provider: lock.provider, baseUrl: redactUrl(origin), ...context });
    // Not a redirect, but the same rule: a request the SDK would make to another server is refused too.
    if (hop.url.origin !== origin) throw refuse({ refusal: 'redirect', redirectTo: hop.url.origin });
    for (let redirects = 0; ; redirects++) {
      const refusal = lock.rule?.(hop.url);
      if (refusal) throw refuse({ refusal });
      const send = lock.fetch ?? fetch;
      const response = await send(hop.url, { ...init, method: hop.method, headers: hop.headers, body: hop.body, redirect: 'manual' });
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
      if (location === null) return response;
      const target = new URL(location, hop.url);
      if (target.origin !== origin) {
        await discard(response);
        throw refuse({ refusal: 'redirect', redirectTo: target.origin });
      }
      const next = redirected(hop, response.status, target);
      // Out of hops, or a streamed body that cannot be sent twice: the SDK gets the 3xx and reports it.
      if (redirects >= MAX_REDIRECTS || !next) return response;
      await discard(response);
      hop = next;
    }
  };
}

/** The origin of an http(s) URL; undefined for anything else. */
function httpOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

async function firstHop(input: string | URL | Request, init: RequestInit): Promise<Hop> {
  if (input instanceof Request) {
    const headers = new Headers(input.headers);
    new Headers(init.headers).forEach((value, name) => headers.set(name, value));
    const body = init.body !== undefined ? init.body : input.body ? await input.arrayBuffer() : undefined;
    return { url: new URL(input.url), method: (init.method ?? input.method).toUpperCase(), headers, body };
  }
  return { url: new URL(input), method: (init.method ?? 'GET').toUpperCase(), headers: new Headers(init.headers), body: init.body };
}

/** The next hop of a same-origin redirect (Fetch standard, HTTP-redirect fetch), or undefined when the body cannot be re-sent. */
function redirected(hop: Hop, status: number, url: URL): Hop | undefined {
  const toGet = ((status === 301 || status === 302) && hop.method === 'POST') || (status === 303 && hop.method !== 'GET' && hop.method !== 'HEAD');
  if (toGet) {
    const headers = new Headers(hop.headers);
    for (const name of BODY_HEADERS) headers.delete(name);
    return { url, method: 'GET', headers, body: undefined };
  }
  if (hop.body instanceof ReadableStream) return undefined;
  return { ...hop, url };
}

/** Frees the connection of a response we do not read. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}
