/**
 * The baseline retriever: windows of open and recently edited files whose words overlap most with the
 * code around the cursor (Jaccard similarity of identifier sets over sliding windows). Cheap, and
 * good at finding code written the same way; it cannot find a definition that shares no words with
 * the cursor, which is why the import retriever ranks first.
 */
import type { ContextSnippet } from './snippets/snippet';
import { secretSafeLines } from '../privacy/secretSafeCut';
import { WINDOW_CACHE_DOCUMENTS } from '../tunables/tunables';

export interface SimilarOptions {
  /** Lines per window (both the query and the candidates). */
  windowLines?: number;
  /** Lines between the starts of two windows. */
  step?: number;
  /** Windows returned at most. */
  topK?: number;
  /** Windows scoring below this are not worth their tokens. */
  minScore?: number;
  /** Documents searched at most, and lines per document (bounds the work per keystroke). */
  maxDocuments?: number;
  maxLinesPerDocument?: number;
}

const DEFAULTS: Required<SimilarOptions> = { windowLines: 20, step: 10, topK: 3, minScore: 0.15, maxDocuments: 20, maxLinesPerDocument: 5000 };

/** Words too common in code to say anything about similarity. */
const STOP = new Set([
  'const', 'let', 'var', 'function', 'return', 'if', 'else', 'for', 'while', 'new', 'this', 'self', 'def', 'class',
  'import', 'from', 'export', 'true', 'false', 'null', 'undefined', 'None', 'True', 'False', 'in', 'of', 'is', 'not',
  'and', 'or', 'pass', 'public', 'private', 'static', 'void', 'int', 'string', 'number', 'any', 'the', 'a', 'to',
]);

export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) if (!STOP.has(m[0])) words.add(m[0]);
  return words;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Window {
  startLine: number;
  endLine: number;
  text: string;
  words: Set<string>;
  /** The window as sent, widened where a secret crosses its edges; made when the window is first chosen. */
  sent?: { text: string; startLine: number; endLine: number };
}

/** Windows of the documents seen lately, kept while their text is unchanged (most keystrokes search the same files). */
const windowCache = new Map<string, { text: string; key: string; windows: Window[] }>();

function windowsOf(doc: { path: string; text: string }, o: Required<SimilarOptions>): Window[] {
  const key = `${o.windowLines}/${o.step}/${o.maxLinesPerDocument}`;
  const hit = windowCache.get(doc.path);
  if (hit && hit.text === doc.text && hit.key === key) return hit.windows;
  const lines = doc.text.split('\n', o.maxLinesPerDocument);
  const windows: Window[] = [];
  for (let start = 0; start < lines.length; start += o.step) {
    const end = Math.min(lines.length, start + o.windowLines);
    const text = lines.slice(start, end).join('\n');
    windows.push({ startLine: start + 1, endLine: end, text, words: wordsOf(text) });
    if (end === lines.length) break;
  }
  windowCache.delete(doc.path);
  windowCache.set(doc.path, { text: doc.text, key, windows });
  if (windowCache.size > WINDOW_CACHE_DOCUMENTS) windowCache.delete(windowCache.keys().next().value!);
  return windows;
}

/**
 * The windows of `documents` most similar to `query` (the lines before the cursor), best first,
 * at most one overlapping window per region. Scores are the Jaccard similarity (0..1).
 */
export function findSimilarSnippets(query: string, documents: readonly { path: string; text: string }[], options: SimilarOptions = {}): ContextSnippet[] {
  const o = { ...DEFAULTS, ...options };
  const queryWords = wordsOf(query.split('\n').slice(-o.windowLines).join('\n'));
  if (queryWords.size === 0) return [];
  const found: { doc: { path: string; text: string }; window: Window; score: number }[] = [];
  for (const doc of documents.slice(0, o.maxDocuments)) {
    for (const w of windowsOf(doc, o)) {
      const score = jaccard(queryWords, w.words);
      if (score >= o.minScore) found.push({ doc, window: w, score });
    }
  }
  found.sort((a, b) => b.score - a.score);
  const kept: ContextSnippet[] = [];
  for (const { doc, window: w, score } of found) {
    if (kept.length >= o.topK) break;
    if (kept.some((k) => k.path === doc.path && k.startLine <= w.endLine && w.startLine <= k.endLine)) continue;
    kept.push({ path: doc.path, ...sentForm(doc.text, w), source: 'similar', score });
  }
  return kept;
}

/** The window's lines widened so no secret crosses its edges (computed once per window of a document version). */
function sentForm(text: string, w: Window): { text: string; startLine: number; endLine: number } {
  if (!w.sent) {
    const lines = text.split('\n');
    const [[from, to]] = secretSafeLines(text, lines, [[w.startLine - 1, w.endLine - 1]]);
    w.sent = from === w.startLine - 1 && to === w.endLine - 1 ? w : { text: lines.slice(from, to + 1).join('\n'), startLine: from + 1, endLine: to + 1 };
  }
  return { text: w.sent.text, startLine: w.sent.startLine, endLine: w.sent.endLine };
}
