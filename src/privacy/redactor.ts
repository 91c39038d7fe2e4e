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
/**
 * After a pass, only text near a new placeholder has changed, so only there can a new secret appear (a match
 * the pass left unclaimed overlapped a claimed span, and a rule's lookaround reaches far less than this).
 * The check after a pass scans these windows (whole lines) instead of the whole text; anything found there,
 * or a match running into a window's edge, sends the text through full passes as before.
 */
const RECHECK_CHARS = 1024;
/** Placeholders made this session, by rule and value: HMAC once per secret, not once per request. */
const PLACEHOLDER_CACHE_LIMIT = 4096;

export class Redactor {
  private readonly scanner: SecretScanner;
  private readonly placeholders = new Map<string, string>();

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
      const made: { start: number; end: number }[] = [];
      for (const span of spans) {
        const value = current.slice(span.start, span.end);
        const placeholder = this.placeholderFor(span.rule.id, value);
        ledger?.note(placeholder, value);
        out += current.slice(last, span.start);
        made.push({ start: out.length, end: out.length + placeholder.length });
        out += placeholder;
        last = span.end;
        found.push({ rule: span.rule.id, placeholder });
      }
      current = out + current.slice(last);
      if (pass === 0 && this.settledAround(current, made)) break;
    }
    return { text: current, found };
  }

  /** Whether the windows around the new placeholders hold nothing more to redact (see RECHECK_CHARS). */
  private settledAround(text: string, made: readonly { start: number; end: number }[]): boolean {
    for (const window of recheckWindows(text, made)) {
      const part = text.slice(window.start, window.end);
      const spans = this.scanner.scan(part, PLACEHOLDER);
      if (spans.length > 0) return false;
    }
    return true;
  }

  private placeholderFor(rule: string, value: string): string {
    const id = `${rule}\0${value}`;
    let placeholder = this.placeholders.get(id);
    if (placeholder === undefined) {
      placeholder = makePlaceholder(this.key, rule, value);
      if (this.placeholders.size >= PLACEHOLDER_CACHE_LIMIT) this.placeholders.clear();
      this.placeholders.set(id, placeholder);
    }
    return placeholder;
  }
}

/** Whole-line windows reaching RECHECK_CHARS around each range, overlapping ones joined, in text order. */
function recheckWindows(text: string, ranges: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  for (const range of ranges) {
    const from = Math.max(0, range.start - RECHECK_CHARS);
    const start = from === 0 ? 0 : text.lastIndexOf('\n', from) + 1;
    const to = Math.min(text.length, range.end + RECHECK_CHARS);
    const newline = text.indexOf('\n', to);
    const end = newline < 0 ? text.length : newline;
    const last = windows[windows.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}
