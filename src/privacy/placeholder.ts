/**
 * The token a secret is replaced with before text leaves the machine: `«secret:<rule>:<tag>»`, where the tag
 * is 10 base32 characters of HMAC-SHA256(session key, value).
 *
 * Why this shape:
 * - Guillemets are rare in code, so a model keeps the token intact and it never compiles as an identifier,
 *   string or operator.
 * - The tag is stable within a session (the same secret gets the same token in every request, so prompts
 *   stay cacheable and a model can refer to it across turns) and unguessable across sessions (50 bits from
 *   a random per-session key): a prompt file or a model cannot name a secret it was never shown.
 * - It says nothing about the value: no length, no prefix, no counter.
 */
import { createHmac } from 'node:crypto';

/**
 * Any redaction token. Matched loosely (any short alphanumeric tag) so that tokens from older versions and
 * guessed ones are also left alone by the scanner; what a token stands for is only ever looked up in the
 * ledger of the request that made it (redactionLedger.ts).
 */
export const PLACEHOLDER = /«secret:[a-z0-9-]+:[a-z0-9]{1,16}»/g;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const TAG_CHARS = 10;

export function makePlaceholder(key: Uint8Array, ruleId: string, value: string): string {
  const digest = createHmac('sha256', key).update(value, 'utf8').digest();
  let tag = '';
  // 5 bits per character, read from the digest's first bytes.
  for (let i = 0; i < TAG_CHARS; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    const word = (digest[byte] << 8) | digest[byte + 1];
    tag += BASE32[(word >> (11 - (bit & 7))) & 31];
  }
  return `«secret:${ruleId}:${tag}»`;
}
