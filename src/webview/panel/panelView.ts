/**
 * The answer panel's page: applies the extension's messages (protocol.ts) to the DOM and turns the user's
 * clicks into messages back. Kept apart from the entry script (panel.ts) so it runs the same in jsdom tests:
 * the VS Code API, the frame scheduler and the page's elements come in as parameters.
 */
import { coalesce } from '../adaptiveSchedule';
import { parseLineHref } from '../lineLinks';
import type { AnswerView, FromPanel, ToPanel } from './protocol';
import { codeLanguage, createRenderer } from '../render';
import { StreamingMarkdown } from '../stream';
import { lineRange } from '../../text/lineRange';
import { fill, PANEL_LABELS_EN, type PanelLabels } from '../labels';

export interface PanelHost {
  postMessage(message: FromPanel): void;
  getState(): unknown;
  setState(state: AnswerView): void;
}

export interface PanelViewOptions {
  /** Runs a render before the next paint; appends that arrive in between share it (requestAnimationFrame). */
  schedule?: (render: () => void) => void;
  /** Origin of the webview's own resources, whose images may show. */
  resourceOrigin?: string;
  /** The page's words in the user's language (default: English). */
  labels?: PanelLabels;
}

const EMPTY: AnswerView = { title: '', markdown: '', phase: 'done', chatAvailable: false };

const PHASES = new Set<string>(['streaming', 'done', 'failed']);

export class PanelView {
  private view: AnswerView;
  private readonly labels: PanelLabels;
  private readonly stream: StreamingMarkdown;
  private readonly schedule: (render: () => void) => void;
  private readonly requestRender: () => void;
  private readonly el: {
    title: HTMLElement;
    subtitle: HTMLElement;
    status: HTMLElement;
    promptFile: HTMLElement;
    promptFileLink: HTMLElement;
    answer: HTMLElement;
    error: HTMLElement;
    chat: HTMLButtonElement;
    sources: HTMLElement;
    sourcesList: HTMLElement;
  };

  constructor(
    private readonly doc: Document,
    private readonly host: PanelHost,
    options: PanelViewOptions = {},
  ) {
    const byId = <T extends HTMLElement>(id: string) => {
      const found = doc.getElementById(id);
      if (!found) throw new Error(`the panel page has no #${id}`);
      return found as T;
    };
    this.el = {
      title: byId('title'),
      subtitle: byId('subtitle'),
      status: byId('status'),
      promptFile: byId('prompt-file'),
      promptFileLink: byId('prompt-file-link'),
      answer: byId('answer'),
      error: byId('error'),
      chat: byId('continue'),
      sources: byId('sources'),
      sourcesList: byId('sources-list'),
    };
    this.labels = options.labels ?? PANEL_LABELS_EN;
    this.schedule = options.schedule ?? ((render) => render());
    this.requestRender = coalesce(this.schedule, () => this.renderNow());
    const window = doc.defaultView;
    if (!window) throw new Error('the panel page has no window');
    this.stream = new StreamingMarkdown(this.el.answer, createRenderer(window, { resourceOrigin: options.resourceOrigin, labels: this.labels }));
    // A panel that was hidden and re-created comes back with what it showed.
    this.view = isAnswerView(host.getState()) ? (host.getState() as AnswerView) : EMPTY;
    doc.addEventListener('click', (event) => this.onClick(event));
    this.renderNow();
  }

  /** Applies one message from the extension. */
  receive(message: ToPanel): void {
    switch (message.type) {
      case 'show':
        this.view = { ...message.view };
        this.stream.clear();
        break;
      case 'append':
        this.view = { ...this.view, markdown: this.view.markdown + message.text };
        break;
      case 'finish':
        this.view = { ...this.view, phase: 'done' };
        break;
      case 'fail':
        this.view = { ...this.view, phase: 'failed', error: message.message };
        break;
      case 'promptFile':
        this.view = { ...this.view, promptFile: message.path };
        break;
      case 'sources':
        this.view = { ...this.view, sources: message.sources };
        break;
    }
    this.requestRender();
  }

  private renderNow(): void {
    const { title, subtitle, markdown, phase, error, chatAvailable, promptFile } = this.view;
    this.el.title.textContent = title;
    this.el.subtitle.textContent = subtitle ?? '';
    this.el.subtitle.hidden = !subtitle;
    // Text only: the path is shown, never used as a link target (the extension knows which file it was).
    this.el.promptFileLink.textContent = promptFile ?? '';
    this.el.promptFile.hidden = !promptFile;
    this.el.status.textContent = phase === 'streaming' ? this.labels.answering : phase === 'failed' ? this.labels.failed : '';
    this.doc.body.dataset.phase = phase;
    this.stream.update(markdown);
    this.el.error.textContent = phase === 'failed' ? (error ?? this.labels.answerFailed) : '';
    this.el.error.hidden = phase !== 'failed';
    this.renderSources();
    // "Continue in chat" stays hidden until the chat view exists, and waits for the whole answer.
    this.el.chat.hidden = !chatAvailable;
    this.el.chat.disabled = !chatAvailable || phase === 'streaming';
    this.host.setState(this.view);
  }

  /** "Used from this workspace": `path:start–end` (`path:line` for one line) per place the prompt carried, made with DOM calls (text only). */
  private renderSources(): void {
    const sources = this.view.sources ?? [];
    const shown = this.el.sourcesList.childElementCount === sources.length && sources.every((s, i) => this.el.sourcesList.children[i]?.getAttribute('data-key') === sourceKey(s));
    this.el.sources.hidden = sources.length === 0;
    if (shown) return;
    this.el.sourcesList.replaceChildren(
      ...sources.map((source, index) => {
        const item = this.doc.createElement('li');
        item.setAttribute('data-key', sourceKey(source));
        const link = this.doc.createElement('a');
        link.className = 'source-link';
        link.href = '#';
        link.dataset.index = String(index);
        link.textContent = `${source.path}:${lineRange(source.startLine, source.endLine)}`;
        link.title = fill(source.endLine > source.startLine ? this.labels.openLineRange : this.labels.openLine, source.path, lineRange(source.startLine, source.endLine));
        item.append(link);
        if (source.symbol) {
          const symbol = this.doc.createElement('span');
          symbol.className = 'symbol';
          symbol.textContent = source.symbol;
          item.append(symbol);
        }
        return item;
      }),
    );
  }

  private onClick(event: Event): void {
    const target = event.target as Element | null;
    if (!target?.closest) return;
    const action = target.closest<HTMLButtonElement>('button.code-action');
    if (action) return this.codeAction(action);
    if (target.closest('#continue')) return this.host.postMessage({ type: 'continueInChat' });
    if (target.closest('#prompt-file-link')) {
      event.preventDefault();
      return this.host.postMessage({ type: 'openPromptFile' });
    }
    const source = target.closest<HTMLElement>('a.source-link');
    if (source) {
      event.preventDefault();
      return this.host.postMessage({ type: 'openSource', index: Number(source.dataset.index) });
    }
    const link = target.closest('a');
    if (!link) return;
    // Links never navigate the webview: line links reveal, web links go through VS Code (which asks first).
    event.preventDefault();
    const href = link.getAttribute('href') ?? '';
    const lines = parseLineHref(href);
    if (lines) this.host.postMessage({ type: 'reveal', ...lines });
    else if (/^https?:\/\//i.test(href)) this.host.postMessage({ type: 'openLink', href });
  }

  private codeAction(button: HTMLButtonElement): void {
    const code = button.closest('.code-block')?.querySelector('pre code');
    if (!code) return;
    const text = code.textContent ?? '';
    if (button.dataset.action === 'copy') {
      this.host.postMessage({ type: 'copy', code: text });
      this.flash(button, this.labels.copied);
    } else if (button.dataset.action === 'insert') {
      const language = codeLanguage(code);
      this.host.postMessage(language ? { type: 'insert', code: text, language } : { type: 'insert', code: text });
    }
  }

  /** Brief feedback on the button itself; the label comes back on its own. */
  private flash(button: HTMLButtonElement, label: string): void {
    const original = button.textContent;
    button.textContent = label;
    this.doc.defaultView?.setTimeout(() => (button.textContent = original), 1200);
  }
}

function sourceKey(s: { path: string; startLine: number; endLine: number }): string {
  return `${s.path}:${s.startLine}:${s.endLine}`;
}

function isAnswerView(value: unknown): value is AnswerView {
  const v = value as Partial<AnswerView> | undefined;
  return !!v && typeof v.title === 'string' && typeof v.markdown === 'string' && typeof v.phase === 'string' && PHASES.has(v.phase);
}
