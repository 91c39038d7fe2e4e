/**
 * Explain, Debug, Refactor, Generate Tests and Document: their commands (and Write Commit Message), the lightbulb's quick fixes, the
 * proposal diff's Accept / Reject, and the answer panel they stream into. extension.ts calls this once.
 */
import * as vscode from 'vscode';
import type { Codebase, CodePlace } from '../../codebase/codebase';
import { findUnknownNames } from '../../codebase/names/unknownNames';
import type { BackendPool } from '../../roles/pool';
import type { FathomConfig } from '../../config/settings';
import type { Logger } from '../../logging/logger';
import type { StatusModel } from '../../status/statusModel';
import type { AnswerPanel } from '../panel/answerPanel';
import type { PrivacyRules } from '../privacyRules';
import type { EditorSyntax } from '../syntaxTrees';
import type { EditorWorkspaceFiles } from '../workspaceFiles';
import { panelSink } from './answerSink';
import { WRITE_COMMIT_MESSAGE, writeCommitMessage } from './commitMessage';
import { bindCore } from './coreBinding';
import { debug, debugTerminalSelection, explainProblem, fixProblem } from './debug';
import { documentTarget } from './document';
import { explain } from './explain';
import type { FlowDeps } from './flows';
import { generateTests } from './generateTests';
import { showError, shownErrors, type ShownError } from './errors';
import { ignoredPromptFiles } from './promptReader';
import { cancelRunningCommands } from './progress';
import { Proposals } from './proposal';
import { EXPLAIN_PROBLEM, FIX_PROBLEM, ProblemActions, type ProblemArgs } from './quickFix';
import { refactor } from './refactor';

export interface CommandDeps {
  pool: BackendPool;
  getConfig: () => FathomConfig;
  status: StatusModel;
  logger: Logger;
  syntax: EditorSyntax;
  files: EditorWorkspaceFiles;
  privacy: PrivacyRules;
  /** The one answer panel of the window (extension.ts makes it on first use). */
  answerPanel: () => AnswerPanel;
  /** The workspace's codebase index, when there is one (src/vscode/codebase/): callers, existing tests, and a proposal's names found nowhere in it. */
  codebase?: () => Codebase | undefined;
  /** The file of a workspace-relative path from the codebase index: a proposal's sources open through it. */
  sourceUri?: (path: string) => vscode.Uri | undefined;
}

/** What the integration tests may see of the commands. */
export interface CommandsApi {
  /** Cancels every running command as its Cancel button does; returns how many were running. */
  cancelAll(): number;
  /** Proposals waiting for Accept or Reject. */
  pendingProposals(): number;
  /** The workspace lines the active (else newest) proposal offers under Sources. */
  proposalSources(): CodePlace[];
  /** The error notifications shown so far (message, kind, buttons), oldest first. */
  shownErrors(): readonly ShownError[];
  /** Workspace prompt files left unused (and noted) because the workspace is not trusted. */
  ignoredPromptFiles(): readonly string[];
}

export interface RegisteredCommands {
  api: CommandsApi;
  /** The diff-and-accept module, shared with the chat's Apply. */
  proposals: Proposals;
}

/** Files and unsaved editors: where the lightbulb offers Fathom's quick fixes. */
const EDITABLE: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): RegisteredCommands {
  const core = bindCore({ ...deps, files: deps.privacy.guard(deps.files), extensionUri: context.extensionUri });
  const codebase = deps.codebase;
  const checkNames =
    codebase &&
    (async (code: string, languageId: string, fileText: string) => {
      const index = codebase();
      return index ? findUnknownNames({ code, languageId, fileText }, { parsers: deps.syntax.parsers, codebase: index }) : [];
    });
  const proposals = new Proposals(core, checkNames, deps.sourceUri);
  const flow: FlowDeps = { core, syntax: deps.syntax, files: deps.files, privacy: deps.privacy, status: deps.status, panel: panelSink(deps.answerPanel), proposals, getConfig: deps.getConfig };
  const command = (id: string, run: (...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        // A bug must not vanish silently: log it with its stack and tell the user.
        deps.logger.error(`${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        showError(vscode.l10n.t('Fathom: {0}', error instanceof Error ? error.message : String(error)));
        return undefined;
      }
    });
  context.subscriptions.push(
    proposals,
    command('fathom.explain', () => explain(flow)),
    command('fathom.debug', () => debug(flow)),
    command('fathom.debugTerminalSelection', () => debugTerminalSelection(flow)),
    // The preset instruction lets a keybinding (or a test) skip the quick pick.
    command('fathom.refactor', (preset) => refactor(flow, preset)),
    command('fathom.generateTests', () => generateTests(flow)),
    command('fathom.document', () => documentTarget(flow)),
    // From the Source Control title bar VS Code passes the repository's SourceControl (its rootUri says which).
    command(WRITE_COMMIT_MESSAGE, (args) => writeCommitMessage({ pool: deps.pool, getConfig: deps.getConfig, status: deps.status, logger: deps.logger, privacy: deps.privacy }, args)),
    command(EXPLAIN_PROBLEM, (args) => explainProblem(flow, args as ProblemArgs)),
    command(FIX_PROBLEM, (args) => fixProblem(flow, args as ProblemArgs)),
    // From the diff's title bar VS Code passes the proposal's URI; from the palette, nothing (the active diff).
    command('fathom.proposal.accept', (uri) => proposals.accept(uri instanceof vscode.Uri ? uri : undefined)),
    command('fathom.proposal.reject', (uri) => proposals.reject(uri instanceof vscode.Uri ? uri : undefined)),
    command('fathom.proposal.sources', (uri) => proposals.showSources(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.languages.registerCodeActionsProvider(EDITABLE, new ProblemActions(() => deps.getConfig().commands.quickFixes), { providedCodeActionKinds: ProblemActions.kinds }),
  );
  return {
    api: { cancelAll: () => cancelRunningCommands(), pendingProposals: () => proposals.pending(), proposalSources: () => proposals.sources(), shownErrors, ignoredPromptFiles },
    proposals,
  };
}
