/**
 * Turns references found in an answer's plain text into links, on the sanitised DOM with DOM calls (never
 * HTML the model wrote): each text node outside code and existing links is searched, and every match is
 * replaced by the anchor the caller makes, holding the matched text. Line links (lineLinks.ts) and workspace
 * code references (codeReferences.ts) share it.
 */

/** Inside these, text is code or already a link: no links there. */
const SKIP = new Set(['A', 'CODE', 'PRE']);

export interface TextMatch {
  index: number;
  length: number;
}

export function linkTextMatches<T extends TextMatch>(root: DocumentFragment | Element, find: (text: string) => T[], linkFor: (doc: Document, match: T) => HTMLAnchorElement): void {
  const doc = root.ownerDocument ?? (root as unknown as Document);
  const texts: Text[] = [];
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!insideSkipped(node, root)) texts.push(node as Text);
  }
  for (const text of texts) {
    const matches = find(text.data);
    if (matches.length === 0) continue;
    const parts = doc.createDocumentFragment();
    let at = 0;
    for (const match of matches) {
      parts.append(text.data.slice(at, match.index));
      const a = linkFor(doc, match);
      a.textContent = text.data.slice(match.index, match.index + match.length);
      parts.append(a);
      at = match.index + match.length;
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
