/**
 * Fathom: Write Commit Message (the Source Control title bar's button, and the palette): the staged diff of a Git
 * repository, its ignored files' content left out, fitted to the chat model and redacted on the way out (the
 * pool's backend), becomes a message in the repository's input box. The core is src/commands/commitMessage.ts.
 */
import * as vscode from 'vscode';
import { cleanCommitMessage, commitPrompt } from '../../commands/commitMessage';
import { streamCommand } from '../../commands/run';
import type { FathomConfig } from '../../config/settings';
import type { Logger } from '../../logging/logger';
import type { BackendPool } from '../../roles/pool';
import type { StatusModel } from '../../status/statusModel';
import { gitApi, type GitApi, type GitRepository } from '../git';
import type { PrivacyRules } from '../privacyRules';
import { isCancel, showCommandError } from './errors';
import { answerLanguage } from './language';
import { withCommandProgress } from './progress';

export interface CommitMessageDeps {
  pool: BackendPool;
  getConfig: () => FathomConfig;
  status: StatusModel;
  logger: Logger;
  privacy: PrivacyRules;
}

/**
 * How a run ended (the command's return value, for tests and keybindings): the message written, or why not.
 * `nothing-staged` offers, in its notification, to run again on the unstaged changes.
 */
export type CommitMessageOutcome = 'written' | 'no-git' | 'no-repository' | 'nothing-staged' | 'no-changes' | 'empty-answer' | 'cancelled' | 'failed';

/** The command's arguments: from the Source Control title bar VS Code passes the SourceControl (it has rootUri). */
export interface CommitMessageArgs {
  rootUri?: vscode.Uri;
  /** Describe the unstaged changes of tracked files (the button of the "nothing staged" message). */
  unstaged?: boolean;
}

export const WRITE_COMMIT_MESSAGE = 'fathom.writeCommitMessage';

export async function writeCommitMessage(deps: CommitMessageDeps, args?: unknown): Promise<CommitMessageOutcome> {
  const { rootUri, unstaged } = readArgs(args);
  const git = await gitApi();
  if (git === 'missing' || git === 'disabled') {
    void vscode.window.showWarningMessage(
      git === 'missing'
        ? vscode.l10n.t('Fathom: Write Commit Message needs the built-in Git extension, which is not available in this window.')
        : vscode.l10n.t('Fathom: Git is turned off (the git.enabled setting), so there is no repository to write a commit message for.'),
    );
    return 'no-git';
  }
  const repository = await pickRepository(git, rootUri);
  if (!repository) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: No Git repository is open. Open a folder that is a Git repository (or initialize one in the Source Control view), stage your changes, then try again.'));
    return 'no-repository';
  }
  const diff = await repository.diff(!unstaged);
  if (diff.trim() === '') {
    if (unstaged) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: There are no changes to tracked files to describe.'));
      return 'no-changes';
    }
    const useAll = vscode.l10n.t('Use Unstaged Changes');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Fathom: Nothing is staged. Stage the changes the commit should hold, or write the message from the unstaged changes of tracked files.'), useAll)
      .then((picked) => {
        if (picked === useAll) void vscode.commands.executeCommand(WRITE_COMMIT_MESSAGE, { rootUri: repository.rootUri, unstaged: true });
      });
    return 'nothing-staged';
  }

  const title = vscode.l10n.t('Write Commit Message');
  try {
    const message = await withCommandProgress(deps.status, { title: `${title}…`, activity: 'writing a commit message' }, async (signal) => {
      await deps.privacy.ready;
      const config = deps.getConfig();
      const chat = await deps.pool.forRole('chat', { signal });
      const language = config.commitMessage.language.toLowerCase() === 'auto' ? answerLanguage(config.commands.answerLanguage) : config.commitMessage.language;
      const prompt = commitPrompt(
        { diff, isIgnored: (path) => deps.privacy.isIgnored(vscode.Uri.joinPath(repository.rootUri, path)), style: config.commitMessage.style, language, unstaged },
        { contextLength: chat.contextLength, maxTokens: chat.settings.maxTokens },
      );
      deps.logger.debug(
        `commit message: ${prompt.files.length} files; content not shown (ignore rules): ${prompt.hidden.join(', ') || 'none'}; cut: ${prompt.cut.join(', ') || 'none'}; left out for the budget: ${prompt.omitted.join(', ') || 'none'}`,
      );
      let answer = '';
      const options = { model: chat.settings.model, temperature: chat.settings.temperature, maxTokens: chat.settings.maxTokens, signal, timeoutMs: config.requestTimeoutMs };
      for await (const text of streamCommand(prompt, chat.backend, options)) answer += text;
      return { text: cleanCommitMessage(answer), trimmed: prompt.cut.length + prompt.omitted.length, files: prompt.files.length };
    });
    if (message.text === '') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Fathom: The model gave an empty answer; the commit message was not changed.'));
      return 'empty-answer';
    }
    repository.inputBox.value = message.text;
    if (message.trimmed > 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t("Fathom: The diff was too large for the chat model's context: the message was written from part of it ({0} of {1} files cut or left out). Check it before you commit.", message.trimmed, message.files),
      );
    }
    return 'written';
  } catch (error) {
    if (isCancel(error)) return 'cancelled';
    showCommandError(title, error);
    return 'failed';
  }
}

function readArgs(args: unknown): CommitMessageArgs {
  if (!args || typeof args !== 'object') return {};
  const { rootUri, unstaged } = args as { rootUri?: unknown; unstaged?: unknown };
  return { ...(rootUri instanceof vscode.Uri ? { rootUri } : {}), ...(unstaged === true ? { unstaged } : {}) };
}

/**
 * The repository to write for: the one the title bar's button belongs to, else the only one, else the active
 * editor's, else the one the user picks.
 */
async function pickRepository(git: GitApi, rootUri: vscode.Uri | undefined): Promise<GitRepository | undefined> {
  if (rootUri) return git.getRepository(rootUri) ?? (await git.openRepository?.(rootUri)) ?? undefined;
  const repositories = git.repositories;
  if (repositories.length <= 1) return repositories[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const ofActive = active && git.getRepository(active);
  if (ofActive) return ofActive;
  const picked = await vscode.window.showQuickPick(
    repositories.map((r) => ({ label: r.rootUri.path.split('/').pop() ?? r.rootUri.path, description: vscode.workspace.asRelativePath(r.rootUri), repository: r })),
    { placeHolder: vscode.l10n.t('Which repository is the commit message for?') },
  );
  return picked?.repository;
}
