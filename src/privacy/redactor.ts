/**
 * Replaces secrets in text that is about to leave the machine with placeholders (`«secret:<rule>:<tag>»`,
 * placeholder.ts). Nothing here puts a secret back: restoring is a separate, explicit step scoped to one
 * request and one target file (redactionLedger.ts).
 *
 * Redaction runs on the final strings of a request (the assembled prompt, the chat messages), not on
 * documents: a multi-line private key becomes a one-line placeholder, so offsets computed before redaction
 * do not hold afterwards. The places that cut a document before it is sent (prompt window, selection,
 * snippet, attachment) never cut inside a secret (secretSafeCut.ts), so every secret reaches this step
 * whole and is recognised here.
 *
 * One Redactor per session (BackendPool), with a random key: the same secret gets the same placeholder in
 * every request of the session (prompts stay cacheable), and no one outside the session can tell which
 * secret a placeholder stands for or make up a valid one.
 */
import { randomBytes } from 'node:crypto';
import { makePlaceholder, PLACEHOLDER } from './placeholder';
import type { PlaceholderNotes } from '../backends/types';
import { createSecretScanner, type SecretScanner } from './secretScan';
import type { SecretRule } from './secretRules';

export interface RedactionFinding {
  /** The rule's id, e.g. 'github-token'. */
  rule: string;
  placeholder: string;
}

export interface RedactionResult {
  text: string;
  /** One entry per replaced occurrence, in text order (repeats of one secret share a placeholder). */
  found: RedactionFinding[];
}

// Redacting one secret can change what surrounds another (a word boundary appears); a few passes
// reach the fixed point that makes redact idempotent. Real text settles in one or two.
const MAX_PASSES = 5;

export class Redactor {
  private readonly scanner: SecretScanner;

  constructor(
    rules?: readonly SecretRule[],
    /** The session key placeholders are derived from; random unless a test fixes it. */
    private readonly key: Uint8Array = randomBytes(32),
  ) {
    this.scanner = createSecretScanner(rules);
  }

  /** Redacts `text`; each placeholder put in, with its value, is noted in `ledger` when one is given. */
  redact(text: string, ledger?: PlaceholderNotes): RedactionResult {
    const found: RedactionFinding[] = [];
    let current = text;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const spans = this.scanner.scan(current, PLACEHOLDER);
      if (spans.length === 0) break;
      let out = '';
      let last = 0;
      for (const span of spans) {
        const value = current.slice(span.start, span.end);
        const placeholder = makePlaceholder(this.key, span.rule.id, value);
        ledger?.note(placeholder, value);
        out += current.slice(last, span.start) + placeholder;
        last = span.end;
        found.push({ rule: span.rule.id, placeholder });
      }
      current = out + current.slice(last);
    }
    return { text: current, found };
  }
}
