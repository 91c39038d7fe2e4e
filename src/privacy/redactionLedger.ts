/**
 * What one request's redaction replaced, and the only way a placeholder ever becomes a secret again.
 *
 * A ledger rides on one request (`redaction` on CompletionRequest / ChatRequest): the redacting backend
 * notes every placeholder that appeared in THAT request's redacted text, with its value. Whoever applies
 * the answer as an edit then calls `restoreInto(answer, targetText)`, which puts a value back only when
 *   1. its placeholder appeared in the same request (a placeholder from an earlier request, a guessed one,
 *      or one a prompt file made the model write stays as it is), and
 *   2. the exact value is already in the text of the file the edit goes to (so a secret from another file —
 *      a context snippet, an attachment — is never written somewhere new).
 * Nothing else restores: chat and panel prose, links, new files and the clipboard keep the placeholders.
 *
 * Values live in a private field of a Map: JSON.stringify and structured clone of a ledger carry none, so a
 * request logged or posted by mistake does not leak them. A ledger is kept in memory only.
 */
import type { PlaceholderNotes } from '../backends/types';
import { PLACEHOLDER } from './placeholder';

export class RedactionLedger implements PlaceholderNotes {
  readonly #values = new Map<string, string>();

  /** Records that `placeholder` stands for `value` in this request. */
  note(placeholder: string, value: string): void {
    this.#values.set(placeholder, value);
  }

  /** How many distinct placeholders the request carried. */
  get size(): number {
    return this.#values.size;
  }

  /** The placeholders the request carried (never their values). */
  placeholders(): string[] {
    return [...this.#values.keys()];
  }

  /**
   * `answer` with this request's placeholders replaced by their values where the value already occurs in
   * `targetText` (the whole text of the file the answer is applied to); every other placeholder unchanged.
   */
  restoreInto(answer: string, targetText: string): string {
    if (this.#values.size === 0) return answer;
    return answer.replace(PLACEHOLDER, (placeholder) => {
      const value = this.#values.get(placeholder);
      return value !== undefined && targetText.includes(value) ? value : placeholder;
    });
  }

  toJSON(): object {
    return { placeholders: this.#values.size };
  }
}
