/**
 * The origin (scheme, host, port) of a server's base URL: what API keys, endpoint consent and error messages
 * are keyed by, so a key or a yes for one server never applies to another.
 */
export function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}
