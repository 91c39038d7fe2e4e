import * as vscode from 'vscode';
import type { CodePlace } from '../../codebase/codebase';
import { distinctPlaces } from '../../commands/proposalSources';
import { PROPOSAL_SCHEME, ProposalDocuments } from './proposalDocuments';
import { ProposalNames, unknownNamesLine, type NameCheck } from './proposalNames';
import { pickSource, sourcesButton, sourcesTitle, type SourceUri } from './proposalSources';

/** A change the model proposes, as offsets into the document text it was computed from. */
export interface ProposedChange {
  /** The file to change; for a new file, where it will be created. */
  uri: vscode.Uri;
  /** True when the file does not exist yet (Generate Tests): Accept creates it. */
  create: boolean;
  /** The whole text the offsets refer to (the document as it was sent; '' for a new file). */
  baseText: string;
  /** Document version `baseText` belongs to; a different version at Accept means the target must be re-found. */
  version: number;
  start: number;
  end: number;
  /** The replacement for baseText[start, end). */
  replacement: string;
  languageId: string;
  /** Diff editor title, e.g. "Refactor: simplify — app.ts". */
  title: string;
  /** The lines of other workspace files the prompt carried (callers, existing tests): the proposal offers them. */
  sources?: readonly CodePlace[];
}

/** The core's answers the proposal needs, injected so this adapter stays thin (they live in src/commands/). */
export interface ProposalChecks {
  /** Where the target [start, end) of `baseText` is in `currentText` now; undefined when it cannot be found for sure. */
  reanchor(baseText: string, target: { start: number; end: number }, currentText: string): { start: number; end: number } | undefined;
  /** True when replacing `target` of `text` with `code` adds parse errors the text did not have. */
  addsParseErrors(text: string, target: { start: number; end: number }, code: string, languageId: string): Promise<boolean>;
}

export type ProposalOutcome = 'accepted' | 'rejected' | 'refused';

interface Open {
  change: ProposedChange;
  /** The change's sources, each place once. */
  sources: CodePlace[];
  /** The diff's title as shown. */
  title: string;
  proposalUri: vscode.Uri;
  originalUri: vscode.Uri;
  settle(outcome: ProposalOutcome): void;
}

/** Context key for the palette's Accept / Reject entries. */
const OPEN_CONTEXT = 'fathom.proposalOpen';
/** Context key for the Sources entry (title bar, palette): an open proposal was made with workspace code. */
const SOURCES_CONTEXT = 'fathom.proposalHasSources';

/**
 * Shows a proposed change as a diff (the file on the left, a read-only virtual copy with the change on the
 * right) with Accept / Reject on the diff's title bar and in a notification. Accept writes one WorkspaceEdit
 * (one undo step) after re-finding the target; a target that cannot be re-found is refused, never guessed.
 * Nothing is written without Accept.
 */
export class Proposals implements vscode.Disposable {
  private readonly docs = new ProposalDocuments();
  private readonly open = new Map<string, Open>();
  private readonly names: ProposalNames;

  /**
   * `checkNames` marks the names the proposed code refers to that exist nowhere (proposalNames.ts);
   * `sourceUri` finds the file of a source's workspace-relative path (the codebase index's).
   */
  constructor(
    private readonly checks: ProposalChecks,
    checkNames?: NameCheck,
    private readonly sourceUri?: SourceUri,
  ) {
    this.names = new ProposalNames(checkNames);
  }

  /** Opens the diff and resolves once the user accepted, rejected, or Accept was refused. */
  async show(proposal: ProposedChange): Promise<ProposalOutcome> {
    const change = proposal.create ? proposal : await this.rebase(proposal);
    if (!change) return 'refused';
    const proposed = change.baseText.slice(0, change.start) + change.replacement + change.baseText.slice(change.end);
    const proposalUri = this.docs.add(change.uri, proposed);
    const originalUri = change.create ? this.docs.add(change.uri, '') : change.uri;
    // The file as it is, the target included: names the target already uses (its own parameters, which a method
    // cut out of its class does not declare where the check can see) exist in this workspace by definition.
    const fileText = change.baseText;
    const unknown = unknownNamesLine(await this.names.mark(proposalUri, proposed, change.start, change.replacement, change.languageId, fileText));
    const sources = distinctPlaces(change.sources ?? []);
    // The diff's title and the notification say when the code uses names found nowhere (underlined in the diff),
    // and how many places of the workspace the model was shown (the Sources button lists them).
    const title = [change.title, unknown, sourcesTitle(sources.length)].filter(Boolean).join(' — ');
    return new Promise<ProposalOutcome>((resolve) => {
      const entry: Open = {
        change,
        sources,
        title,
        proposalUri,
        originalUri,
        settle: (outcome) => {
          if (!this.open.delete(proposalUri.toString())) return;
          this.docs.remove(proposalUri);
          this.names.clear(proposalUri);
          if (change.create) this.docs.remove(originalUri);
          void this.updateContext();
          resolve(outcome);
        },
      };
      this.open.set(proposalUri.toString(), entry);
      void this.updateContext();
      void vscode.commands.executeCommand('vscode.diff', originalUri, proposalUri, title, { preview: false });
      this.notify(entry);
    });
  }

  /**
   * The notification with Accept / Reject (and Sources when there are any). Not awaited: its buttons are one
   * way to decide, the diff's title buttons another. A button closes a notification, so after Sources it comes
   * back while the proposal is still open.
   */
  private notify(entry: Open): void {
    const acceptLabel = vscode.l10n.t('Accept');
    const rejectLabel = vscode.l10n.t('Reject');
    const sourcesLabel = sourcesButton(entry.sources.length);
    const buttons = entry.sources.length > 0 ? [acceptLabel, rejectLabel, sourcesLabel] : [acceptLabel, rejectLabel];
    void vscode.window.showInformationMessage(`Fathom: ${entry.title}`, ...buttons).then(async (picked) => {
      if (picked === acceptLabel) void this.accept(entry.proposalUri);
      else if (picked === rejectLabel) void this.reject(entry.proposalUri);
      else if (picked === sourcesLabel) {
        await pickSource(entry.sources, this.sourceUri, entry.change.title);
        if (this.open.has(entry.proposalUri.toString())) this.notify(entry);
      }
    });
  }

  /**
   * Fathom: Show Sources of Proposed Change — the workspace lines the proposal's prompt carried, in a quick
   * pick; the picked one opens beside the diff. Resolves with the opened place.
   */
  async showSources(uri?: vscode.Uri): Promise<CodePlace | undefined> {
    const entry = this.find(uri);
    if (!entry || entry.sources.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: this proposal was made without code from other workspace files.'));
      return undefined;
    }
    return pickSource(entry.sources, this.sourceUri, entry.change.title);
  }

  /** The sources of the proposal `find` picks (the active diff's, else the newest); the test API reads it. */
  sources(uri?: vscode.Uri): CodePlace[] {
    return [...(this.find(uri)?.sources ?? [])];
  }

  /**
   * The change moved onto the document as it is now: the user may have typed while the model answered, and
   * the diff must show only the proposed change. Undefined (with a message) when the target is gone.
   */
  private async rebase(change: ProposedChange): Promise<ProposedChange | undefined> {
    const document = await vscode.workspace.openTextDocument(change.uri);
    const current = document.getText();
    if (current === change.baseText) return { ...change, version: document.version };
    const at = this.checks.reanchor(change.baseText, { start: change.start, end: change.end }, current);
    if (!at) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Fathom: the code this change was made for was edited while the model answered and can no longer be found in {0}. Nothing was changed; run the command again.', basename(change.uri)));
      return undefined;
    }
    return { ...change, baseText: current, version: document.version, start: at.start, end: at.end };
  }

  /** The proposal the command is about: the one whose diff is given or active, else the newest. */
  private find(uri?: vscode.Uri): Open | undefined {
    if (uri?.scheme === PROPOSAL_SCHEME) return this.open.get(uri.toString());
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputTextDiff && input.modified.scheme === PROPOSAL_SCHEME) {
      const found = this.open.get(input.modified.toString());
      if (found) return found;
    }
    return [...this.open.values()].pop();
  }

  async accept(uri?: vscode.Uri): Promise<ProposalOutcome | undefined> {
    const entry = this.find(uri);
    if (!entry) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: there is no proposed change to accept.'));
      return undefined;
    }
    const outcome = entry.change.create ? await this.applyNewFile(entry) : await this.applyToDocument(entry);
    if (outcome === undefined) return undefined; // the user stepped back from a warning; the proposal stays open
    await this.closeDiff(entry);
    entry.settle(outcome);
    return outcome;
  }

  async reject(uri?: vscode.Uri): Promise<ProposalOutcome | undefined> {
    const entry = this.find(uri);
    if (!entry) return undefined;
    await this.closeDiff(entry);
    entry.settle('rejected');
    return 'rejected';
  }

  private async applyToDocument(entry: Open): Promise<ProposalOutcome | undefined> {
    const { change } = entry;
    const document = await vscode.workspace.openTextDocument(change.uri);
    const current = document.getText();
    const at = document.version === change.version && current === change.baseText ? { start: change.start, end: change.end } : this.checks.reanchor(change.baseText, { start: change.start, end: change.end }, current);
    if (!at) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Fathom: the code this change was made for was edited meanwhile and can no longer be found in {0}. Nothing was changed; run the command again.', basename(change.uri)),
      );
      return 'refused';
    }
    if (!(await this.confirmParse(current, at, change.replacement, change.languageId))) return undefined;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(change.uri, new vscode.Range(document.positionAt(at.start), document.positionAt(at.end)), change.replacement);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Fathom: VS Code could not apply the change to {0}.', basename(change.uri)));
      return 'refused';
    }
    return 'accepted';
  }

  private async applyNewFile(entry: Open): Promise<ProposalOutcome | undefined> {
    const { change } = entry;
    const text = change.baseText.slice(0, change.start) + change.replacement + change.baseText.slice(change.end);
    if (!(await this.confirmParse(change.baseText, change, change.replacement, change.languageId))) return undefined;
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(change.uri, { ignoreIfExists: false, contents: new TextEncoder().encode(text) });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Fathom: could not create {0} (does it exist already?). Nothing was written.', basename(change.uri)));
      return 'refused';
    }
    await vscode.window.showTextDocument(change.uri, { preview: false });
    return 'accepted';
  }

  /** Asks before applying code that would leave the file with new syntax errors. */
  private async confirmParse(text: string, target: { start: number; end: number }, code: string, languageId: string): Promise<boolean> {
    if (!(await this.checks.addsParseErrors(text, target, code, languageId))) return true;
    const applyAnyway = vscode.l10n.t('Apply Anyway');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Fathom: the proposed code adds syntax errors to the file. Apply it anyway?'),
      { modal: true },
      applyAnyway,
    );
    return choice === applyAnyway;
  }

  private async closeDiff(entry: Open): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === entry.proposalUri.toString());
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }

  private updateContext(): Thenable<unknown> {
    const open = [...this.open.values()];
    return Promise.all([
      vscode.commands.executeCommand('setContext', OPEN_CONTEXT, open.length > 0),
      vscode.commands.executeCommand('setContext', SOURCES_CONTEXT, open.some((e) => e.sources.length > 0)),
    ]);
  }

  /** Proposals waiting for a decision (the test API reads it). */
  pending(): number {
    return this.open.size;
  }

  dispose(): void {
    for (const entry of [...this.open.values()]) entry.settle('rejected');
    this.docs.dispose();
    this.names.dispose();
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}
