import * as vscode from 'vscode';
import type { BackendPool } from '../roles/pool';
import { syntaxAtCursor } from '../completion/analysis/syntaxAtCursor';
import { CompletionScheduler } from '../completion/scheduling/scheduler';
import { createCompleteOnce } from '../completion/service';
import type { Codebase } from '../codebase/codebase';
import { RepositoryRetriever } from '../context/repository';
import type { DocumentSnapshot } from '../workspace/document';
import { roleBaseUrl, type FathomConfig } from '../config/settings';
import { onConfigChange } from './settings';
import type { Logger } from '../logging/logger';
import type { StatusModel } from '../status/statusModel';
import { ACCEPTED_COMMAND, FathomInlineCompletionProvider, type ShownSuggestion } from './inlineCompletions';
import type { CompletionRecorder } from './statistics/store';
import type { PrivacyRules } from './privacyRules';
import type { EditorSyntax } from './syntaxTrees';
import type { EditorWorkspaceFiles } from './workspaceFiles';
import { homeFolder } from './workspacePaths';
import type { ProviderSlots } from './activation/placeholders';

/** Accepts the next word of the suggestion shown (VS Code's command; ctrl/cmd+right), counted if it was Fathom's. */
export const ACCEPT_NEXT_WORD_COMMAND = 'fathom.acceptNextWord';
/** Accepts the next line of the suggestion shown (VS Code's command), counted if it was Fathom's. */
export const ACCEPT_NEXT_LINE_COMMAND = 'fathom.acceptNextLine';

/** Inline completions: the scheduler and pipeline behind VS Code's inline completion provider. */
export function registerCompletions(
  context: vscode.ExtensionContext,
  // The syntax trees and workspace files are shared with the commands (extension.ts owns and disposes them).
  // `slot`: where the inline completion provider goes (the placeholder VS Code asks forwards to it: activation/placeholders.ts).
  deps: { slot: ProviderSlots['inlineCompletions']; pool: BackendPool; getConfig: () => FathomConfig; status: StatusModel; logger: Logger; syntax: EditorSyntax; files: EditorWorkspaceFiles; privacy: PrivacyRules; snoozed?: () => boolean; onGhostText?: (uri: string, version: number) => void; codebase?: () => Codebase | undefined; indexVersion?: () => string | undefined; statistics?: CompletionRecorder },
): CompletionScheduler {
  const { syntax, files } = deps;
  // Definitions from the codebase index, from a cache the index fills in the background (never waited on) and
  // forgets when the index changes (indexVersion), so an edited or renamed definition is not offered as it was.
  const repository = deps.codebase ? new RepositoryRetriever(deps.codebase, Date.now, deps.indexVersion) : undefined;
  if (repository) context.subscriptions.push(repository);
  const complete = createCompleteOnce({
    target: (signal) => deps.pool.forRole('completion', { signal }),
    getConfig: deps.getConfig,
    parsers: syntax.parsers,
    withTree: (snapshot, use) => syntax.withTree(snapshot, use),
    // Context never comes from files the ignore rules cover.
    files: deps.privacy.guard(files),
    repository,
    repoName: (s) => homeFolder(vscode.Uri.parse(s.uri))?.name,
    onTemplateError: (message) => {
      deps.logger.warn(message);
      deps.status.fail(message, 'completion');
    },
  });
  // One local model, two jobs: while the completion server writes a chat or command answer, automatic requests wait.
  const serverAnswering = () => {
    const config = deps.getConfig();
    return config.completion.waitWhileAnswering && !!deps.pool.activity?.busyLocally(roleBaseUrl(config, 'completion'));
  };
  // The trigger's view of the cursor, from the same cached tree the request then uses (no second parse).
  const lookUpSyntax = (s: DocumentSnapshot) => syntax.withTree(s, (tree) => tree && syntaxAtCursor(tree, s.text, s.offset, s.languageId));
  let provider: FathomInlineCompletionProvider | undefined;
  const scheduler = new CompletionScheduler({
    complete,
    triggerSettings: () => deps.getConfig().completion,
    // A block's first line was shown early and the block is now final: VS Code asks again, the scheduler answers it.
    onRevised: (uri) => provider?.askAgain(uri),
    onRequest: () => {
      const end = deps.status.begin('completing', 'completion');
      return (outcome) => {
        if (outcome?.error) deps.logger.warn(`completion failed: ${outcome.error}`);
        end(outcome);
      };
    },
  });
  // The suggestion Fathom shows in each document (the last answer there, if it was one): accepting a word or a
  // line of it counts for its language and model; a suggestion another extension shows does not count.
  const shownIn = new Map<string, ShownSuggestion>();
  const onAnswer = (uri: string, shown: ShownSuggestion | undefined) => {
    if (!shown) return void shownIn.delete(uri);
    shownIn.set(uri, shown);
    deps.statistics?.shown(shown.languageId, shown.model, shown.latencyMs);
  };
  // VS Code's stable API has no partial-accept callback: Fathom's keybindings run VS Code's own commands
  // through these, which count a word or line when the document changed and the suggestion was Fathom's.
  const acceptPart = (kind: 'word' | 'line', builtIn: string) => async () => {
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri.toString();
    const shown = uri ? shownIn.get(uri) : undefined;
    const version = editor?.document.version;
    await vscode.commands.executeCommand(builtIn);
    if (!editor || !uri || !shown || editor.document.version === version) return;
    scheduler.accepted(uri, kind);
    deps.statistics?.accepted(shown.languageId, shown.model, kind);
  };
  context.subscriptions.push(
    { dispose: () => scheduler.dispose() },
    vscode.workspace.onDidCloseTextDocument((d) => shownIn.delete(d.uri.toString())),
    vscode.workspace.onDidCloseTextDocument((d) => scheduler.closeDocument(d.uri.toString())),
    // Another server, model or template: a suggestion the old one made must not be shown from the cache.
    onConfigChange(() => scheduler.forgetAnswers()),
    vscode.commands.registerCommand(ACCEPTED_COMMAND, (uri: string, languageId?: unknown, model?: unknown) => {
      scheduler.accepted(uri, 'whole');
      shownIn.delete(uri);
      if (typeof languageId === 'string' && typeof model === 'string') deps.statistics?.accepted(languageId, model, 'whole');
    }),
    vscode.commands.registerCommand(ACCEPT_NEXT_WORD_COMMAND, acceptPart('word', 'editor.action.inlineSuggest.acceptNextWord')),
    vscode.commands.registerCommand(ACCEPT_NEXT_LINE_COMMAND, acceptPart('line', 'editor.action.inlineSuggest.acceptNextLine')),
    deps.slot(
      (provider = new FathomInlineCompletionProvider(scheduler, deps.getConfig, files, deps.privacy, lookUpSyntax, deps.snoozed, deps.onGhostText, serverAnswering, onAnswer, {
        complete,
        count: () => deps.getConfig().completion.alternatives,
      })),
    ),
  );
  return scheduler;
}
