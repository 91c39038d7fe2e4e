/**
 * One chat view's conversation and what the user does with it: ask (with attached context), stop, regenerate,
 * edit an earlier question, switch between saved conversations. Streams the answer from the chat model and
 * tells its listener what changed — `changed` for the whole state (rare), `appended` for each piece of the
 * answer (often). Plain logic (no `vscode`): the model, the system prompt and the store come in.
 *
 * Answers are kept as the model wrote them: a redaction placeholder stays a placeholder in the conversation,
 * the view and the saved file. Only `restoreCode` (Apply / Insert into an editor) puts secrets back.
 */
import type { ChatMessage } from '../backends/types';
import { isBackendError } from '../backends/errors';
import { RedactionLedger } from '../privacy/redactionLedger';
import {
  ask,
  newConversation,
  startAnswer,
  updateLastAnswer,
  withoutLastAnswer,
  type Attachment,
  type ChatTurn,
  type Conversation,
  type ConversationSummary,
} from './conversation';
import { codebaseBudget, gatherCodebaseContext, sourcesOf, type ChatCodebase } from './codebaseContext';
import { buildChatMessages, questionText } from './messages';
import { estimateTokens } from '../text/tokens';
import { describeProblems, type ConversationStore } from './store';

/** The chat model as configured when a question is sent. */
export interface ChatModel {
  model: string;
  contextLength: number;
  maxTokens: number;
  /** `redaction` collects the placeholders the request carried (see `restoreCode`). */
  stream(messages: ChatMessage[], signal: AbortSignal, redaction: RedactionLedger): AsyncIterable<string>;
}

export interface ChatSessionDeps {
  store: ConversationStore;
  /** Where the store keeps its files, for messages about them. */
  storageLabel: string;
  model(signal: AbortSignal): Promise<ChatModel>;
  /** The system prompt; with a `note` when the user should know where it came from (a workspace prompt file). */
  system(): Promise<string | { text: string; note?: string }>;
  /** The workspace index, for `@codebase` and the code names a question mentions; none: questions get no workspace code. */
  codebase?: ChatCodebase;
  /** The text of the file open in the editor: code the model is taken to have, so names in it are not looked up. */
  openFileText?: () => string | undefined;
  now?: () => number;
  newId?: () => string;
}

export interface ChatState {
  conversation: Conversation;
  /** Context attached to the next question. */
  pending: Attachment[];
  streaming: boolean;
  /** Something the user should know that is not an answer: turns left out for the budget, unreadable files. */
  notice?: string;
  history: ConversationSummary[];
}

export interface ChatListener {
  changed(state: ChatState): void;
  appended(text: string): void;
}

/** How often a growing answer is saved (so a window closed mid-answer keeps most of it). */
const PARTIAL_SAVE_MS = 2000;
/** Answers whose redaction ledger is kept (in memory only) for Apply / Insert. */
const LEDGERS_KEPT = 50;

export class ChatSession {
  private conversation: Conversation;
  private pending: Attachment[] = [];
  private notice: string | undefined;
  private history: ConversationSummary[] = [];
  private running: { controller: AbortController; done: Promise<void> } | undefined;
  /**
   * What each answer's request had redacted, by answer id. Memory only: never saved with the conversation,
   * so after a reload an answer's placeholders stay placeholders.
   */
  private readonly ledgers = new Map<string, RedactionLedger>();
  private readonly listeners = new Set<ChatListener>();
  private readonly now: () => number;
  private readonly newId: () => string;
  private ready: Promise<void> | undefined;

  constructor(private readonly deps: ChatSessionDeps) {
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? (() => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
    this.conversation = newConversation(this.newId(), this.now());
  }

  /** Loads the saved conversations once and reopens the latest one. */
  init(): Promise<void> {
    this.ready ??= (async () => {
      const { problems } = await this.deps.store.load();
      this.history = await this.deps.store.list();
      this.notice = describeProblems(problems, this.deps.storageLabel);
      const latest = this.history[0] && (await this.deps.store.get(this.history[0].id));
      if (latest && this.conversation.turns.length === 0) this.conversation = latest;
      this.emit();
    })();
    return this.ready;
  }

  listen(listener: ChatListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  state(): ChatState {
    return { conversation: this.conversation, pending: [...this.pending], streaming: !!this.running, notice: this.notice, history: this.history };
  }

  attach(attachment: Attachment): void {
    // The same code attached twice is sent once.
    this.pending = [...this.pending.filter((a) => !(a.kind === attachment.kind && a.label === attachment.label)), attachment];
    this.emit();
  }

  detach(id: string): void {
    this.pending = this.pending.filter((a) => a.id !== id);
    this.emit();
  }

  dismissNotice(): void {
    this.notice = undefined;
    this.emit();
  }

  /** Shows `text` as the view's notice (what a slash command that does not answer in the chat did). */
  note(text: string): void {
    this.notice = text;
    this.emit();
  }

  /** Sends a question; `replacing` is the id of an earlier question the user edited (later turns go). */
  async send(text: string, replacing?: string): Promise<void> {
    await this.init();
    if (this.running || (!text.trim() && this.pending.length === 0)) return;
    const question: ChatTurn = { id: this.newId(), role: 'user', text: text.trim(), at: this.now() };
    if (this.pending.length > 0) question.attachments = this.pending;
    this.pending = [];
    this.conversation = ask(this.conversation, question, replacing);
    await this.answer();
  }

  /** Asks the last question again, in place of its answer (or answers it, when its answer was never saved). */
  async regenerate(): Promise<void> {
    await this.init();
    if (this.running) return;
    const last = this.conversation.turns[this.conversation.turns.length - 1];
    const without = last?.role === 'user' ? this.conversation : withoutLastAnswer(this.conversation);
    if (!without) return;
    this.conversation = without;
    await this.answer();
  }

  /** Stops the answer being written; what arrived stays, marked as stopped. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.controller.abort();
    await running.done;
  }

  async newChat(): Promise<void> {
    await this.stop();
    this.conversation = newConversation(this.newId(), this.now());
    this.pending = [];
    this.notice = undefined;
    this.emit();
  }

  async open(id: string): Promise<void> {
    await this.init();
    const found = await this.deps.store.get(id);
    if (!found) return;
    await this.stop();
    this.conversation = found;
    this.notice = undefined;
    this.emit();
  }

  async rename(id: string, title: string): Promise<void> {
    await this.init();
    const found = id === this.conversation.id ? this.conversation : await this.deps.store.get(id);
    const clean = title.replace(/\s+/g, ' ').trim();
    if (!found || !clean) return;
    const renamed = { ...found, title: clean };
    if (id === this.conversation.id) this.conversation = renamed;
    await this.persist(renamed);
  }

  async delete(id: string): Promise<void> {
    await this.init();
    if (id === this.conversation.id) {
      await this.stop();
      this.conversation = newConversation(this.newId(), this.now());
    }
    await this.deps.store.delete(id);
    this.history = await this.deps.store.list();
    this.emit();
  }

  /**
   * A code block of an answer as it goes into an editor (Apply, Insert): the placeholders the answer's own
   * request carried, put back where their value is already in `targetText` (the document it goes into).
   * The answer is the latest one of this conversation that holds the code; code found in none (a webview
   * is untrusted) and answers without a ledger (from disk, from elsewhere) come back unchanged.
   */
  restoreCode(code: string, targetText: string): string {
    const block = code.replace(/\n+$/, '');
    const turn = [...this.conversation.turns].reverse().find((t) => t.role === 'assistant' && block !== '' && t.text.includes(block));
    const ledger = turn && this.ledgers.get(turn.id);
    return ledger ? ledger.restoreInto(code, targetText) : code;
  }

  /** Starts a conversation from an answer given elsewhere (Explain / Debug "Continue in chat"). */
  async continueFrom(question: string, attachments: Attachment[], answer: string, model?: string): Promise<void> {
    await this.init();
    await this.stop();
    const at = this.now();
    const asked: ChatTurn = { id: this.newId(), role: 'user', text: question, at, ...(attachments.length ? { attachments } : {}) };
    const answered: ChatTurn = { id: this.newId(), role: 'assistant', text: answer, at, ...(model ? { model } : {}) };
    this.conversation = startAnswer(ask(newConversation(this.newId(), at), asked), answered);
    this.pending = [];
    this.notice = undefined;
    await this.persist(this.conversation);
  }

  private async answer(): Promise<void> {
    const controller = new AbortController();
    let finish!: () => void;
    this.running = { controller, done: new Promise<void>((resolve) => (finish = resolve)) };
    // The question is saved before the answer starts: a window closed mid-answer keeps it.
    void this.save(this.conversation);
    const answerId = this.newId();
    this.conversation = startAnswer(this.conversation, { id: answerId, role: 'assistant', text: '', at: this.now() });
    const redaction = this.ledgerFor(answerId);
    this.notice = undefined;
    this.emit();
    let savedAt = this.now();
    let text = '';
    let ending: Partial<ChatTurn> = {};
    try {
      const model = await this.deps.model(controller.signal);
      const asked = this.conversation.turns.slice(0, -1);
      const system = await this.deps.system();
      const { text: systemText, note } = typeof system === 'string' ? { text: system, note: undefined } : system;
      const codebase = await this.withCodebase(asked, systemText, model);
      const built = buildChatMessages(systemText, codebase.turns, { contextLength: model.contextLength, maxTokens: model.maxTokens });
      this.conversation = updateLastAnswer(this.conversation, { model: model.model, ...codebase.answer });
      if (codebase.answer.sources) this.emit();
      this.notice = [note, budgetNotice(built.omittedTurns, built.truncatedAttachments, model.contextLength)].filter(Boolean).join(' ') || undefined;
      if (this.notice) this.emit();
      for await (const piece of model.stream(built.messages, controller.signal, redaction)) {
        text += piece;
        this.conversation = updateLastAnswer(this.conversation, { text });
        for (const l of this.listeners) l.appended(piece);
        if (this.now() - savedAt >= PARTIAL_SAVE_MS) {
          // Long answers are saved as they grow, marked stopped until they end (then the final save replaces it).
          savedAt = this.now();
          void this.save(updateLastAnswer(this.conversation, { stopped: true }));
        }
      }
    } catch (error) {
      ending = controller.signal.aborted || (isBackendError(error) && error.kind === 'cancelled') ? { stopped: true } : { error: error instanceof Error ? error.message : String(error) };
    } finally {
      controller.abort(); // a stream left early closes its connection
    }
    this.conversation = updateLastAnswer(this.conversation, { text, ...ending, at: this.now() });
    this.conversation = { ...this.conversation, updatedAt: this.now() };
    this.running = undefined;
    try {
      await this.persist(this.conversation);
    } finally {
      finish();
    }
  }

  /**
   * The asked turns with the workspace code of the question being answered, found now unless it already has
   * some (Regenerate answers from the same code); and what the answer records of it (its list, its note).
   * The question keeps its code in the conversation, so later questions and a reloaded chat see the same.
   */
  private async withCodebase(asked: ChatTurn[], system: string, model: ChatModel): Promise<{ turns: ChatTurn[]; answer: Partial<ChatTurn> }> {
    let question = asked[asked.length - 1];
    if (!question || question.role !== 'user') return { turns: asked, answer: {} };
    if (!question.codebase && this.deps.codebase) {
      const known = [...(question.attachments ?? []).map((a) => a.text), this.deps.openFileText?.() ?? ''];
      const used = estimateTokens(system) + estimateTokens(questionText(question));
      const found = await gatherCodebaseContext(this.deps.codebase, question.text, known, codebaseBudget(model.contextLength, model.maxTokens, used));
      if (found) {
        question = { ...question, codebase: found };
        const at = this.conversation.turns.findIndex((t) => t.id === question.id);
        if (at >= 0) this.conversation = { ...this.conversation, turns: this.conversation.turns.map((t, i) => (i === at ? question : t)) };
      }
    }
    const turns = [...asked.slice(0, -1), question];
    if (!question.codebase) return { turns, answer: {} };
    const { chunks, note } = question.codebase;
    return { turns, answer: { sources: sourcesOf(chunks), ...(note ? { codebaseNote: note } : {}) } };
  }

  private ledgerFor(answerId: string): RedactionLedger {
    const ledger = new RedactionLedger();
    this.ledgers.set(answerId, ledger);
    if (this.ledgers.size > LEDGERS_KEPT) this.ledgers.delete(this.ledgers.keys().next().value!);
    return ledger;
  }

  private async persist(conversation: Conversation): Promise<void> {
    await this.save(conversation);
    this.history = await this.deps.store.list();
    this.emit();
  }

  /** Saves; a failure becomes the notice (the conversation stays open in the view). */
  private async save(conversation: Conversation): Promise<void> {
    try {
      await this.deps.store.save(conversation);
    } catch (error) {
      this.notice = `The conversation could not be saved in ${this.deps.storageLabel}: ${error instanceof Error ? error.message : String(error)}. It stays open here.`;
    }
  }

  private emit(): void {
    const state = this.state();
    for (const l of this.listeners) l.changed(state);
  }
}

function budgetNotice(omitted: number, truncated: readonly string[], contextLength: number): string | undefined {
  const parts: string[] = [];
  if (omitted > 0) parts.push(`${omitted === 1 ? 'The oldest message was' : `The ${omitted} oldest messages were`} left out`);
  if (truncated.length > 0) parts.push(`${truncated.join(', ')} ${truncated.length === 1 ? 'was' : 'were'} cut short`);
  if (parts.length === 0) return undefined;
  return `${parts.join(' and ')} to fit the model's ${contextLength.toLocaleString('en-US')}-token context.`;
}

