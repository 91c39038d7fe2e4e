/**
 * One answer's markdown to safe DOM: markdown-it (raw HTML off, bare URLs linked) with highlight.js colouring
 * → DOMPurify allow-list (sanitize.ts) → line references as links → a Copy / Insert toolbar on each code block.
 * The toolbar buttons carry no handlers: the panel script listens once on the whole answer.
 */
import MarkdownItConstructor, { type MarkdownIt } from 'markdown-it';
import { highlightCode } from './highlight';
import { linkLineReferences } from './lineLinks';
import { createSanitizer, type SanitizeOptions } from './sanitize';
import { PANEL_LABELS_EN, type CodeActionLabels } from './labels';

export type CodeAction = 'copy' | 'insert' | 'apply' | 'saveAs';

export interface RendererOptions extends SanitizeOptions {
  /** The buttons on each code block's toolbar (default: Copy, Insert). */
  actions?: readonly CodeAction[];
  /** Their labels and tooltips, in the user's language (default: English). */
  labels?: CodeActionLabels;
}

export interface MarkdownRenderer {
  /** The markdown-it instance, shared with the block splitter so both read markdown the same way. */
  readonly markdown: MarkdownIt;
  render(source: string): DocumentFragment;
}

export function createMarkdown(): MarkdownIt {
  return new MarkdownItConstructor({
    html: false,
    linkify: true,
    typographer: false,
    // Returning escaped hljs markup makes markdown-it wrap it in <pre><code class="language-x">; '' means "escape it yourself".
    highlight: (code, language) => highlightCode(code, language) ?? '',
  });
}

export function createRenderer(window: Window, options: RendererOptions = {}): MarkdownRenderer {
  const markdown = createMarkdown();
  const sanitize = createSanitizer(window, options);
  const actions = options.actions ?? ['copy', 'insert'];
  const labels = options.labels ?? PANEL_LABELS_EN;
  return {
    markdown,
    render(source) {
      const fragment = sanitize(markdown.render(source));
      linkLineReferences(fragment);
      addCodeToolbars(fragment, actions, labels);
      return fragment;
    },
  };
}

/** The language a code block was fenced with (`language-ts` → "ts"), if any. */
export function codeLanguage(code: Element): string | undefined {
  const cls = Array.from(code.classList).find((c) => c.startsWith('language-'));
  return cls?.slice('language-'.length) || undefined;
}

function addCodeToolbars(root: DocumentFragment, actions: readonly CodeAction[], labels: CodeActionLabels): void {
  const doc = root.ownerDocument;
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const code = pre.querySelector('code');
    if (!code) continue;
    const block = doc.createElement('div');
    block.className = 'code-block';
    const bar = doc.createElement('div');
    bar.className = 'code-toolbar';
    const language = codeLanguage(code);
    if (language) {
      const label = doc.createElement('span');
      label.className = 'code-language';
      label.textContent = language;
      bar.append(label);
    }
    bar.append(...actions.map((action) => button(doc, action, labels[action], labels[`${action}Title`])));
    pre.replaceWith(block);
    block.append(bar, pre);
  }
}

function button(doc: Document, action: CodeAction, label: string, title: string): HTMLButtonElement {
  const b = doc.createElement('button');
  b.type = 'button';
  b.className = 'code-action';
  b.dataset.action = action;
  b.title = title;
  b.textContent = label;
  return b;
}
