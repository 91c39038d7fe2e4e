/**
 * Step 3b: an LRU cache of completions, keyed so that typing ahead and backspacing hit it.
 *
 * The key is the text *around* the cursor's line (a window before the line start, a window after the line
 * end, the language): typing on the line does not change it. Under one key sit the suggestions made at
 * different points of that line, each with the line's text left of the cursor at the time. A lookup
 * finds one whose line prefix the current line extends with characters the suggestion predicted, and
 * returns the rest of it (reuse.ts decides what is left). So:
 *  - typing ahead through a suggestion hits, character by character;
 *  - backspacing back to where a suggestion (or "nothing to show") was made hits;
 *  - typing through a multi-line suggestion hits on its later lines too: each of its line starts is
 *    stored as a "typed-ahead" entry when the suggestion is stored.
 *
 * Keys are hashes, so memory stays small whatever the file size. Peers: Tabby 100 entries / 5 min,
 * Cody 250, Continue 1000. Ours holds 500 keys (each up to a few line positions) for 5 minutes: typing
 * sessions revisit positions (undo, moving back) within minutes, and an entry weighs a few hundred bytes.
 */
import { remainingSuggestion } from './reuse';
import type { CompletionResult } from '../engine/result';
import { CACHE_MAX_KEYS as DEFAULT_MAX_KEYS } from '../../tunables/tunables';
import { CACHE_TTL_MS as DEFAULT_TTL_MS } from '../../tunables/tunables';
import { CACHE_EMPTY_TTL_MS as DEFAULT_EMPTY_TTL_MS } from '../../tunables/tunables';
import { CACHE_ENTRIES_PER_KEY as ENTRIES_PER_KEY } from '../../tunables/tunables';
import { CACHE_TYPED_AHEAD_LINES as TYPED_AHEAD_LINES } from '../../tunables/tunables';
import { CACHE_KEY_BEFORE_CHARS as KEY_BEFORE_CHARS } from '../../tunables/tunables';
import { CACHE_KEY_AFTER_CHARS as KEY_AFTER_CHARS } from '../../tunables/tunables';

export interface CacheOptions {
  /** Most keys kept; the least recently used goes first. */
  maxKeys?: number;
  /** How long a suggestion stays valid. */
  ttlMs?: number;
  /** How long "nothing to show here" is remembered (shorter: the model may answer differently later). */
  emptyTtlMs?: number;
  now?: () => number;
}

/** The parts of a snapshot the cache looks at. */
export interface CachePosition {
  text: string;
  offset: number;
  languageId: string;
}

interface Entry {
  /** The line's text left of the cursor when the suggestion was made. */
  linePrefix: string;
  /** The line's text right of the cursor then. */
  rest: string;
  /** undefined: the pipeline found nothing worth showing there. */
  result: CompletionResult | undefined;
  expires: number;
}


export class CompletionCache {
  private readonly buckets = new Map<string, Entry[]>();
  private readonly maxKeys: number;
  private readonly ttlMs: number;
  private readonly emptyTtlMs: number;
  private readonly now: () => number;

  constructor(options: CacheOptions = {}) {
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.emptyTtlMs = options.emptyTtlMs ?? DEFAULT_EMPTY_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.buckets.size;
  }

  /**
   * The suggestion for this position: a result, `null` when it is known that nothing is worth showing
   * here, undefined when the cache cannot tell.
   */
  get(position: CachePosition): CompletionResult | null | undefined {
    const line = lineAt(position.text, position.offset);
    const key = keyOf(position.languageId, line.start, position.text.slice(Math.max(0, line.start - KEY_BEFORE_CHARS), line.start), position.text, line.end);
    const entries = this.buckets.get(key);
    if (!entries) return undefined;
    const now = this.now();
    const linePrefix = position.text.slice(line.start, position.offset);
    const restNow = position.text.slice(position.offset, line.end);
    let found: CompletionResult | null | undefined;
    let foundLength = -1;
    for (const entry of entries) {
      if (entry.expires <= now || entry.linePrefix.length <= foundLength || !linePrefix.startsWith(entry.linePrefix)) continue;
      const typed = linePrefix.slice(entry.linePrefix.length);
      if (entry.result === undefined) {
        if (typed === '' && restNow === entry.rest) [found, foundLength] = [null, entry.linePrefix.length];
        continue;
      }
      const left = remainingSuggestion(entry.result, entry.rest, typed, restNow);
      if (left) [found, foundLength] = [left, entry.linePrefix.length];
    }
    if (found !== undefined) {
      // Refresh its place in the LRU order.
      this.buckets.delete(key);
      this.buckets.set(key, entries);
    }
    return found;
  }

  /** Remembers what the pipeline returned at this position (undefined: nothing worth showing). */
  set(position: CachePosition, result: CompletionResult | undefined): void {
    const { text, offset, languageId } = position;
    const line = lineAt(text, offset);
    const rest = detach(text.slice(offset, line.end));
    const now = this.now();
    const expires = now + (result ? this.ttlMs : this.emptyTtlMs);
    this.add(keyOf(languageId, line.start, text.slice(Math.max(0, line.start - KEY_BEFORE_CHARS), line.start), text, line.end), {
      linePrefix: detach(text.slice(line.start, offset)),
      rest,
      result: result && { insert: detach(result.insert), replaceLength: result.replaceLength },
      expires,
    });
    if (!result) return;
    // Typed-ahead entries: once the user has typed the suggestion up to one of its line breaks, the cursor
    // is at the start of a new line, with the original rest of the line still right of it.
    const before = text.slice(Math.max(0, offset - KEY_BEFORE_CHARS), offset);
    let lines = 0;
    for (let i = result.insert.indexOf('\n'); i !== -1 && lines < TYPED_AHEAD_LINES; i = result.insert.indexOf('\n', i + 1), lines++) {
      const remaining = result.insert.slice(i + 1);
      if (remaining.trim() === '') break;
      const head = (before + result.insert.slice(0, i + 1)).slice(-KEY_BEFORE_CHARS);
      this.add(keyOf(languageId, offset + i + 1, head, text, line.end), { linePrefix: '', rest, result: { insert: detach(remaining), replaceLength: result.replaceLength }, expires });
    }
  }

  clear(): void {
    this.buckets.clear();
  }

  private add(key: string, entry: Entry): void {
    const entries = (this.buckets.get(key) ?? []).filter((e) => e.linePrefix !== entry.linePrefix || e.rest !== entry.rest);
    entries.push(entry);
    if (entries.length > ENTRIES_PER_KEY) entries.shift();
    this.buckets.delete(key);
    this.buckets.set(key, entries);
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}

/**
 * A copy of `text` that shares no memory with the string it was cut from: in V8 a slice keeps its whole
 * original alive, and cached entries must not pin old versions of a large document.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

function lineAt(text: string, offset: number): { start: number; end: number } {
  const end = text.indexOf('\n', offset);
  return { start: text.lastIndexOf('\n', offset - 1) + 1, end: end === -1 ? text.length : end };
}

/**
 * The key: the language, where the line starts, the text before it (given), and the text after the line
 * with its length. Offsets and lengths make edits beyond the windows (which change them) miss.
 */
function keyOf(languageId: string, lineStart: number, before: string, text: string, lineEnd: number): string {
  const after = text.slice(lineEnd, lineEnd + KEY_AFTER_CHARS);
  return `${languageId}:${lineStart}:${text.length - lineEnd}:${hash(before)}:${hash(after)}`;
}

/** A 64-bit hash of UTF-16 code units (two independent 32-bit lanes, FNV-1a and a murmur-style mix), as hex. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x2f5a3c11;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
