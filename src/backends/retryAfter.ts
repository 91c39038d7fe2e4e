/**
 * How long a server asked us to wait (HTTP Retry-After: seconds or an HTTP date; OpenAI also sends
 * retry-after-ms), in milliseconds.
 */
export function parseRetryAfter(retryAfter: string | null | undefined, retryAfterMs?: string | null, now = Date.now()): number | undefined {
  const ms = retryAfterMs?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms));
  const value = retryAfter?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
