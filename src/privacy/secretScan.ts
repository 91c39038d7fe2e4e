/**
 * Finds where the secrets are in a text: non-overlapping spans in text order, each with the rule that
 * found it. The Redactor decides what replaces them; this module only scans.
 *
 * Earlier rules win overlaps, and text matched by `skip` (placeholders already handed out) is never
 * claimed again. The claimed spans are kept sorted, and each rule's matches (which come in text order)
 * are checked against them in one sweep, so the scan stays linear however many spans a text holds.
 */
import { SECRET_RULES, type SecretRule } from './secretRules';

export interface SecretSpan {
  start: number;
  end: number;
  rule: SecretRule;
}

export interface SecretScanner {
  /** Non-overlapping secret spans in text order; spans inside `skip` matches are never reported. */
  scan(text: string, skip?: RegExp): SecretSpan[];
}

interface Range {
  start: number;
  end: number;
}

export function createSecretScanner(rules: readonly SecretRule[] = SECRET_RULES): SecretScanner {
  // The `d` flag gives capture-group offsets; copies keep the shared table's lastIndex untouched.
  const compiled = rules.map((rule) => ({
    rule,
    groups: rule.group === undefined ? [0] : Array.isArray(rule.group) ? rule.group : [rule.group as number | string],
    pattern: new RegExp(rule.pattern.source, rule.pattern.flags.includes('d') ? rule.pattern.flags : rule.pattern.flags + 'd'),
  }));
  return {
    scan(text, skip) {
      let taken: Range[] = skip ? [...text.matchAll(new RegExp(skip.source, skip.flags.includes('g') ? skip.flags : skip.flags + 'g'))].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];
      const spans: SecretSpan[] = [];
      for (const { rule, groups, pattern } of compiled) {
        pattern.lastIndex = 0;
        const claimed: Range[] = [];
        let next = 0; // first taken range that may still overlap: matches come in text order
        for (const m of text.matchAll(pattern)) {
          const found = locate(m, groups);
          if (!found) continue;
          const [start, end, value] = found;
          while (next < taken.length && taken[next].end <= start) next++;
          if (next < taken.length && taken[next].start < end) continue;
          if (rule.accept && !rule.accept(value, m)) continue;
          claimed.push({ start, end });
          if (!rule.keep) spans.push({ start, end, rule });
        }
        if (claimed.length) taken = merge(taken, claimed);
      }
      return spans.sort((a, b) => a.start - b.start);
    },
  };
}

/** Offsets and text of the first listed group that took part in the match (0 is the whole match). */
function locate(m: RegExpMatchArray, groups: readonly (number | string)[]): [number, number, string] | undefined {
  for (const g of groups) {
    const range = typeof g === 'number' ? m.indices?.[g] : m.indices?.groups?.[g];
    const value = typeof g === 'number' ? m[g] : m.groups?.[g];
    if (range && value) return [range[0], range[1], value];
  }
  return undefined;
}

/** Two sorted lists of non-overlapping ranges as one sorted list. */
function merge(a: Range[], b: Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i].start <= b[j].start) ? a[i++] : b[j++]);
  return out;
}
