import * as vscode from 'vscode';
import type { CommandKind } from '../../commands/types';
import type { FathomConfig } from '../../config/settings';
import type { StatusModel } from '../../status/statusModel';
import type { PrivacyRules } from '../privacyRules';
import type { EditorSyntax } from '../syntaxTrees';
import type { EditorWorkspaceFiles } from '../workspaceFiles';
import { alignedStart } from './alignment';
import type { AnswerSink } from './answerSink';
import type { CommandAnswer, CommandCore, CommandInput } from './core';
import { toDiagnosticInfo } from './diagnostics';
import { isCancel, showCommandError } from './errors';
import { withCommandProgress } from './progress';
import type { ProposalOutcome, Proposals } from './proposal';
import { resolveTarget, type ResolvedTarget } from './target';

export interface FlowDeps {
  core: CommandCore;
  syntax: EditorSyntax;
  files: EditorWorkspaceFiles;
  privacy: PrivacyRules;
  status: StatusModel;
  panel: AnswerSink;
  proposals: Proposals;
  getConfig: () => FathomConfig;
}

/** The command's name in the display language. */
function titleOf(kind: CommandKind): string {
  switch (kind) {
    case 'explain':
      return vscode.l10n.t('Explain');
    case 'debug':
      return vscode.l10n.t('Debug');
    case 'refactor':
      return vscode.l10n.t('Refactor');
    case 'tests':
      return vscode.l10n.t('Generate Tests');
    case 'document':
      return vscode.l10n.t('Document');
  }
}
const ACTIVITIES: Record<CommandKind, string> = { explain: 'explaining', debug: 'debugging', refactor: 'refactoring', tests: 'writing tests', document: 'documenting' };

/** What the command is about, or a message when there is no editor to work on. */
export async function targetIn(deps: FlowDeps, kind: CommandKind, focus?: vscode.Range, editor = vscode.window.activeTextEditor): Promise<ResolvedTarget | undefined> {
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: {0} works on the code in an editor: open a file and put the cursor in it.', titleOf(kind)));
    return undefined;
  }
  if (deps.privacy.isIgnored(editor.document)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Fathom: {0} matches your ignore rules (.fathomignore or the built-in defaults for secrets), so nothing from it is sent. {1} was not run.', editor.document.uri.path.split('/').pop() ?? '', titleOf(kind)),
    );
    return undefined;
  }
  return resolveTarget(editor, deps.syntax, deps.files, focus);
}

export function inputFor(resolved: ResolvedTarget, kind: CommandKind, extra: Partial<CommandInput> = {}): CommandInput {
  const diagnostics = vscode.languages.getDiagnostics(resolved.editor.document.uri).map(toDiagnosticInfo);
  return { kind, snapshot: resolved.snapshot, selection: resolved.selection, target: resolved.target, diagnostics, ...extra };
}

function subtitleOf(resolved: ResolvedTarget): string {
  const { target, snapshot } = resolved;
  const what = target.name ? `${target.kind} ${target.name}` : target.kind;
  return `${what} — ${snapshot.path}:${target.startLine}-${target.endLine}`;
}

/**
 * Explain (and the analysis half of Debug): the answer streams into the panel, placeholders as the model wrote
 * them. Resolves with the whole answer, or undefined when it failed or was cancelled (the panel and a
 * notification say which).
 */
export async function streamToPanel(deps: FlowDeps, resolved: ResolvedTarget, input: CommandInput, title = titleOf(input.kind)): Promise<CommandAnswer | undefined> {
  const lines = { start: resolved.target.startLine, end: resolved.target.endLine };
  deps.panel.start({ title, subtitle: subtitleOf(resolved), source: resolved.editor.document.uri, lines });
  // A later answer in the panel replaces this one: from then on nothing of this one may reach the panel (its
  // text would join the new answer's, its end would end it), and its request is stopped.
  let replaced = false;
  const replacing = deps.panel.onDidStart(() => (replaced = true));
  const panel = (update: () => void) => {
    if (!replaced) update();
  };
  // Closing the panel, or a new answer in it, stops the answer streaming into it, like the notification's Cancel.
  const stopWhen: vscode.Event<void> = (listener, thisArgs, disposables) => vscode.Disposable.from(deps.panel.onDidClose(listener, thisArgs, disposables), deps.panel.onDidStart(listener, thisArgs, disposables));
  try {
    const answer = await withCommandProgress(deps.status, { title: `${title}…`, activity: ACTIVITIES[input.kind], cancelWhen: stopWhen }, (signal) =>
      deps.core.run(
        input,
        signal,
        (text) => panel(() => deps.panel.append(text)),
        (prompt) =>
          panel(() => {
            if (prompt.source === 'workspace') deps.panel.usingPromptFile(prompt.path);
            if (prompt.workspace?.length) deps.panel.usedFromWorkspace(prompt.workspace);
          }),
      ),
    );
    if (replaced) return undefined;
    deps.panel.finish();
    return answer;
  } catch (error) {
    if (replaced) return undefined; // the user asked something else: not a failure to report
    deps.panel.fail(isCancel(error) ? vscode.l10n.t('Cancelled.') : error instanceof Error ? error.message : String(error));
    showCommandError(title, error);
    return undefined;
  } finally {
    replacing.dispose();
  }
}

/**
 * Refactor, Document and the fix half of Debug: the answer's code replaces the target, shown as a diff for
 * Accept / Reject. `streamed` is an answer already received (Debug streamed it into the panel). The code
 * gets back the secrets its own request had redacted, where the file already holds them; the diff shows
 * exactly what Accept writes.
 */
export async function proposeReplacement(deps: FlowDeps, resolved: ResolvedTarget, input: CommandInput, detail: string, streamed?: CommandAnswer): Promise<ProposalOutcome | 'failed'> {
  const title = titleOf(input.kind);
  let answer = streamed;
  if (answer === undefined) {
    try {
      answer = await withCommandProgress(deps.status, { title: `${title}: ${detail}…`, activity: ACTIVITIES[input.kind] }, (signal) => deps.core.run(input, signal, () => {}));
    } catch (error) {
      showCommandError(title, error);
      return 'failed';
    }
  }
  const code = deps.core.replacement(answer.text, input);
  if (code === undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t("Fathom: {0}: the model's answer holds no code to apply. Nothing was changed.", title));
    return 'failed';
  }
  const { snapshot, target } = resolved;
  const replacement = answer.redaction.restoreInto(code, snapshot.text);
  const name = resolved.editor.document.uri.path.split('/').pop();
  return deps.proposals.show({
    uri: resolved.editor.document.uri,
    create: false,
    baseText: snapshot.text,
    version: snapshot.version,
    start: alignedStart(snapshot.text, target.start, replacement),
    end: target.end,
    replacement,
    languageId: snapshot.languageId,
    title: `${title}: ${detail} — ${name}`,
    sources: answer.workspace,
  });
}
