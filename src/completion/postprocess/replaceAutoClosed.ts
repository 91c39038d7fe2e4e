/**
 * The editor auto-closes brackets and quotes: after typing `foo(` the line reads `foo(█)`. When the
 * completion supplies those closers itself (` a, b );`), it replaces them instead of adding a second `)`.
 * Only what right of the cursor is nothing but closers, quotes and separators is replaced.
 */
import { CLOSERS, CodeScanner, scanFamily } from '../analysis/codeScanner';
import type { Filter } from './types';

const ONLY_AUTO_CLOSED = /^[)\]}'"`;, \t]*$/;

export const replaceAutoClosed: Filter = (draft, { cursor }) => {
  const right = cursor.lineSuffix.trimEnd();
  if (draft.replaceLength > 0 || right === '' || !ONLY_AUTO_CLOSED.test(right)) return draft;
  const pending = [...right].map((c, i) => ({ c, i })).filter(({ c }) => CLOSERS.includes(c));
  if (pending.length === 0) return draft;
  const closed = new CodeScanner(scanFamily(cursor.languageId)).prime(cursor.linePrefix).scan(draft.text).unmatched;
  if (closed.length === 0) return draft;
  // The completion closes brackets opened before the cursor; the auto-closed ones are the same, in order.
  const n = Math.min(closed.length, pending.length);
  for (let k = 0; k < n; k++) if (closed[k].char !== pending[k].c) return draft;
  const replaceLength = n === pending.length ? right.length : pending[n - 1].i + 1;
  // The text up to its n-th closer stands in for what is replaced: later filters must leave it whole.
  return { ...draft, replaceLength, replacementEnd: closed[n - 1].index + 1 };
};
