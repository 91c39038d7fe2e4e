/**
 * What the user can attach to a chat question, read from the editor: the selection, the current file, its
 * problems, the terminal's last command and output (`@terminal`), or files and symbols picked with "@". Every read goes through the privacy rules — a file that
 * matches .fathomignore or the built-in secret patterns is refused with a message, never read — and binary
 * or very large files are refused with a message that says what to do instead. A selection or symbol never
 * ends inside a secret: its edges widen to hold the whole secret (secretSafeCut.ts).
 */
import * as vscode from 'vscode';
import type { Attachment } from '../../chat/conversation';
import { formatDiagnostics } from '../../commands/promptVars';
import { secretSafeRange } from '../../privacy/secretSafeCut';
import { toDiagnosticInfo } from '../commands/diagnostics';
import type { PrivacyRules } from '../privacyRules';
import type { EditorWorkspaceFiles } from '../workspaceFiles';

/** Largest file or selection attached whole (characters); the budget may cut it further when sent. */
export const MAX_ATTACH_CHARS = 200_000;
/** Files offered by "@" (the quick pick filters as the user types). */
const MAX_PICK_FILES = 5000;

export interface ChatAttachmentsDeps {
  privacy: PrivacyRules;
  files: EditorWorkspaceFiles;
  /** The editor the user last worked in (focusing the chat view leaves none active in some layouts). */
  editor: () => vscode.TextEditor | undefined;
  /** `@terminal`: the last command in the active terminal and its output (terminalHistory.ts); absent: not offered. */
  terminal?: () => Promise<Attachment | undefined>;
}

let counter = 0;
const newId = (): string => `a${Date.now().toString(36)}-${(counter++).toString(36)}`;

export class ChatAttachments {
  constructor(private readonly deps: ChatAttachmentsDeps) {}

  selection(): Attachment | undefined {
    const editor = this.usableEditor(vscode.l10n.t('Fathom: open a file in the editor to attach the selection.'));
    if (!editor) return undefined;
    if (editor.selection.isEmpty) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: select the code to attach first (or attach the whole file).'));
      return undefined;
    }
    return this.fromRange(editor.document, editor.selection);
  }

  file(): Attachment | undefined {
    const editor = this.usableEditor(vscode.l10n.t('Fathom: open a file in the editor to attach the file.'));
    return editor && this.fromText(editor.document, editor.document.getText());
  }

  diagnostics(): Attachment | undefined {
    const editor = this.usableEditor(vscode.l10n.t('Fathom: open a file in the editor to attach its problems.'));
    if (!editor) return undefined;
    const problems = vscode.languages.getDiagnostics(editor.document.uri).map(toDiagnosticInfo);
    const path = this.pathOf(editor.document.uri);
    if (problems.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: the editor reports no problems in {0}.', path));
      return undefined;
    }
    return { id: newId(), kind: 'diagnostics', label: vscode.l10n.t('Problems in {0} ({1})', path, problems.length), path, languageId: editor.document.languageId, text: formatDiagnostics(problems) };
  }

  /**
   * The code a slash command works on: the selection, else the whole file; with `withProblems`, the file's
   * problems too when the editor reports any. Empty (the user is told) without a usable editor.
   */
  codeForCommand(withProblems: boolean): Attachment[] {
    const editor = this.usableEditor(vscode.l10n.t('Fathom: open a file in the editor (and select the code) for the chat command to work on.'));
    if (!editor) return [];
    const code = editor.selection.isEmpty ? this.fromText(editor.document, editor.document.getText()) : this.fromRange(editor.document, editor.selection);
    if (!code) return [];
    const problems = withProblems && vscode.languages.getDiagnostics(editor.document.uri).length > 0 ? this.diagnostics() : undefined;
    return problems ? [code, problems] : [code];
  }

  /**
   * "@": a quick pick of `@codebase`, workspace files and (as the user types) symbols; resolves with the chosen
   * attachments, or 'codebase' when the user picked the `@codebase` mention (the view types it).
   */
  async pick(): Promise<Attachment[] | 'codebase'> {
    const quickPick = vscode.window.createQuickPick<PickItem>();
    quickPick.title = vscode.l10n.t('Fathom: attach to the chat');
    quickPick.placeholder = vscode.l10n.t('Type a file name or a symbol (function, class…)');
    quickPick.canSelectMany = false;
    quickPick.matchOnDescription = true;
    const fixed: PickItem[] = [
      { label: '$(search) @codebase', description: vscode.l10n.t('Search this workspace for code that answers the question'), what: 'codebase', alwaysShow: true },
      ...(this.deps.terminal ? [{ label: '$(terminal) @terminal', description: vscode.l10n.t('The last command run in the terminal and its output'), what: 'terminal' as const, alwaysShow: true }] : []),
      { label: `$(selection) ${vscode.l10n.t('Selection')}`, what: 'selection', alwaysShow: true },
      { label: `$(file) ${vscode.l10n.t('Current file')}`, what: 'file', alwaysShow: true },
      { label: `$(warning) ${vscode.l10n.t('Problems in the current file')}`, what: 'diagnostics', alwaysShow: true },
    ];
    quickPick.items = fixed;
    quickPick.busy = true;
    let files: PickItem[] = [];
    let symbols: PickItem[] = [];
    const refresh = () => (quickPick.items = [...fixed, ...separator('files', files), ...separator('symbols', symbols)]);
    void this.workspaceFiles().then((found) => {
      files = found;
      quickPick.busy = false;
      refresh();
    });
    let query = 0;
    quickPick.onDidChangeValue(async (value) => {
      const mine = ++query;
      const found = value.trim().length >= 2 ? await this.symbols(value.trim()) : [];
      if (mine !== query) return;
      symbols = found;
      refresh();
    });
    const chosen = await new Promise<PickItem | undefined>((resolve) => {
      quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
      quickPick.onDidHide(() => resolve(undefined));
      quickPick.show();
    });
    quickPick.dispose();
    if (!chosen) return [];
    if (chosen.what === 'codebase') return 'codebase';
    if (chosen.what === 'terminal') return present(await this.deps.terminal?.());
    if (chosen.what === 'selection') return present(this.selection());
    if (chosen.what === 'file') return present(this.file());
    if (chosen.what === 'diagnostics') return present(this.diagnostics());
    if (chosen.uri) return present(await this.fromUri(chosen.uri, chosen.range));
    return [];
  }

  /** A file or part of one (a symbol's range), opened as a document so unsaved edits count. */
  async fromUri(uri: vscode.Uri, range?: vscode.Range): Promise<Attachment | undefined> {
    if (this.refusedByRules(uri)) return undefined;
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Fathom: {0} cannot be attached: {1} (binary files cannot be attached).', this.pathOf(uri), error instanceof Error ? error.message : String(error)));
      return undefined;
    }
    // Judged again as a document: by its content too (a cloud key file under any name).
    if (this.refusedByRules(document)) return undefined;
    if (!range) return this.fromText(document, document.getText());
    return this.fromRange(document, range);
  }

  /** Part of a file: widened where a secret crosses its edges, so the secret reaches the redactor whole. */
  private fromRange(document: vscode.TextDocument, range: vscode.Range): Attachment | undefined {
    const whole = document.getText();
    const safe = secretSafeRange(whole, { start: document.offsetAt(range.start), end: document.offsetAt(range.end) });
    const widened = new vscode.Range(document.positionAt(safe.start), document.positionAt(safe.end));
    return this.fromText(document, whole.slice(safe.start, safe.end), ...lineSpan(widened));
  }

  private fromText(document: vscode.TextDocument, text: string, startLine?: number, endLine?: number): Attachment | undefined {
    const path = this.pathOf(document.uri);
    if (text.includes('\u0000')) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Fathom: {0} looks binary, so it was not attached.', path));
      return undefined;
    }
    if (text.length > MAX_ATTACH_CHARS) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Fathom: {0} is too large to attach ({1} k characters; the limit is {2} k). Select the part you need and attach the selection.', path, Math.round(text.length / 1000), MAX_ATTACH_CHARS / 1000),
      );
      return undefined;
    }
    const lines = startLine !== undefined ? `:${startLine}-${endLine}` : '';
    const kind = startLine !== undefined ? 'selection' : 'file';
    return { id: newId(), kind, label: `${path.split('/').pop()}${lines}`, path, languageId: document.languageId, text, ...(startLine !== undefined ? { startLine, endLine } : {}) };
  }

  private usableEditor(noEditorMessage: string): vscode.TextEditor | undefined {
    const editor = this.deps.editor();
    if (!editor) {
      void vscode.window.showInformationMessage(noEditorMessage);
      return undefined;
    }
    return this.refusedByRules(editor.document) ? undefined : editor;
  }

  private refusedByRules(target: vscode.Uri | vscode.TextDocument): boolean {
    if (!this.deps.privacy.isIgnored(target)) return false;
    const uri = 'getText' in target ? target.uri : target;
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Fathom: {0} matches your ignore rules (.fathomignore or the built-in defaults for secrets), so it is never sent. It was not attached.', this.pathOf(uri)),
    );
    return true;
  }

  private pathOf(uri: vscode.Uri): string {
    return this.deps.files.relative(uri) ?? uri.path.split('/').pop() ?? uri.path;
  }

  private async workspaceFiles(): Promise<PickItem[]> {
    const uris = await vscode.workspace.findFiles('**/*', '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}', MAX_PICK_FILES);
    return uris
      .filter((uri) => !this.deps.privacy.isIgnored(uri))
      .map((uri) => {
        const path = this.pathOf(uri);
        const slash = path.lastIndexOf('/');
        return { label: `$(file-code) ${path.slice(slash + 1)}`, description: slash > 0 ? path.slice(0, slash) : undefined, uri };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  private async symbols(query: string): Promise<PickItem[]> {
    const found = (await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', query)) ?? [];
    return found
      .filter((s) => !this.deps.privacy.isIgnored(s.location.uri))
      .slice(0, 50)
      .map((s) => ({
        label: `$(symbol-${vscode.SymbolKind[s.kind].toLowerCase()}) ${s.name}`,
        description: `${this.pathOf(s.location.uri)}:${s.location.range.start.line + 1}`,
        uri: s.location.uri,
        range: s.location.range,
        alwaysShow: true,
      }));
  }
}

interface PickItem extends vscode.QuickPickItem {
  what?: 'selection' | 'file' | 'diagnostics' | 'codebase' | 'terminal';
  uri?: vscode.Uri;
  range?: vscode.Range;
}

function separator(label: string, items: PickItem[]): PickItem[] {
  return items.length ? [{ label, kind: vscode.QuickPickItemKind.Separator }, ...items] : [];
}

/** 1-based first and last line of a range; a range ending at the start of a line does not include that line. */
function lineSpan({ start, end }: vscode.Range): [number, number] {
  return [start.line + 1, end.character === 0 && end.line > start.line ? end.line : end.line + 1];
}

const present = <T>(value: T | undefined): T[] => (value === undefined ? [] : [value]);
