/**
 * Indentation as the document writes it. On an indented empty line the cursor already stands after the
 * indentation, so the first line's own leading whitespace would double it. And a model that indents with
 * spaces in a tab-indented file (or the reverse) has its indentation converted.
 */
import { CodeScanner, scanFamily } from '../analysis/codeScanner';
import { isBlank, type CursorContext } from '../analysis/cursorContext';
import type { Filter } from './types';

export const fixIndentation: Filter = (draft, { cursor }) => {
  let text = draft.text;
  if (cursor.linePrefix !== '' && isBlank(cursor.linePrefix)) text = text.replace(/^[ \t]+/, '');
  const style = documentIndentStyle(cursor.linesBefore + cursor.linePrefix);
  if (style) text = convertIndentation(text, style, cursor);
  return { ...draft, text };
};

export type IndentStyle = { tabs: true } | { tabs: false; width: number };

/** Lines that say nothing about indentation style: block-comment continuations (` * text`). */
const COMMENT_CONTINUATION = /^[ \t]+\*/;

/**
 * How the lines before the cursor are indented: tabs, or spaces of a unit width. Undefined when they do
 * not say clearly (no indented lines, or both styles with neither three times as common).
 */
export function documentIndentStyle(before: string): IndentStyle | undefined {
  let tabs = 0;
  let spaces = 0;
  let unit = 0;
  for (const m of before.matchAll(/^([ \t]+)\S.*$/gm)) {
    if (COMMENT_CONTINUATION.test(m[0])) continue;
    const indent = m[1];
    if (indent[0] === '\t') tabs++;
    else if (!indent.includes('\t') && indent.length >= 2) {
      spaces++;
      unit = gcd(unit, indent.length);
    }
  }
  if (tabs >= 3 * spaces && tabs > 0) return { tabs: true };
  if (spaces >= 3 * tabs && spaces > 0) return { tabs: false, width: unit >= 2 ? Math.min(unit, 8) : 4 };
  return undefined;
}

/**
 * Rewrites the leading whitespace of the completion's lines (after the first, which continues the cursor
 * line) in the document's style, when the completion plainly uses the other one. Lines that start inside
 * a multi-line string or comment are text, not indentation, and stay as they are.
 */
export function convertIndentation(text: string, style: IndentStyle, cursor?: Pick<CursorContext, 'languageId' | 'linePrefix'>): string {
  const lines = text.split('\n');
  const code = codeLineStarts(lines, cursor);
  const leads = lines
    .filter((l, i) => i > 0 && code[i] && /^[ \t]+\S/.test(l) && !COMMENT_CONTINUATION.test(l))
    .map((l) => /^[ \t]*/.exec(l)![0]);
  const rewrite = (replace: (lead: string) => string) =>
    lines.map((l, i) => (i > 0 && code[i] ? l.replace(/^[ \t]+/, replace) : l)).join('\n');
  if (style.tabs) {
    const spaced = leads.filter((l) => !l.includes('\t') && l.length >= 2);
    if (spaced.length === 0 || leads.some((l) => l.includes('\t'))) return text;
    const unit = spaced.reduce((g, l) => gcd(g, l.length), 0);
    const width = unit >= 2 ? unit : 4;
    return rewrite((lead) => '\t'.repeat(Math.floor(lead.length / width)) + ' '.repeat(lead.length % width));
  }
  if (!leads.some((l) => l.includes('\t'))) return text;
  return rewrite((lead) => lead.replace(/\t/g, ' '.repeat(style.width)));
}

/** For each line, whether it starts in code (not inside a multi-line string or comment). */
function codeLineStarts(lines: string[], cursor?: Pick<CursorContext, 'languageId' | 'linePrefix'>): boolean[] {
  const scanner = new CodeScanner(scanFamily(cursor?.languageId ?? '')).prime(cursor?.linePrefix ?? '');
  return lines.map((line) => {
    const inCode = !scanner.inMultilineToken;
    scanner.scan(line + '\n');
    return inCode;
  });
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

