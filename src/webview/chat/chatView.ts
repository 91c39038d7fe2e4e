/**
 * The chat view's page: renders the extension's state (protocol.ts) and turns the user's typing and clicks
 * into messages back. Kept apart from the entry script (chat.ts) so it runs the same in jsdom tests: the
 * VS Code API, the frame scheduler and the page come in as parameters.
 *
 * Rendering is incremental: each turn keeps its DOM, an answer re-renders only its changed markdown blocks
 * (StreamingMarkdown), and streamed text is applied at most once per frame — a long conversation or a
 * 2,000-line answer is not rebuilt per token.
 */
import { coalesce } from '../adaptiveSchedule';
import { codeLanguage, createRenderer, type MarkdownRenderer } from '../render';
import { linkCodeReferences, targetOf, workspaceLink, type CodeTarget, type SourcePlace } from '../codeReferences';
import { StreamingMarkdown } from '../stream';
import { lineRange } from '../../text/lineRange';
import { markUnknownNames } from './nameMarks';
import type { BlockNames } from '../../codebase/names/answerNames';
import type { ChatChip, ChatLabels, ChatSlashCommand, ChatViewState, ChatViewTurn, FromChat, ToChat } from './protocol';
import { CHAT_LABELS_EN, fill, type ChatPageLabels } from '../labels';

export interface ChatHost {
  postMessage(message: FromChat): void;
  getState(): unknown;
  setState(state: SavedChatView): void;
}

/** What the webview keeps across being hidden and shown: the extension's state and the unsent draft. */
export interface SavedChatView {
  chat?: ChatViewState;
  draft: string;
  editing?: string;
  historyOpen: boolean;
}

export interface ChatViewOptions {
  schedule?: (render: () => void) => void;
  resourceOrigin?: string;
  /** The page's words in the user's language (default: English). */
  labels?: ChatPageLabels;
}

interface RenderedTurn {
  element: HTMLElement;
  body: HTMLElement;
  footer: HTMLElement;
  stream?: StreamingMarkdown;
  key: string;
}

/** Until the extension sends its translations (an old saved state has none). */
const ENGLISH: ChatLabels = { usedFromWorkspace: 'Used from this workspace', openLines: 'Open {0}, lines {1}–{2}' };

const EMPTY_STATE: ChatViewState = { conversationId: '', title: '', turns: [], streaming: false, pending: [], history: [], models: [], model: '' };

export class ChatView {
  private chat: ChatViewState = EMPTY_STATE;
  private saved: SavedChatView;
  private readonly turns = new Map<string, RenderedTurn>();
  /** Per answer, its code blocks' names found nowhere in the workspace (the extension sends them when it ends). */
  private readonly unknownNames = new Map<string, readonly BlockNames[]>();
  private readonly renderer: MarkdownRenderer;
  /** The page's own words (its buttons, tooltips, empty states), from `<body data-labels>`. */
  private readonly t: ChatPageLabels;
  private readonly schedule: (render: () => void) => void;
  private readonly requestRender: () => void;
  /** The commands offered after `/` while it is open, and the highlighted one. */
  private slash: { items: ChatSlashCommand[]; active: number } | undefined;
  private readonly el: Record<
    'log' | 'title' | 'notice' | 'noticeText' | 'chips' | 'history' | 'historyList' | 'editing' | 'empty',
    HTMLElement
  > & { input: HTMLTextAreaElement; send: HTMLButtonElement; stop: HTMLButtonElement; model: HTMLSelectElement; historyToggle: HTMLButtonElement; slashMenu: HTMLUListElement };

  constructor(
    private readonly doc: Document,
    private readonly host: ChatHost,
    options: ChatViewOptions = {},
  ) {
    const byId = <T extends HTMLElement>(id: string) => {
      const found = doc.getElementById(id);
      if (!found) throw new Error(`the chat page has no #${id}`);
      return found as T;
    };
    this.el = {
      log: byId('log'),
      title: byId('conversation-title'),
      notice: byId('notice'),
      noticeText: byId('notice-text'),
      chips: byId('chips'),
      history: byId('history'),
      historyList: byId('history-list'),
      editing: byId('editing'),
      empty: byId('empty'),
      input: byId('input'),
      send: byId('send'),
      stop: byId('stop'),
      model: byId('model'),
      historyToggle: byId('history-toggle'),
      slashMenu: byId('slash-menu'),
    };
    const window = doc.defaultView;
    if (!window) throw new Error('the chat page has no window');
    this.t = options.labels ?? CHAT_LABELS_EN;
    this.renderer = createRenderer(window, { resourceOrigin: options.resourceOrigin, actions: ['copy', 'insert', 'apply', 'saveAs'], labels: this.t });
    this.schedule = options.schedule ?? ((render) => render());
    this.requestRender = coalesce(this.schedule, () => this.renderNow());
    this.saved = readSaved(host.getState());
    if (this.saved.chat) this.chat = this.saved.chat;
    this.el.input.value = this.saved.draft;
    doc.addEventListener('click', (event) => this.onClick(event));
    this.el.input.addEventListener('keydown', (event) => this.onKey(event));
    this.el.input.addEventListener('input', () => {
      this.save({ draft: this.el.input.value });
      this.updateSlashMenu();
    });
    this.el.slashMenu.addEventListener('mousedown', (event) => {
      // A click picks the command; the box keeps the focus.
      const item = (event.target as Element | null)?.closest?.<HTMLElement>('[data-slash]');
      if (!item?.dataset.slash) return;
      event.preventDefault();
      this.pickSlash(item.dataset.slash);
    });
    this.el.model.addEventListener('change', () => this.post({ type: 'pickModel', model: this.el.model.value }));
    this.renderNow();
  }

  receive(message: ToChat): void {
    switch (message.type) {
      case 'state':
        this.chat = message.state;
        if (this.saved.editing && !this.chat.turns.some((t) => t.id === this.saved.editing)) this.saved.editing = undefined;
        break;
      case 'append': {
        const last = this.chat.turns[this.chat.turns.length - 1];
        if (!last || last.role !== 'assistant') return;
        this.chat = { ...this.chat, turns: [...this.chat.turns.slice(0, -1), { ...last, text: last.text + message.text }] };
        break;
      }
      case 'focusInput':
        this.el.input.focus();
        return;
      case 'insertText':
        this.insertText(message.text);
        return;
      case 'unknownNames':
        this.unknownNames.set(message.turnId, message.blocks);
        break;
    }
    this.requestRender();
  }

  /** Sends what is in the message box (Enter, or the Send button). */
  send(): void {
    const text = this.el.input.value;
    if (this.chat.streaming || (!text.trim() && this.chat.pending.length === 0)) return;
    const replacing = this.saved.editing;
    this.post(replacing ? { type: 'send', text, replacing } : { type: 'send', text });
    this.el.input.value = '';
    this.slash = undefined;
    this.renderSlashMenu();
    this.save({ draft: '', editing: undefined });
    this.renderNow();
  }

  private renderNow(): void {
    const { chat } = this;
    this.doc.body.dataset.streaming = String(chat.streaming);
    this.el.title.textContent = chat.turns.length > 0 ? chat.title : '';
    this.renderTurns();
    for (const [id, blocks] of this.unknownNames) {
      const rendered = this.turns.get(id);
      if (rendered) markUnknownNames(rendered.body, blocks);
    }
    this.el.empty.hidden = chat.turns.length > 0;
    this.el.notice.hidden = !chat.notice;
    this.el.noticeText.textContent = chat.notice ?? '';
    this.renderChips(this.el.chips, chat.pending, true);
    this.renderModels();
    this.renderHistory();
    this.el.send.disabled = chat.streaming;
    this.el.stop.hidden = !chat.streaming;
    this.el.send.hidden = chat.streaming;
    this.el.editing.hidden = !this.saved.editing;
    this.save({ chat });
  }

  private renderTurns(): void {
    const { turns, streaming } = this.chat;
    const seen = new Set<string>();
    let previous: Element | null = null;
    turns.forEach((turn, index) => {
      seen.add(turn.id);
      const isLast = index === turns.length - 1;
      const rendered = this.turns.get(turn.id) ?? this.createTurn(turn);
      this.updateTurn(rendered, turn, isLast, isLast && streaming && turn.role === 'assistant');
      const expected: Element | null = previous ? previous.nextElementSibling : this.el.log.firstElementChild;
      if (expected !== rendered.element) this.el.log.insertBefore(rendered.element, expected);
      previous = rendered.element;
    });
    for (const [id, rendered] of this.turns) {
      if (seen.has(id)) continue;
      rendered.element.remove();
      this.turns.delete(id);
    }
  }

  private createTurn(turn: ChatViewTurn): RenderedTurn {
    const element = this.doc.createElement('article');
    element.className = `turn ${turn.role}`;
    element.dataset.turnId = turn.id;
    const who = this.doc.createElement('h3');
    who.className = 'who';
    who.textContent = turn.role === 'user' ? this.t.you : 'Fathom';
    const body = this.doc.createElement('div');
    body.className = turn.role === 'assistant' ? 'body markdown' : 'body';
    const footer = this.doc.createElement('div');
    footer.className = 'turn-footer';
    element.append(who, body, footer);
    const rendered: RenderedTurn = { element, body, footer, key: '' };
    if (turn.role === 'assistant') rendered.stream = new StreamingMarkdown(body, this.renderer);
    this.turns.set(turn.id, rendered);
    return rendered;
  }

  private updateTurn(rendered: RenderedTurn, turn: ChatViewTurn, isLast: boolean, streaming: boolean): void {
    if (rendered.stream) rendered.stream.update(turn.text);
    // References to the given code link to it; links already made are left alone, so this may run per update.
    if (turn.sources?.length) linkCodeReferences(rendered.body, turn.sources, (target) => this.openTitle(target));
    const key = JSON.stringify([turn.role === 'user' ? turn.text : '', turn.attachments, turn.error, turn.stopped, turn.model, turn.sources, turn.codebaseNote, this.chat.labels, isLast, streaming, this.chat.streaming, this.saved.editing === turn.id]);
    if (key === rendered.key) return;
    rendered.key = key;
    rendered.element.classList.toggle('streaming', streaming);
    rendered.element.classList.toggle('editing', this.saved.editing === turn.id);
    if (turn.role === 'user') {
      const text = this.doc.createElement('p');
      text.className = 'question';
      text.textContent = turn.text;
      const chips = this.doc.createElement('div');
      chips.className = 'chips';
      this.renderChips(chips, turn.attachments, false);
      rendered.body.replaceChildren(...(turn.attachments.length ? [chips] : []), text);
    }
    const footer: Node[] = [];
    if (turn.error) footer.push(this.paragraph(turn.stopped ? 'stopped' : 'error', turn.error, turn.stopped ? 'status' : 'alert'));
    else if (turn.stopped) footer.push(this.paragraph('stopped', this.t.stopped, 'status'));
    if (turn.codebaseNote) footer.push(this.paragraph('codebase-note', turn.codebaseNote, 'status'));
    if (turn.sources?.length) footer.push(this.sourceList(turn.sources));
    if (turn.role === 'assistant' && turn.model && !streaming) footer.push(this.paragraph('model-name', turn.model));
    if (turn.role === 'user' && !this.chat.streaming) footer.push(this.button('edit', this.t.edit, this.t.editTitle));
    if (turn.role === 'assistant' && isLast && !this.chat.streaming) footer.push(this.button('regenerate', this.t.regenerate, this.t.regenerateTitle));
    rendered.footer.replaceChildren(...footer);
  }

  /** "Used from this workspace": a link to each chunk the answer was given, `path:start–end`. */
  private sourceList(sources: readonly SourcePlace[]): HTMLElement {
    const section = this.doc.createElement('section');
    section.className = 'sources';
    const heading = this.doc.createElement('p');
    heading.className = 'sources-title';
    heading.textContent = this.labels().usedFromWorkspace;
    section.setAttribute('aria-label', heading.textContent);
    const list = this.doc.createElement('ul');
    list.append(
      ...sources.map((source) => {
        const item = this.doc.createElement('li');
        const target = { path: source.path, line: source.startLine, endLine: source.endLine };
        const link = workspaceLink(this.doc, target, this.openTitle(target));
        link.textContent = `${source.path}:${lineRange(source.startLine, source.endLine)}`;
        item.append(link);
        if (source.symbol) {
          const symbol = this.doc.createElement('code');
          symbol.className = 'source-symbol';
          symbol.textContent = source.symbol;
          item.append(' ', symbol);
        }
        return item;
      }),
    );
    section.append(heading, list);
    return section;
  }

  private labels(): ChatLabels {
    return this.chat.labels ?? ENGLISH;
  }

  private openTitle(target: CodeTarget): string {
    return this.labels().openLines.replace('{0}', target.path).replace('{1}', String(target.line)).replace('{2}', String(target.endLine));
  }

  /** Types `text` at the cursor (the "@" that asked for it was not typed). */
  private insertText(text: string): void {
    const input = this.el.input;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    input.setSelectionRange(start + text.length, start + text.length);
    input.focus();
    this.save({ draft: input.value });
  }

  private renderChips(container: HTMLElement, chips: readonly ChatChip[], removable: boolean): void {
    const key = JSON.stringify([chips, removable]);
    if (container.dataset.key === key) return;
    container.dataset.key = key;
    container.replaceChildren(
      ...chips.map((chip) => {
        const element = this.doc.createElement('span');
        element.className = `chip chip-${chip.kind}`;
        element.dataset.chipId = chip.id;
        const label = this.doc.createElement('span');
        label.textContent = chip.label;
        element.append(label);
        if (removable) {
          const remove = this.button('detach', '×', fill(this.t.remove, chip.label));
          remove.setAttribute('aria-label', fill(this.t.remove, chip.label));
          element.append(remove);
        }
        return element;
      }),
    );
  }

  private renderModels(): void {
    const { models, model } = this.chat;
    const names = models.includes(model) || !model ? models : [model, ...models];
    const key = JSON.stringify([names, model]);
    if (this.el.model.dataset.key === key) return;
    this.el.model.dataset.key = key;
    this.el.model.replaceChildren(
      ...names.map((name) => {
        const option = this.doc.createElement('option');
        option.value = name;
        option.textContent = name;
        option.selected = name === model;
        return option;
      }),
    );
  }

  private renderHistory(): void {
    const open = this.saved.historyOpen;
    this.el.history.hidden = !open;
    this.el.historyToggle.setAttribute('aria-expanded', String(open));
    if (!open) return;
    const key = JSON.stringify([this.chat.history, this.chat.conversationId]);
    if (this.el.historyList.dataset.key === key) return;
    this.el.historyList.dataset.key = key;
    if (this.chat.history.length === 0) {
      const none = this.doc.createElement('li');
      none.className = 'history-empty';
      none.textContent = this.t.noConversations;
      this.el.historyList.replaceChildren(none);
      return;
    }
    this.el.historyList.replaceChildren(
      ...this.chat.history.map((item) => {
        const li = this.doc.createElement('li');
        li.dataset.conversationId = item.id;
        if (item.id === this.chat.conversationId) li.setAttribute('aria-current', 'true');
        const open = this.button('open', item.title, fill(this.t.openConversation, item.title, item.turns, new Date(item.updatedAt).toLocaleString()));
        open.classList.add('history-title');
        li.append(open, this.button('rename', this.t.rename, fill(this.t.renameTitle, item.title)), this.button('delete', this.t.delete, fill(this.t.deleteTitle, item.title)));
        return li;
      }),
    );
  }

  /** What `/` offers: shown while the box holds only `/` and the start of a command name before the cursor. */
  private updateSlashMenu(): void {
    const input = this.el.input;
    const typed = /^\/([a-z]*)$/i.exec(input.value.slice(0, input.selectionStart ?? input.value.length));
    const items = typed ? (this.chat.slashCommands ?? []).filter((c) => c.name.startsWith(typed[1].toLowerCase())) : [];
    const previous = this.slash?.items[this.slash.active]?.name;
    const active = Math.max(0, items.findIndex((c) => c.name === previous));
    this.slash = items.length > 0 ? { items, active } : undefined;
    this.renderSlashMenu();
  }

  private renderSlashMenu(): void {
    const menu = this.el.slashMenu;
    menu.hidden = !this.slash;
    this.el.input.setAttribute('aria-expanded', String(!!this.slash));
    if (!this.slash) {
      menu.replaceChildren();
      this.el.input.removeAttribute('aria-activedescendant');
      return;
    }
    const { items, active } = this.slash;
    menu.replaceChildren(
      ...items.map((command, index) => {
        const li = this.doc.createElement('li');
        li.id = `slash-${command.name}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(index === active));
        li.dataset.slash = command.name;
        const name = this.doc.createElement('span');
        name.className = 'slash-name';
        name.textContent = `/${command.name}`;
        const description = this.doc.createElement('span');
        description.className = 'slash-description';
        description.textContent = command.description;
        li.append(name, description);
        return li;
      }),
    );
    this.el.input.setAttribute('aria-activedescendant', `slash-${items[active].name}`);
  }

  /** Puts `/name ` in place of what was typed of it, keeping the rest of the message. */
  private pickSlash(name: string): void {
    const input = this.el.input;
    const rest = input.value.slice(input.selectionStart ?? input.value.length).replace(/^\S*\s?/, '');
    input.value = `/${name} ${rest}`;
    const cursor = name.length + 2;
    input.setSelectionRange(cursor, cursor);
    input.focus();
    this.slash = undefined;
    this.renderSlashMenu();
    this.save({ draft: input.value });
  }

  /** Keys while the command list is open: arrows move, Enter or Tab picks, Escape closes. True when handled. */
  private onSlashKey(event: KeyboardEvent): boolean {
    const slash = this.slash;
    if (!slash || event.isComposing) return false;
    const n = slash.items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      slash.active = (slash.active + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.renderSlashMenu();
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      this.pickSlash(slash.items[slash.active].name);
    } else if (event.key === 'Escape') {
      this.slash = undefined;
      this.renderSlashMenu();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  private onKey(event: KeyboardEvent): void {
    if (this.onSlashKey(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'Escape') {
      if (this.chat.streaming) this.post({ type: 'stop' });
      else if (this.saved.editing) this.cancelEdit();
    } else if (event.key === '@' && /(^|\s)$/.test(this.el.input.value.slice(0, this.el.input.selectionStart ?? 0))) {
      // "@" at the start of a word picks files and symbols to attach instead of typing the character.
      event.preventDefault();
      this.post({ type: 'attach', what: 'pick' });
    }
  }

  private onClick(event: Event): void {
    const target = event.target as Element | null;
    if (!target?.closest) return;
    const link = target.closest('a');
    if (link) {
      // Links never navigate the webview: web links go through VS Code, which asks first.
      event.preventDefault();
      const place = link.classList.contains('workspace-link') ? targetOf(link) : undefined;
      if (place) return this.post({ type: 'openSource', ...place });
      const href = link.getAttribute('href') ?? '';
      if (/^https?:\/\//i.test(href)) this.post({ type: 'openLink', href });
      return;
    }
    const button = target.closest<HTMLButtonElement>('button');
    if (!button) return;
    if (button.classList.contains('code-action')) return this.codeAction(button);
    const action = button.dataset.action ?? button.id;
    const turnId = button.closest<HTMLElement>('.turn')?.dataset.turnId;
    const conversationId = button.closest<HTMLElement>('[data-conversation-id]')?.dataset.conversationId;
    switch (action) {
      case 'send':
        return this.send();
      case 'stop':
        return this.post({ type: 'stop' });
      case 'history-toggle':
        this.save({ historyOpen: !this.saved.historyOpen });
        return this.renderNow();
      case 'attach-selection':
        return this.post({ type: 'attach', what: 'selection' });
      case 'attach-file':
        return this.post({ type: 'attach', what: 'file' });
      case 'attach-diagnostics':
        return this.post({ type: 'attach', what: 'diagnostics' });
      case 'attach-pick':
        return this.post({ type: 'attach', what: 'pick' });
      case 'notice-dismiss':
        return this.post({ type: 'dismissNotice' });
      case 'cancel-edit':
        return this.cancelEdit();
      case 'detach': {
        const id = button.closest<HTMLElement>('.chip')?.dataset.chipId;
        return id ? this.post({ type: 'detach', id }) : undefined;
      }
      case 'edit':
        return turnId ? this.startEdit(turnId) : undefined;
      case 'regenerate':
        return this.post({ type: 'regenerate' });
      case 'open':
        if (!conversationId) return;
        this.save({ historyOpen: false, editing: undefined });
        this.post({ type: 'open', id: conversationId });
        return this.renderNow();
      case 'rename':
        return conversationId ? this.post({ type: 'rename', id: conversationId }) : undefined;
      case 'delete':
        return conversationId ? this.post({ type: 'delete', id: conversationId }) : undefined;
    }
  }

  private startEdit(turnId: string): void {
    const turn = this.chat.turns.find((t) => t.id === turnId && t.role === 'user');
    if (!turn) return;
    this.el.input.value = turn.text;
    this.save({ editing: turnId, draft: turn.text });
    this.renderNow();
    this.el.input.focus();
  }

  private cancelEdit(): void {
    this.el.input.value = '';
    this.save({ editing: undefined, draft: '' });
    this.renderNow();
  }

  private codeAction(button: HTMLButtonElement): void {
    const code = button.closest('.code-block')?.querySelector('pre code');
    if (!code) return;
    const text = code.textContent ?? '';
    const language = codeLanguage(code);
    const action = button.dataset.action;
    if (action === 'copy') {
      this.post({ type: 'copy', code: text });
      this.flash(button, this.t.copied);
    } else if (action === 'insert') this.post({ type: 'insert', code: text });
    else if (action === 'apply' || action === 'saveAs') this.post(language ? { type: action, code: text, language } : { type: action, code: text });
  }

  private flash(button: HTMLButtonElement, label: string): void {
    const original = button.textContent;
    button.textContent = label;
    this.doc.defaultView?.setTimeout(() => (button.textContent = original), 1200);
  }

  private paragraph(className: string, text: string, role?: string): HTMLParagraphElement {
    const p = this.doc.createElement('p');
    p.className = className;
    p.textContent = text;
    if (role) p.setAttribute('role', role);
    return p;
  }

  private button(action: string, label: string, title: string): HTMLButtonElement {
    const b = this.doc.createElement('button');
    b.type = 'button';
    b.dataset.action = action;
    b.className = `action-${action}`;
    b.title = title;
    b.textContent = label;
    return b;
  }

  private post(message: FromChat): void {
    this.host.postMessage(message);
  }

  private save(change: Partial<SavedChatView>): void {
    this.saved = { ...this.saved, ...change };
    this.host.setState(this.saved);
  }
}

function readSaved(value: unknown): SavedChatView {
  const v = value as Partial<SavedChatView> | undefined;
  const chat = v?.chat && typeof v.chat === 'object' && Array.isArray(v.chat.turns) ? v.chat : undefined;
  return { chat, draft: typeof v?.draft === 'string' ? v.draft : '', editing: typeof v?.editing === 'string' ? v.editing : undefined, historyOpen: v?.historyOpen === true };
}
