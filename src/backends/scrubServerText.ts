/**
 * Keeps secrets out of anything a user or a log may see. Servers and proxies echo rejected keys in their
 * error bodies ("Incorrect API key provided: sk-…"), so every server text passes through here. (Not to be
 * confused with privacy/redactor.ts, which replaces secrets in the code Fathom sends with placeholders.)
 */

/** Longest server text kept as an error's detail. */
const MAX_DETAIL = 300;

export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  // Very short strings would blank out ordinary words; real keys are long.
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('***');
  return out.replace(/\b(Bearer)\s+[^\s"',;]+/gi, '$1 ***').replace(/\bsk-[A-Za-z0-9_*.-]{4,}/g, 'sk-***');
}

/** A server's words, made safe and short enough to show after our own message. */
export function safeDetail(text: string | undefined, secrets: ReadonlyArray<string | undefined>): string | undefined {
  if (text === undefined) return undefined;
  const clean = redactSecrets(text.replace(/\s+/g, ' ').trim(), secrets);
  if (clean === '') return undefined;
  return clean.length > MAX_DETAIL ? `${clean.slice(0, MAX_DETAIL - 1)}…` : clean;
}

/** Drops user:password from a URL (http://user:token@host) before it goes into a message. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
}
