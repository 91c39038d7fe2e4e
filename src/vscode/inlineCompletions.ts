import * as vscode from 'vscode';
import type { CompletionScheduler } from '../completion/scheduling/scheduler';
import type { SyntaxAtCursor } from '../completion/analysis/syntaxAtCursor';
import type { DocumentSnapshot } from '../workspace/document';
import type { CompletionResult } from '../completion/engine/result';
import { AlternativeSuggestions, findAlternatives } from '../completion/scheduling/alternatives';
import type { CompleteOnce } from '../completion/scheduling/scheduler';
import type { FathomConfig } from '../config/settings';
import type { PrivacyRules } from './privacyRules';
import type { EditorWorkspaceFiles } from './workspaceFiles';
import { cellInNotebook } from './notebooks';

export const ACCEPTED_COMMAND = 'fathom.completionAccepted';

/** A suggestion Fathom returned to the editor: for whom, by which model, how long after the editor asked. */
export interface ShownSuggestion {
  languageId: string;
  model: string;
  latencyMs: number;
}

/**
 * Turns an editor position into a snapshot for the completion scheduler, and its answer into ghost text.
 * VS Code calls this on every keystroke and cancels the token on the next one: the token becomes the
 * scheduler's signal, which decides whether the request in flight is still useful or is aborted.
 */
export class FathomInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly scheduler: CompletionScheduler,
    private readonly getConfig: () => FathomConfig,
    private readonly files: EditorWorkspaceFiles,
    private readonly privacy: PrivacyRules,
    /** What the document's syntax tree says at the snapshot's cursor (the tree is cached per version). */
    private readonly lookUpSyntax: (snapshot: DocumentSnapshot) => Promise<SyntaxAtCursor | undefined>,
    /** Snoozed completions ask nothing. */
    private readonly snoozed: () => boolean = () => false,
    /** Told when ghost text is shown (document, version): it wins over a next-edit suggestion there. */
    private readonly onGhostText: (uri: string, version: number) => void = () => {},
    /** Whether the completion server is a local one writing a chat or command answer now (automatic requests wait). */
    private readonly serverAnswering: () => boolean = () => false,
    /** Told what each call answered in a document: a suggestion shown (the statistics), or nothing. */
    private readonly onAnswer: (uri: string, shown: ShownSuggestion | undefined) => void = () => {},
    /** Alt+\: more suggestions to cycle through, asked for after the first (how many: `fathom.completion.alternatives`). */
    private readonly alternatives?: { complete: CompleteOnce; count: () => number },
  ) {}

  private readonly found = new AlternativeSuggestions();
  /** The search for alternatives under way per document, and where (a keystroke or a move there ends it). */
  private readonly searching = new Map<string, { version: number; offset: number; abort: AbortController }>();

  /** The document whose suggestion askAgain() asked VS Code to fetch again (answered as an automatic call). */
  private revising: string | undefined;

  /**
   * The suggestion shown in `uri` changed after it was shown (a block's first line grew to the block): VS Code
   * has no stable way to be told, so it is asked to ask again, in the active editor when that is the document.
   */
  askAgain(uri: string, { afterExplicit = false } = {}): void {
    if (vscode.window.activeTextEditor?.document.uri.toString() !== uri) return;
    this.revising = uri;
    // After Alt+\ VS Code keeps its answer until the suggestion is hidden: hidden, it asks at once again.
    if (afterExplicit) void vscode.commands.executeCommand('editor.action.inlineSuggest.hide').then(() => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger'));
    else void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const asked = performance.now();
    const completion = this.getConfig().completion;
    if (!completion.enabled || this.snoozed()) return undefined;
    // Asked again by askAgain(): as the keystroke it continues, not as a request the user made (Trigger Inline Suggestion).
    const revision = this.revising === document.uri.toString() && context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    if (revision) this.revising = undefined;
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const snapshot = snapshotOf(document, position, this.files.relative(document.uri));
      // Asked again where alternatives were found (after they were, or by Alt+]): all of them, the first still
      // first, so nothing on screen changes and VS Code can cycle.
      const alternatives = this.found.at(snapshot);
      if (alternatives.length > 1) return alternatives.map((result) => this.item(document, position, snapshot, result));
      const search = this.searching.get(snapshot.uri);
      if (search && (search.version !== snapshot.version || search.offset !== snapshot.offset)) search.abort.abort();
      const editor = vscode.window.activeTextEditor;
      const result = await this.scheduler.provide(snapshot, {
        trigger: context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke && !revision ? 'manual' : 'automatic',
        signal: abort.signal,
        selections: editor?.document === document ? editor.selections.length : 1,
        // By its paths, a link's target and its content (privacyRules.ts).
        ignoredFile: this.privacy.isIgnored(document),
        serverAnswering: this.serverAnswering(),
        // Inside `${…}` of a template literal is code, inside a multi-line string is not: only the tree knows.
        lookUpSyntax: () => this.lookUpSyntax(snapshot),
      });
      if (!result || token.isCancellationRequested) {
        this.onAnswer(snapshot.uri, undefined);
        return undefined;
      }
      if (result.insert !== '') this.onGhostText(snapshot.uri, snapshot.version);
      this.onAnswer(snapshot.uri, result.insert !== '' ? { languageId: document.languageId, model: completion.model, latencyMs: performance.now() - asked } : undefined);
      if (context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke && !revision && result.insert.trim() !== '') this.findAlternatives(snapshot, result);
      return [this.item(document, position, snapshot, result)];
    } finally {
      cancel.dispose();
    }
  }

  private item(document: vscode.TextDocument, position: vscode.Position, snapshot: DocumentSnapshot, result: CompletionResult): vscode.InlineCompletionItem {
    // In the cell's own offsets (a notebook cell's snapshot holds the cells around it).
    const end = document.positionAt(document.offsetAt(position) + result.replaceLength);
    const item = new vscode.InlineCompletionItem(result.insert, new vscode.Range(position, end));
    // The language and model travel with the item, so accepting it counts for them (statistics).
    item.command = { title: 'Fathom: completion accepted', command: ACCEPTED_COMMAND, arguments: [snapshot.uri, document.languageId, this.getConfig().completion.model] };
    return item;
  }

  /** After the first suggestion of Alt+\: the others, then VS Code is asked to ask again so it can cycle them. */
  private findAlternatives(snapshot: DocumentSnapshot, first: CompletionResult): void {
    const count = this.alternatives?.count() ?? 1;
    const running = this.searching.get(snapshot.uri);
    // Alt+] before they are found asks again here: the search under way goes on. A local server writing a
    // chat or command answer gets no extra requests (one model, two jobs: the answer comes first).
    if (!this.alternatives || count < 2 || (running && !running.abort.signal.aborted) || this.serverAnswering()) return;
    const search = { version: snapshot.version, offset: snapshot.offset, abort: new AbortController() };
    this.searching.set(snapshot.uri, search);
    void findAlternatives(this.alternatives.complete, snapshot, first, count, search.abort.signal).then((results) => {
      if (this.searching.get(snapshot.uri) === search) this.searching.delete(snapshot.uri);
      if (search.abort.signal.aborted || results.length < 2) return;
      this.found.remember(snapshot, results);
      this.askAgain(snapshot.uri, { afterExplicit: true });
    });
  }
}

/** The document at the cursor; a notebook cell with the cells above as its prefix and the cells below as its suffix. */
function snapshotOf(document: vscode.TextDocument, position: vscode.Position, path: string | undefined): DocumentSnapshot {
  const notebook = cellInNotebook(document);
  return {
    uri: document.uri.toString(),
    path: path ?? document.uri.path.split('/').pop() ?? 'untitled',
    languageId: document.languageId,
    text: notebook?.text ?? document.getText(),
    offset: (notebook?.cellStart ?? 0) + document.offsetAt(position),
    version: document.version,
  };
}
