/**
 * The "Chat" view in Fathom's activity-bar container: a webview that shows the ChatSession (src/chat/) and
 * turns its messages into actions. The session owns the conversation; a hidden view is dropped and, when shown
 * again, says 'ready' and gets the whole state, so nothing is held twice and nothing is lost.
 *
 * Answers are shown with their redaction placeholders; Apply and Insert put the answer's own secrets back
 * into the editor's file where they already occur (ChatSession.restoreCode); Copy, New File and links never.
 */
import * as vscode from 'vscode';
import { CODEBASE_MENTION } from '../../chat/codebaseTrigger';
import type { Attachment } from '../../chat/conversation';
import type { ChatSession, ChatState } from '../../chat/session';
import type { BlockNames } from '../../codebase/names/answerNames';
import { parseFromChat, type ChatViewState, type FromChat, type ToChat } from '../../webview/chat/protocol';
import { ChunkBatcher } from '../panel/chunkBatcher';
import type { PanelActions } from '../panel/panelActions';
import { PageLink } from '../panel/pageLink';
import { pageFor, webviewOptions } from '../panel/webviewSetup';
import { applyCode, openAsNewFile, type ChatActionDeps } from './chatActions';
import type { ChatAttachments } from './chatAttachments';
import { chatLabels, codebaseNoteText } from './codebaseNote';
import { chatHtml } from './html';
import { runSlashCommand, slashCommandList } from './slashCommands';
import { chatPageLabels } from '../webviewLabels';
import { CHAT_VIEW_ID } from '../activation/placeholders';

export interface ChatViewDeps extends ChatActionDeps {
  session: ChatSession;
  attachments: ChatAttachments;
  actions: PanelActions;
  /** The chat models the server lists (undefined: it could not be asked). */
  listModels(): Promise<string[] | undefined>;
  model(): string;
  setModel(model: string): Thenable<void>;
  /** The file of a workspace-relative path an answer was given (`folder/path` with several folders). */
  sourceUri(path: string): vscode.Uri | undefined;
  /** Checks a finished answer's code blocks for names found nowhere in the workspace (absent: no check). */
  unknownNames?: (answer: string) => Promise<BlockNames[]>;
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly page = new PageLink<ToChat>();
  /**
   * The message box should take the focus once the page can: a page still loading (the first open in a
   * window, or a view shown again) misses a message posted before its script listens, so the request waits
   * for its 'ready' — unless the user goes on in an editor meanwhile (then it is dropped).
   */
  private focusWanted = false;
  /** How many times the page was told to focus its message box (for the tests). */
  private focusPosts = 0;
  private models: string[] = [];
  /** A model change the user just made: questions wait for it, so they go to the model the picker shows. */
  private modelChange: Thenable<unknown> = Promise.resolve();
  private readonly batcher: ChunkBatcher;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly received = new vscode.EventEmitter<FromChat>();
  /** Answers whose code blocks were checked for unknown names, and what was found (sent again to a new page). */
  private readonly checkedAnswers = new Map<string, BlockNames[]>();
  /** Every valid message from the webview, after it was acted on (the tests wait on these). */
  readonly onDidReceiveMessage = this.received.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: ChatViewDeps,
  ) {
    this.batcher = new ChunkBatcher((text) => this.post({ type: 'append', text }), 50);
    const listening = deps.session.listen({
      changed: (state) => {
        // The state holds all the text so far: what is buffered would arrive twice.
        this.batcher.discard();
        this.post({ type: 'state', state: this.viewState(state) });
        if (!state.streaming) void this.checkNames(state);
      },
      appended: (text) => this.batcher.push(text),
    });
    this.subscriptions.push(
      { dispose: () => listening.dispose() },
      this.received,
      // The user went on in an editor before a slow page was ready: the box must not take the focus from them later.
      vscode.window.onDidChangeActiveTextEditor(() => (this.focusWanted = false)),
      vscode.window.onDidChangeTextEditorSelection(({ kind }) => {
        if (kind === vscode.TextEditorSelectionChangeKind.Keyboard || kind === vscode.TextEditorSelectionChangeKind.Mouse) this.focusWanted = false;
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const webview = view.webview;
    webview.options = webviewOptions(this.extensionUri);
    webview.html = chatHtml({ ...pageFor(webview, this.extensionUri, 'chat.js', 'chat.css', vscode.l10n.t('Fathom Chat')), labels: chatPageLabels() });
    const disposables = [webview.onDidReceiveMessage((message) => void this.receive(message)), this.page.connect(view, view.onDidChangeVisibility)];
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
      this.page.disconnect(view);
      for (const d of disposables) d.dispose();
    });
  }

  /** Shows the view (and focuses its message box, now or as soon as its page is ready). */
  async reveal(focusInput = true): Promise<void> {
    if (focusInput) this.focusWanted = true;
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    this.focusIfWanted();
  }

  /** What the view shows now, whether its script runs, and whether a focus request waits for it (for the tests). */
  current(): { state: ChatViewState; ready: boolean; visible: boolean; focusPending: boolean; focusPosts: number } {
    return { state: this.viewState(this.deps.session.state()), ready: this.page.ready, visible: this.view?.visible ?? false, focusPending: this.focusWanted, focusPosts: this.focusPosts };
  }

  /** Re-sends the state (the configured model changed). */
  refresh(): void {
    this.post({ type: 'state', state: this.viewState(this.deps.session.state()) });
  }

  dispose(): void {
    this.batcher.discard();
    for (const d of this.subscriptions) d.dispose();
  }

  private viewState(state: ChatState): ChatViewState {
    const chip = (a: Attachment) => ({ id: a.id, kind: a.kind, label: a.label });
    return {
      conversationId: state.conversation.id,
      title: state.conversation.title,
      turns: state.conversation.turns.map((t) => ({
        id: t.id,
        role: t.role,
        text: t.text,
        attachments: (t.attachments ?? []).map(chip),
        ...(t.error ? { error: t.error } : {}),
        ...(t.stopped ? { stopped: true } : {}),
        ...(t.model ? { model: t.model } : {}),
        ...(t.sources ? { sources: t.sources } : {}),
        ...(t.codebaseNote ? { codebaseNote: codebaseNoteText(t.codebaseNote) } : {}),
      })),
      streaming: state.streaming,
      pending: state.pending.map(chip),
      notice: state.notice,
      history: state.history,
      models: this.models,
      model: this.deps.model(),
      labels: chatLabels(),
      slashCommands: slashCommandList(),
    };
  }

  /** Once an answer has ended, checks its code blocks and sends the names found nowhere to the view. */
  private async checkNames(state: ChatState): Promise<void> {
    const last = state.conversation.turns[state.conversation.turns.length - 1];
    if (!this.deps.unknownNames || last?.role !== 'assistant' || !last.text || this.checkedAnswers.has(last.id)) return;
    this.checkedAnswers.set(last.id, []);
    const blocks = await this.deps.unknownNames(last.text).catch(() => []);
    this.checkedAnswers.set(last.id, blocks);
    if (blocks.length > 0) this.post({ type: 'unknownNames', turnId: last.id, blocks });
  }

  /** What the name check found in each answer so far (for the tests). */
  unknownNamesFound(): ReadonlyMap<string, BlockNames[]> {
    return this.checkedAnswers;
  }

  private post(message: ToChat): void {
    if (this.page.post(message) && message.type === 'focusInput') this.focusPosts++;
  }

  /** Sends a focus request that is waiting, once the page listens (else it stays waiting for 'ready'). */
  private focusIfWanted(): void {
    if (!this.focusWanted || !this.page.ready) return;
    this.focusWanted = false;
    this.post({ type: 'focusInput' });
  }

  /**
   * Acts on a message from the webview. Untrusted (the webview renders model output): parsed and checked
   * first. Public so the integration tests can press the view's buttons (Apply, Insert, New File) without it.
   */
  async receive(raw: unknown): Promise<void> {
    const message = parseFromChat(raw);
    if (!message) return;
    const { session, attachments, actions } = this.deps;
    switch (message.type) {
      case 'ready':
        this.batcher.discard();
        this.page.heard();
        // Before the state: the focus is in the box by the time the page shows the chips, so typing at once works.
        this.focusIfWanted();
        await session.init();
        this.refresh();
        // A new page has none of the marks: send what was found again.
        for (const [turnId, blocks] of this.checkedAnswers) if (blocks.length > 0) this.post({ type: 'unknownNames', turnId, blocks });
        void this.loadModels();
        break;
      case 'send': {
        await this.modelChange;
        // A slash command attaches the code it needs first, or is done here (`/commit`).
        const prepared = await runSlashCommand(message.text, {
          pending: () => session.state().pending,
          attach: (a) => session.attach(a),
          codeForCommand: (withProblems) => attachments.codeForCommand(withProblems),
          note: (text) => session.note(text),
        });
        if (prepared === 'ask') await session.send(message.text, message.replacing);
        // Nothing to work on: the draft comes back to the box.
        else if (prepared === 'no-code') this.post({ type: 'insertText', text: message.text });
        break;
      }
      case 'stop':
        await session.stop();
        break;
      case 'regenerate':
        await this.modelChange;
        await session.regenerate();
        break;
      case 'attach': {
        const found = message.what === 'pick' ? await attachments.pick() : [attachments[message.what]()].filter((a): a is Attachment => !!a);
        if (found === 'codebase') {
          this.post({ type: 'insertText', text: `${CODEBASE_MENTION} ` });
          break;
        }
        for (const a of found) session.attach(a);
        this.post({ type: 'focusInput' });
        break;
      }
      case 'detach':
        session.detach(message.id);
        break;
      case 'copy':
        await actions.copy(message.code);
        break;
      case 'insert': {
        // Into the editor Insert writes to: its own text decides which of the answer's secrets may come back.
        const target = actions.targetEditor()?.document.getText();
        await actions.insert(target === undefined ? message.code : session.restoreCode(message.code, target));
        break;
      }
      case 'apply':
        await applyCode(this.deps, message.code, (code, target) => session.restoreCode(code, target));
        break;
      case 'saveAs':
        await openAsNewFile(message.code, message.language);
        break;
      case 'openLink':
        await actions.openLink(message.href);
        break;
      case 'openSource': {
        // The webview is untrusted: only files an answer of this conversation was given are opened.
        const given = session.state().conversation.turns.some((t) => t.sources?.some((s) => s.path === message.path));
        const uri = given ? this.deps.sourceUri(message.path) : undefined;
        if (uri) await actions.reveal(uri, message.line, message.endLine);
        break;
      }
      case 'pickModel':
        if (message.model !== this.deps.model()) await (this.modelChange = this.deps.setModel(message.model));
        break;
      case 'newChat':
        await session.newChat();
        break;
      case 'open':
        await session.open(message.id);
        break;
      case 'rename': {
        const current = session.state().history.find((h) => h.id === message.id);
        const title = await vscode.window.showInputBox({ title: vscode.l10n.t('Fathom: rename the conversation'), value: current?.title, prompt: vscode.l10n.t('New name') });
        if (title !== undefined) await session.rename(message.id, title);
        break;
      }
      case 'delete': {
        const current = session.state().history.find((h) => h.id === message.id);
        const deleteLabel = vscode.l10n.t('Delete');
        const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the conversation "{0}"? This cannot be undone.', current?.title ?? ''), { modal: true }, deleteLabel);
        if (answer === deleteLabel) await session.delete(message.id);
        break;
      }
      case 'dismissNotice':
        session.dismissNotice();
        break;
    }
    this.received.fire(message);
  }

  private async loadModels(): Promise<void> {
    const models = await this.deps.listModels();
    if (!models) return;
    this.models = models;
    this.refresh();
  }
}
