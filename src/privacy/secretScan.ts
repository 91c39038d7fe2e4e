/**
 * Finds where the secrets are in a text: non-overlapping spans in text order, each with the rule that
 * found it. The Redactor decides what replaces them; this module only scans.
 *
 * Earlier rules win overlaps, a rule's own overlapping matches (a `lead` reaching back into the match
 * before) are joined into one span, and text matched by `skip` (placeholders already handed out) is never
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
  // Copies keep the shared table's lastIndex untouched. Matches are found without the `d` flag (offsets of
  // every group for every candidate cost allocations); a sticky `d` copy locates the secret's group only
  // when its text occurs more than once in the match.
  const compiled = rules.map((rule) => {
    const groups = rule.group === undefined ? [0] : Array.isArray(rule.group) ? rule.group : [rule.group as number | string];
    const flags = rule.pattern.flags.replace('d', '');
    return {
      rule,
      groups,
      // One pass for all of a rule's keywords; rules sharing a list share the pattern (and its answer per scan).
      keywords: rule.keywords && keywordPattern(rule.keywords),
      requires: rule.requires && new RegExp(rule.requires.source, rule.requires.flags.replace(/[gy]/g, '')),
      find: new RegExp(rule.pattern.source, flags),
      locate: groups.length === 1 && groups[0] === 0 ? undefined : new RegExp(rule.pattern.source, flags.replace('g', '') + 'dy'),
    };
  });
  return {
    scan(text, skip) {
      const taken = new Claimed(skip ? skipped(text, skip) : []);
      const spans: SecretSpan[] = [];
      const present = new Map<RegExp, boolean>();
      const holds = (keywords: RegExp) => {
        let found = present.get(keywords);
        if (found === undefined) present.set(keywords, (found = keywords.test(text)));
        return found;
      };
      for (const { rule, groups, find, locate, keywords, requires } of compiled) {
        if ((keywords && !holds(keywords)) || (requires && !holds(requires))) continue;
        const claimed: Range[] = [];
        const overlaps = taken.sweep();
        find.lastIndex = 0;
        for (let m = find.exec(text); m; m = find.exec(text)) {
          if (m[0] === '') find.lastIndex++;
          const found = groupOf(m, groups);
          if (!found) continue;
          const [group, matched] = found;
          const [from, end] = offsets(m, group, matched, text, locate);
          // A `lead` captured in a lookbehind just before the match is the secret's first part.
          const lead = group === 0 ? m.groups?.lead : undefined;
          const start = lead ? from - lead.length : from;
          const value = lead ? lead + matched : matched;
          // Overlap first: it is cheap, and text already claimed (placeholders on a second pass) never
          // reaches a rule's check.
          if (overlaps(start, end)) continue;
          if (rule.accept && !rule.accept(value, m)) continue;
          // A `lead` can reach back into this rule's previous match (a key body's line read as the first line of
          // the next piece): one span for both, or the text they share would be replaced, and restored, twice.
          let joinedStart = start;
          let joinedEnd = end;
          while (claimed.length > 0 && joinedStart < claimed[claimed.length - 1].end) {
            const previous = claimed.pop() as Range;
            if (!rule.keep) spans.pop(); // this rule's spans are pushed with its claims, in step
            joinedStart = Math.min(joinedStart, previous.start);
            joinedEnd = Math.max(joinedEnd, previous.end);
          }
          claimed.push({ start: joinedStart, end: joinedEnd });
          if (!rule.keep) spans.push({ start: joinedStart, end: joinedEnd, rule });
        }
        taken.add(claimed);
      }
      return spans.sort((a, b) => a.start - b.start);
    },
  };
}

/** The ranges `skip` matches, back-to-back ones joined (a run of placeholders is one range). */
function skipped(text: string, skip: RegExp): Range[] {
  const pattern = new RegExp(skip.source, skip.flags.includes('g') ? skip.flags : skip.flags + 'g');
  const ranges: Range[] = [];
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    const last = ranges[ranges.length - 1];
    if (last && last.end === m.index) last.end += m[0].length;
    else ranges.push({ start: m.index, end: m.index + m[0].length });
  }
  return ranges;
}

const keywordPatterns = new Map<string, RegExp>();

/** A pattern matching any of the keywords (shared between rules with the same list). */
function keywordPattern(keywords: readonly string[]): RegExp {
  const source = keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  let pattern = keywordPatterns.get(source);
  if (!pattern) keywordPatterns.set(source, (pattern = new RegExp(source)));
  return pattern;
}

/** The first listed group that took part in the match, and its text (0 is the whole match). */
function groupOf(m: RegExpExecArray, groups: readonly (number | string)[]): [number | string, string] | undefined {
  for (const g of groups) {
    const value = typeof g === 'number' ? m[g] : m.groups?.[g];
    if (value) return [g, value];
  }
  return undefined;
}

/**
 * Where `group` (text `value`) of match `m` stands in the text. When the value occurs once in the match
 * that is where it is; otherwise the pattern is re-run at the match's start with the `d` flag.
 */
function offsets(m: RegExpExecArray, group: number | string, value: string, text: string, locate: RegExp | undefined): [number, number] {
  if (group === 0 || !locate) return [m.index, m.index + m[0].length];
  const at = m[0].indexOf(value);
  if (at >= 0 && m[0].indexOf(value, at + 1) < 0) return [m.index + at, m.index + at + value.length];
  locate.lastIndex = m.index;
  const d = locate.exec(text);
  const range = typeof group === 'number' ? d?.indices?.[group] : d?.indices?.groups?.[group];
  return range ? [range[0], range[1]] : [m.index, m.index + m[0].length];
}

/**
 * The text already claimed: a few sorted lists of non-overlapping ranges (one per rule that claimed
 * something, merged into one now and then). A rule's matches come in text order, so each list is swept
 * with one pointer; merging only every few rules keeps a text with thousands of secrets from copying the
 * whole list after every rule.
 */
class Claimed {
  private lists: Range[][];

  constructor(initial: Range[]) {
    this.lists = initial.length ? [initial] : [];
  }

  /** An overlap test for starts that only grow (one rule's matches, in order). */
  sweep(): (start: number, end: number) => boolean {
    const lists = this.lists;
    const next = lists.map(() => 0);
    let latest = 0;
    return (start, end) => {
      // A `lead` can start a match before the one before it: each pointer goes back, by a binary search.
      if (start < latest) for (let i = 0; i < lists.length; i++) next[i] = firstEndingAfter(lists[i], start, next[i]);
      latest = start;
      for (let i = 0; i < lists.length; i++) {
        const list = lists[i];
        let k = next[i];
        while (k < list.length && list[k].end <= start) k++;
        next[i] = k;
        if (k < list.length && list[k].start < end) return true;
      }
      return false;
    };
  }

  add(ranges: Range[]): void {
    if (!ranges.length) return;
    this.lists.push(ranges);
    if (this.lists.length > 6) {
      // The recent small lists first, then the big one once.
      const [oldest, ...recent] = this.lists;
      this.lists = [merge(oldest, recent.reduce(merge))];
    }
  }
}

/** The index of the first of `list`'s first `upTo` ranges (sorted, non-overlapping) that ends after `start`; `upTo` if none does. */
function firstEndingAfter(list: readonly Range[], start: number, upTo: number): number {
  let low = 0;
  let high = upTo;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid].end <= start) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Two sorted lists of non-overlapping ranges as one sorted list. */
function merge(a: Range[], b: Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i].start <= b[j].start) ? a[i++] : b[j++]);
  return out;
}
