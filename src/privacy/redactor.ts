/**
 * Replaces secrets in text that is about to leave the machine with stable placeholders, and puts
 * them back in text that comes back (a model's answer applied to the user's own file).
 *
 * Redaction runs on the final strings of a request (the assembled prompt, the chat messages, an
 * attached file's text), not on documents: a multi-line private key becomes a one-line placeholder,
 * so offsets computed before redaction do not hold afterwards.
 *
 * One Redactor per session: the same secret always gets the same placeholder, so a model can refer
 * to it consistently across turns, and `restore` knows every placeholder it handed out. `restore`
 * is for edits to the user's files only; its output must never be sent anywhere.
 */
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

/**
 * `«secret:<rule>:<n>»`: guillemets are rare in code, so a model keeps the token intact and it can
 * never be mistaken for (or compile as) an identifier, string or operator.
 */
const PLACEHOLDER = /«secret:[a-z0-9-]+:\d+»/g;

// Redacting one secret can change what surrounds another (a word boundary appears); a few passes
// reach the fixed point that makes redact idempotent. Real text settles in one or two.
const MAX_PASSES = 5;

export class Redactor {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private counter = 0;
  private readonly scanner: SecretScanner;

  constructor(rules?: readonly SecretRule[]) {
    this.scanner = createSecretScanner(rules);
  }

  redact(text: string): RedactionResult {
    const found: RedactionFinding[] = [];
    let current = text;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const spans = this.scanner.scan(current, PLACEHOLDER);
      if (spans.length === 0) break;
      let out = '';
      let last = 0;
      for (const span of spans) {
        const placeholder = this.placeholderFor(current.slice(span.start, span.end), span.rule.id);
        out += current.slice(last, span.start) + placeholder;
        last = span.end;
        found.push({ rule: span.rule.id, placeholder });
      }
      current = out + current.slice(last);
    }
    return { text: current, found };
  }

  /** Puts the original values back for every placeholder this instance handed out; others stay. */
  restore(text: string): string {
    return text.replace(PLACEHOLDER, (p) => this.byPlaceholder.get(p) ?? p);
  }

  private placeholderFor(value: string, ruleId: string): string {
    let placeholder = this.byValue.get(value);
    if (!placeholder) {
      placeholder = `«secret:${ruleId}:${++this.counter}»`;
      this.byValue.set(value, placeholder);
      this.byPlaceholder.set(placeholder, value);
    }
    return placeholder;
  }
}
