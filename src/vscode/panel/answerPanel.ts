/**
 * The panel beside the editor where Explain / Debug answers stream in as markdown. One panel, reused: a new
 * answer replaces the old one. The extension keeps the authoritative state (title, markdown so far, phase);
 * the webview renders it and, when VS Code re-creates a hidden webview, asks for it again with 'ready'.
 */
import * as vscode from 'vscode';
import type { CodePlace } from '../../codebase/codebase';
import { parseFromPanel, type AnswerView, type FromPanel, type ToPanel } from '../../webview/panel/protocol';
import { ChunkBatcher } from './chunkBatcher';
import { PageLink } from './pageLink';
import { panelHtml } from './html';
import { panelLabels } from '../webviewLabels';
import { PanelActions } from './panelActions';
import { pageFor, webviewOptions } from './webviewSetup';
import { workspaceUri } from '../workspacePaths';

export const ANSWER_PANEL_VIEW_TYPE = 'fathom.answer';

export interface AnswerRequest {
  title: string;
  subtitle?: string;
  /** The document the answer is about: line links reveal lines in it (default: the active editor's document). */
  source?: vscode.Uri;
  /** The lines the answer is about (1-based, inclusive): "Continue in chat" attaches them. */
  lines?: { start: number; end: number };
}

export interface AnswerPanelOptions {
  /** Whether "Continue in chat" is offered; false until the chat view exists. */
  chatAvailable?: () => boolean;
  /** How often at most appended text is posted to the webview. */
  batchMs?: number;
  /** The file of a workspace-relative path from the codebase index (its "Used from this workspace" list). */
  sourceUri?: (path: string) => vscode.Uri | undefined;
}

export class AnswerPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly page = new PageLink<ToPanel>();
  private view: AnswerView = { title: 'Fathom', markdown: '', phase: 'done', chatAvailable: false };
  private source: vscode.Uri | undefined;
  private lines: { start: number; end: number } | undefined;
  private readonly actions = new PanelActions();
  private readonly batcher: ChunkBatcher;
  private readonly continueInChat = new vscode.EventEmitter<{ view: AnswerView; source: vscode.Uri | undefined; lines: { start: number; end: number } | undefined }>();
  private readonly received = new vscode.EventEmitter<FromPanel>();
  private readonly closed = new vscode.EventEmitter<void>();
  private readonly started = new vscode.EventEmitter<void>();
  /** The user closed the panel: an answer still streaming into it is no longer wanted. */
  readonly onDidClose = this.closed.event;
  /** A new answer started (it replaces the one shown): one still streaming is no longer wanted either. */
  readonly onDidStart = this.started.event;
  /** The user pressed "Continue in chat" (only offered when `chatAvailable` says so). */
  readonly onDidRequestChat = this.continueInChat.event;
  /** Every valid message from the webview, after it was acted on ('ready' included). */
  readonly onDidReceiveMessage = this.received.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly options: AnswerPanelOptions = {},
  ) {
    this.batcher = new ChunkBatcher((text) => this.deliver(text), options.batchMs ?? 50);
  }

  /** Opens the panel beside the editor, or brings the existing one forward without taking focus. */
  show(title: string): void {
    this.view = { ...this.view, title };
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(undefined, true);
      this.page.post({ type: 'show', view: this.view });
      return;
    }
    this.panel = this.createPanel(title);
  }

  /** Starts a new answer: clears the panel and shows it streaming. */
  start(request: AnswerRequest): void {
    this.batcher.discard();
    this.source = request.source ?? vscode.window.activeTextEditor?.document.uri;
    this.lines = request.lines;
    const chatAvailable = this.options.chatAvailable?.() ?? false;
    this.view = { title: request.title, subtitle: request.subtitle, markdown: '', phase: 'streaming', chatAvailable };
    this.show(request.title);
    this.started.fire();
  }

  /** More of the answer; posted in batches (at most one message per ~50 ms). */
  append(chunk: string): void {
    this.batcher.push(chunk);
  }

  finish(): void {
    this.batcher.flush();
    this.view = { ...this.view, phase: 'done' };
    this.page.post({ type: 'finish' });
  }

  /** Says, above the answer, that its prompt came from this workspace prompt file (relative to the workspace). */
  usingPromptFile(relPath: string): void {
    this.view = { ...this.view, promptFile: relPath };
    this.page.post({ type: 'promptFile', path: relPath });
  }

  /** Lists, under the answer, the lines of other workspace files its prompt carried (callers, existing tests). */
  usedFromWorkspace(sources: readonly CodePlace[]): void {
    this.view = { ...this.view, sources: [...sources] };
    this.page.post({ type: 'sources', sources: [...sources] });
  }

  /** Opens one of the answer's "Used from this workspace" entries at its lines. */
  async openSource(index: number): Promise<void> {
    const place = this.view.sources?.[index];
    const uri = place && this.options.sourceUri?.(place.path);
    if (!place || !uri) return;
    const selection = new vscode.Range(place.startLine - 1, 0, place.endLine - 1, Number.MAX_SAFE_INTEGER);
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: true, selection });
  }

  /** Opens the workspace prompt file the current answer names (the link in the panel). */
  async openPromptFile(): Promise<void> {
    const uri = this.view.promptFile ? workspaceUri(this.view.promptFile) : undefined;
    if (!uri) return;
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: false });
  }

  /** Ends the answer with an error message (the backend's typed message), keeping what arrived so far. */
  fail(message: string): void {
    this.batcher.flush();
    this.view = { ...this.view, phase: 'failed', error: message };
    this.page.post({ type: 'fail', message });
  }

  /** What the panel shows (all appended text included once delivered), and whether its script is running. */
  current(): { view: AnswerView; ready: boolean; visible: boolean } {
    return { view: { ...this.view }, ready: this.page.ready, visible: this.panel?.visible ?? false };
  }

  dispose(): void {
    this.batcher.discard();
    this.panel?.dispose();
    this.actions.dispose();
    this.continueInChat.dispose();
    this.received.dispose();
    this.closed.dispose();
    this.started.dispose();
  }

  private createPanel(title: string): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      ANSWER_PANEL_VIEW_TYPE,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      // Hidden panels are dropped and rebuilt from the extension's state on 'ready': no memory held while hidden.
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'fathom.svg');
    const webview = panel.webview;
    webview.html = panelHtml({ ...pageFor(webview, this.extensionUri, 'panel.js', 'panel.css', title), labels: panelLabels() });
    this.panelDisposables = [
      webview.onDidReceiveMessage((message) => void this.onMessage(message)),
      this.page.connect(panel, panel.onDidChangeViewState),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.page.disconnect(panel);
        this.closed.fire();
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
    ];
    return panel;
  }

  private deliver(text: string): void {
    this.view = { ...this.view, markdown: this.view.markdown + text };
    this.page.post({ type: 'append', text });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseFromPanel(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.batcher.flush(); // into the state (not posted yet), which the view gets whole:
        this.page.heard();
        this.page.post({ type: 'show', view: this.view });
        break;
      case 'copy':
        await this.actions.copy(message.code);
        break;
      case 'insert':
        await this.actions.insert(message.code);
        break;
      case 'reveal':
        await this.actions.reveal(this.source, message.line, message.endLine);
        break;
      case 'openLink':
        await this.actions.openLink(message.href);
        break;
      case 'continueInChat':
        if (this.view.chatAvailable) this.continueInChat.fire({ view: { ...this.view }, source: this.source, lines: this.lines });
        break;
      case 'openPromptFile':
        await this.openPromptFile();
        break;
      case 'openSource':
        await this.openSource(message.index);
        break;
    }
    this.received.fire(message);
  }
}
