/**
 * Finds where the secrets are in a text: non-overlapping spans in text order, each with the rule that
 * found it. The Redactor decides what replaces them; this module only scans.
 *
 * Earlier rules win overlaps, and text matched by `skip` (placeholders already handed out) is never
 * claimed again.
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

export function createSecretScanner(rules: readonly SecretRule[] = SECRET_RULES): SecretScanner {
  // The `d` flag gives capture-group offsets; copies keep the shared table's lastIndex untouched.
  const compiled = rules.map((rule) => ({
    rule,
    pattern: new RegExp(rule.pattern.source, rule.pattern.flags.includes('d') ? rule.pattern.flags : rule.pattern.flags + 'd'),
  }));
  return {
    scan(text, skip) {
      const taken: { start: number; end: number }[] = skip ? [...text.matchAll(skip)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];
      const overlaps = (s: number, e: number) => taken.some((t) => s < t.end && t.start < e);
      const spans: SecretSpan[] = [];
      for (const { rule, pattern } of compiled) {
        pattern.lastIndex = 0;
        for (const m of text.matchAll(pattern)) {
          const group = rule.group ?? 0;
          const range = m.indices?.[group];
          const value = m[group];
          if (!range || value === undefined || value.length === 0) continue;
          const [start, end] = range;
          if (overlaps(start, end)) continue;
          if (rule.accept && !rule.accept(value)) continue;
          taken.push({ start, end });
          spans.push({ start, end, rule });
        }
      }
      return spans.sort((a, b) => a.start - b.start);
    },
  };
}
