/**
 * Line references in an answer ("line 12", "lines 12–15", "L12", "L12-L15") become links that reveal those
 * lines in the source document. Done on the sanitised DOM with DOM calls, so the model cannot forge
 * attributes through it; code and existing links are left alone.
 */

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

/** Inside these, text is code or already a link: no line links there. */
const SKIP = new Set(['A', 'CODE', 'PRE']);

export function linkLineReferences(root: DocumentFragment | Element): void {
  const doc = root.ownerDocument ?? (root as unknown as Document);
  const texts: Text[] = [];
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!insideSkipped(node, root)) texts.push(node as Text);
  }
  for (const text of texts) {
    const refs = findLineReferences(text.data);
    if (refs.length === 0) continue;
    const parts = doc.createDocumentFragment();
    let at = 0;
    for (const ref of refs) {
      parts.append(text.data.slice(at, ref.index));
      const a = doc.createElement('a');
      a.className = 'line-link';
      a.setAttribute('href', lineHref(ref));
      a.title = ref.endLine ? `Show lines ${ref.line}–${ref.endLine}` : `Show line ${ref.line}`;
      a.textContent = text.data.slice(ref.index, ref.index + ref.length);
      parts.append(a);
      at = ref.index + ref.length;
    }
    parts.append(text.data.slice(at));
    text.replaceWith(parts);
  }
}

function insideSkipped(node: Node, root: Node): boolean {
  for (let p = node.parentNode; p && p !== root; p = p.parentNode) {
    if (SKIP.has((p as Element).tagName)) return true;
  }
  return false;
}
