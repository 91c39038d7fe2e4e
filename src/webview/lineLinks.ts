/**
 * Line references in an answer ("line 12", "lines 12–15", "L12", "L12-L15") become links that reveal those
 * lines in the source document. Done on the sanitised DOM with DOM calls, so the model cannot forge
 * attributes through it; code and existing links are left alone.
 */

import { linkTextMatches } from './textLinks';

const LINE_REFERENCE = /\b(?:[Ll]ines?\s+(\d+)(?:\s*(?:-|–|—|to)\s*(\d+))?|L(\d+)(?:\s*(?:-|–|—)\s*L?(\d+))?)\b/g;

export interface LineRange {
  line: number;
  endLine?: number;
}

/** The anchor a line link carries; the panel script reads it back with `parseLineHref`. */
export const lineHref = ({ line, endLine }: LineRange) => (endLine !== undefined && endLine > line ? `#L${line}-${endLine}` : `#L${line}`);

export function parseLineHref(href: string): LineRange | undefined {
  const m = /^#L(\d+)(?:-(\d+))?$/.exec(href);
  if (!m) return undefined;
  const line = Number(m[1]);
  const endLine = m[2] === undefined ? undefined : Number(m[2]);
  if (line < 1) return undefined;
  return endLine !== undefined && endLine > line ? { line, endLine } : { line };
}

/** Every line reference in a plain text, with where it stands. */
export function findLineReferences(text: string): Array<LineRange & { index: number; length: number }> {
  const found: Array<LineRange & { index: number; length: number }> = [];
  for (const m of text.matchAll(LINE_REFERENCE)) {
    const line = Number(m[1] ?? m[3]);
    const end = m[2] ?? m[4];
    if (line < 1) continue;
    const endLine = end === undefined ? undefined : Number(end);
    found.push({ index: m.index, length: m[0].length, line, ...(endLine !== undefined && endLine > line ? { endLine } : {}) });
  }
  return found;
}

export function linkLineReferences(root: DocumentFragment | Element): void {
  linkTextMatches(root, findLineReferences, (doc, ref) => {
    const a = doc.createElement('a');
    a.className = 'line-link';
    a.setAttribute('href', lineHref(ref));
    a.title = ref.endLine ? `Show lines ${ref.line}–${ref.endLine}` : `Show line ${ref.line}`;
    return a;
  });
}
