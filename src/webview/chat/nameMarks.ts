/**
 * Underlines, in a chat answer's code blocks, the names the extension found nowhere in the workspace: each
 * whole-word occurrence inside the block's text becomes a `<span class="unknown-name">` with the title "not
 * found in this workspace". Built with DOM calls on the already sanitised DOM (text nodes split, never HTML
 * strings), so the marks add nothing a model could inject; the code's text (Copy, Apply) is unchanged.
 */
import type { BlockNames } from '../../codebase/names/answerNames';

export const UNKNOWN_NAME_TITLE = 'not found in this workspace';

/** Marks the names of every code block under `root` whose code is one of `blocks`; idempotent. */
export function markUnknownNames(root: Element, blocks: readonly BlockNames[]): void {
  for (const code of Array.from(root.querySelectorAll('pre code'))) {
    const text = (code.textContent ?? '').replace(/\n$/, '');
    const block = blocks.find((b) => b.code === text);
    if (!block) continue;
    const key = block.names.join(' ');
    if ((code as HTMLElement).dataset.unknownNames === key) continue;
    (code as HTMLElement).dataset.unknownNames = key;
    markIn(code, new Set(block.names));
  }
}

function markIn(code: Element, names: ReadonlySet<string>): void {
  const doc = code.ownerDocument;
  const walker = doc.createTreeWalker(code, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node.parentElement?.classList.contains('unknown-name') ?? false)) texts.push(node as Text);
  }
  // Highlighting may split a name across spans only at token edges: a name is always one text node.
  for (const text of texts) {
    let rest: Text = text;
    for (;;) {
      const match = findName(rest.data, names);
      if (!match) break;
      const name = rest.splitText(match.index);
      rest = name.splitText(match.length);
      const mark = doc.createElement('span');
      mark.className = 'unknown-name';
      mark.title = UNKNOWN_NAME_TITLE;
      name.replaceWith(mark);
      mark.append(name);
    }
  }
}

function findName(data: string, names: ReadonlySet<string>): { index: number; length: number } | undefined {
  for (const m of data.matchAll(/[A-Za-z_$][\w$]*/g)) {
    if (names.has(m[0])) return { index: m.index ?? 0, length: m[0].length };
  }
  return undefined;
}
