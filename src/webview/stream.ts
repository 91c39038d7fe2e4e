/**
 * Shows a growing markdown answer in a container: each update re-parses the whole source (cheap), keeps the
 * rendered DOM of every leading block whose source did not change, and replaces only the rest (normally just
 * the last block) in one synchronous DOM operation.
 */
import { splitBlocks } from './blocks';
import type { MarkdownRenderer } from './render';

interface RenderedBlock {
  source: string;
  element: HTMLElement;
}

export class StreamingMarkdown {
  private blocks: RenderedBlock[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly renderer: MarkdownRenderer,
  ) {}

  /** Shows `source`; returns how many blocks were (re-)rendered, which the tests use to check reuse. */
  update(source: string): number {
    const next = splitBlocks(this.renderer.markdown, source);
    let keep = 0;
    while (keep < next.length && keep < this.blocks.length && this.blocks[keep].source === next[keep]) keep++;
    for (const stale of this.blocks.splice(keep)) stale.element.remove();
    const doc = this.container.ownerDocument;
    for (const source of next.slice(keep)) {
      const element = doc.createElement('div');
      element.className = 'md-block';
      element.append(this.renderer.render(source));
      this.container.append(element);
      this.blocks.push({ source, element });
    }
    return next.length - keep;
  }

  clear(): void {
    this.blocks = [];
    this.container.replaceChildren();
  }
}
