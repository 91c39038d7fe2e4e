/**
 * Next-edit suggestions in the editor: turns document changes, the active editor and its cursor into the
 * plain data of NextEditController (src/nextEdit/controller.ts), which decides when to ask and what to show,
 * and renders its suggestion with decorations, context keys and the Tab / Esc commands.
 * Ghost text wins at the cursor; a next edit shows only when no ghost text is shown (`ghostShown`, called by
 * the inline completion provider, and `!inlineSuggestionVisible` in the Tab key's `when` clause).
 */
import * as vscode from 'vscode';
import type { Tree } from 'web-tree-sitter';
import type { FathomConfig } from '../../config/settings';
import type { Logger } from '../../logging/logger';
import { NextEditController, type ChangeKind, type DocumentState, type Suggestion } from '../../nextEdit/controller';
import { atCursor, jumpTarget } from '../../nextEdit/pieces';
import { predictNextEdit, type NextEditInput, type NextEditResult } from '../../nextEdit/pipeline';
import { relatedDefinitions } from '../../nextEdit/related';
import { formatForModel } from '../../nextEdit/formats/detect';
import type { BackendPool } from '../../roles/pool';
import { hasGrammar } from '../../syntax/languages';
import { NEXT_EDIT_DEBOUNCE_MS } from '../../tunables/tunables';
import type { PrivacyRules } from '../privacyRules';
import type { EditorSyntax } from '../syntaxTrees';
import type { EditorWorkspaceFiles } from '../workspaceFiles';
import { onConfigChange } from '../settings';
import { NextEditDecorations } from './decorations';

export const JUMP_OR_ACCEPT_COMMAND = 'fathom.nextEdit.jumpOrAccept';
export const DISMISS_COMMAND = 'fathom.nextEdit.dismiss';
/** How long a backend looked up at an edit may serve the request that follows it. */
const LOOKUP_FRESH_MS = 2000;
const VISIBLE_KEY = 'fathom.nextEditVisible';
const AT_CURSOR_KEY = 'fathom.nextEditAtCursor';

/** What the integration tests read: the suggestion shown, if any. */
export interface NextEditApi {
  suggestion(): Suggestion | undefined;
}

export interface NextEdits {
  api: NextEditApi;
  /** The inline completion provider showed ghost text in this document at this version. */
  ghostShown(uri: string, version: number): void;
}

/** Saved files only (the brief of the feature: file documents), local or on a remote host. */
function followed(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' || document.uri.scheme === 'vscode-remote';
}

export function registerNextEdits(
  context: vscode.ExtensionContext,
  deps: { pool: BackendPool; getConfig: () => FathomConfig; logger: Logger; syntax: EditorSyntax; files: EditorWorkspaceFiles; privacy: PrivacyRules },
): NextEdits {
  const { privacy, files, syntax } = deps;
  // Definitions for the prompt never come from files the ignore rules cover (as for completions).
  const guardedFiles = privacy.guard(files);
  const decorations = new NextEditDecorations(context.extensionUri);
  const pathOf = (document: vscode.TextDocument) => files.relative(document.uri) ?? document.uri.path.split('/').pop() ?? 'untitled';
  const editorOf = (uri: string) => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.toString() === uri ? editor : undefined;
  };

  // The backend is looked up when an edit starts the quiet time, not after it: the lookup reads the stored API
  // key (a round trip to the window, ~180 ms measured in the browser client) and overlaps the debounce.
  // One left unused (no request followed) is not used later: a key or setting may have changed since.
  let lookup: { at: number; backend: ReturnType<BackendPool['nextEditBackend']> } | undefined;
  const lookUpEarly = () => {
    if (lookup && Date.now() - lookup.at < LOOKUP_FRESH_MS) return;
    lookup = { at: Date.now(), backend: deps.pool.nextEditBackend() };
    lookup.backend.catch(() => undefined);
  };
  const predict = async (input: NextEditInput, state: DocumentState): Promise<NextEditResult | undefined> => {
    const { uri } = state;
    const document = editorOf(uri)?.document;
    const looked = lookup && Date.now() - lookup.at < LOOKUP_FRESH_MS ? lookup.backend : deps.pool.nextEditBackend();
    lookup = undefined;
    const target = await looked;
    if (!target || !document) return undefined;
    const tree = await treeCopy(syntax, state);
    try {
      const language = tree ? await syntax.parsers.language(input.document.languageId) : undefined;
      const ignored = privacy.isIgnored(document);
      // Only the generic format shows them (the next-edit models were trained without): skip the work for the others.
      const wanted = !ignored && formatForModel(target.settings.model).id === 'generic';
      const related = !wanted ? [] : await relatedDefinitions(input.document, input.cursor, guardedFiles, syntax.parsers, { tree, signal: input.signal }).catch(() => []);
      const result = await predictNextEdit({ ...input, related }, {
        backend: target.backend,
        model: target.settings.model,
        syntax: language ? { language, parse: (l, t, old) => syntax.parsers.parse(l, t, old), tree } : undefined,
        isIgnored: () => ignored,
        timeoutMs: deps.getConfig().requestTimeoutMs,
      });
      if (result.dropped) deps.logger.debug(`next edit: suggestion dropped (${result.dropped})`);
      return result;
    } finally {
      tree?.delete();
    }
  };

  const controller = new NextEditController({
    predict,
    current: (uri) => {
      const editor = editorOf(uri);
      if (!editor) return undefined;
      const d = editor.document;
      const cursor = editor.selection.active;
      return { uri, version: d.version, cursor: { line: cursor.line, character: cursor.character }, document: { path: pathOf(d), languageId: d.languageId, text: d.getText() } };
    },
    onChange: () => render(),
    debounceMs: NEXT_EDIT_DEBOUNCE_MS,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: Date.now,
    onError: (error) => deps.logger.warn(`next edit failed: ${error instanceof Error ? error.message : String(error)}`),
  });

  let visible = false;
  let near = false;
  const setKeys = (nextVisible: boolean, nextNear: boolean) => {
    if (nextVisible !== visible) void vscode.commands.executeCommand('setContext', VISIBLE_KEY, (visible = nextVisible));
    if (nextNear !== near) void vscode.commands.executeCommand('setContext', AT_CURSOR_KEY, (near = nextNear));
  };
  const render = () => {
    const s = controller.suggestion;
    const editor = s && editorOf(s.uri);
    if (!s || !editor || editor.document.version !== s.version) {
      decorations.clear();
      setKeys(false, false);
      return;
    }
    setKeys(true, decorations.show(editor, s.pieces));
  };

  // While suggestions are on, the text before the next change is kept from the moment a document opens or is
  // shown (an ignored file's copy never leaves memory: its changes untrack it before anything is recorded).
  // While they are off (the default), no text is kept and a keystroke costs nothing here: turning them on
  // starts from the open documents' text at that moment.
  const track = (document: vscode.TextDocument) => {
    if (deps.getConfig().nextEdit.enabled && followed(document)) controller.track(document.uri.toString(), document.getText());
  };
  const followSetting = (config: FathomConfig) => {
    // Another server, model or key: a backend looked up before must not serve the next request.
    lookup = undefined;
    for (const document of vscode.workspace.textDocuments) {
      if (!config.nextEdit.enabled) controller.untrack(document.uri.toString());
      else if (followed(document)) controller.track(document.uri.toString(), document.getText());
    }
  };

  const onChange = (e: vscode.TextDocumentChangeEvent) => {
    const d = e.document;
    // Off (no model): nothing is kept, recorded or asked.
    if (e.contentChanges.length === 0 || !followed(d) || !deps.getConfig().nextEdit.enabled) return;
    const uri = d.uri.toString();
    // An ignored file's edits never reach a prompt.
    if (privacy.isIgnored(d)) return controller.untrack(uri);
    const kind: ChangeKind = e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : e.reason === vscode.TextDocumentChangeReason.Redo ? 'redo' : 'edit';
    if (kind === 'edit') lookUpEarly();
    controller.changed(uri, pathOf(d), e.contentChanges, d.getText(), kind);
  };

  const jumpOrAccept = async () => {
    const s = controller.suggestion;
    const editor = s && editorOf(s.uri);
    if (!s || !editor) return;
    if (!atCursor(s.pieces, editor.selection.active.line)) {
      const to = jumpTarget(s.pieces)!;
      const at = new vscode.Position(to.line, to.character);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      render();
      return;
    }
    const document = editor.document;
    const starts = s.pieces.map((p) => document.offsetAt(new vscode.Position(p.from.line, p.from.character)));
    const ends = s.pieces.map((p) => document.offsetAt(new vscode.Position(p.to.line, p.to.character)));
    controller.accept();
    // One edit, one undo step.
    const applied = await editor.edit((b) => {
      for (const p of s.pieces) b.replace(new vscode.Range(p.from.line, p.from.character, p.to.line, p.to.character), p.text);
    });
    if (!applied) return controller.acceptFailed();
    // As after Tab on ghost text, the cursor ends after the inserted text; the next suggestion is asked from there.
    const last = s.pieces.length - 1;
    const shift = s.pieces.slice(0, last).reduce((n, p, i) => n + p.text.length - (ends[i] - starts[i]), 0);
    const end = document.positionAt(starts[last] + shift + s.pieces[last].text.length);
    editor.selection = new vscode.Selection(end, end);
    await controller.followUp(s.uri);
  };

  context.subscriptions.push(
    decorations,
    { dispose: () => controller.dispose() },
    vscode.workspace.onDidOpenTextDocument(track),
    vscode.workspace.onDidCloseTextDocument((d) => controller.untrack(d.uri.toString())),
    vscode.workspace.onDidChangeTextDocument(onChange),
    onConfigChange(followSetting),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      controller.dismiss();
      if (editor) track(editor.document);
    }),
    // The cursor moving only changes how the suggestion shows (at the cursor, or a hint to jump to it).
    vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor.document.uri.toString() === controller.suggestion?.uri && render()),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => e.textEditor.document.uri.toString() === controller.suggestion?.uri && render()),
    vscode.commands.registerCommand(JUMP_OR_ACCEPT_COMMAND, jumpOrAccept),
    vscode.commands.registerCommand(DISMISS_COMMAND, () => controller.dismiss()),
  );
  return { api: { suggestion: () => controller.suggestion }, ghostShown: (uri, version) => controller.ghostShown(uri, version) };
}

/**
 * A copy of the document's cached tree, for the pipeline to read while the model answers: the cache may
 * replace (and free) its own tree on the next edit meanwhile. The caller deletes the copy.
 */
async function treeCopy(syntax: EditorSyntax, state: DocumentState): Promise<Tree | undefined> {
  const { document } = state;
  if (!hasGrammar(document.languageId)) return undefined;
  return syntax.withTree({ uri: state.uri, path: document.path, languageId: document.languageId, text: document.text, offset: 0, version: state.version }, (tree) => tree?.copy());
}
