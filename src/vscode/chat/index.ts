/**
 * The sidebar chat: composes the conversation store and session (src/chat/) with the chat view, its context
 * pickers (`@terminal` included) and slash commands, its code actions, "Ask About Selection", and "Continue in chat" from the answer panel.
 * extension.ts calls this once.
 */
import * as vscode from 'vscode';
import type { BackendPool } from '../../roles/pool';
import type { ChatCodebase } from '../../chat/codebaseContext';
import { ChatSession } from '../../chat/session';
import { ConversationStore } from '../../chat/store';
import { answerLanguageName } from '../../commands/promptVars';
import { loadPrompt, renderPrompt } from '../../commands/promptFiles';
import type { FathomConfig } from '../../config/settings';
import type { Logger } from '../../logging/logger';
import { answerLanguage } from '../commands/language';
import type { Proposals } from '../commands/proposal';
import { promptReader } from '../commands/promptReader';
import { folderPrefixOf, workspaceUri } from '../workspacePaths';
import type { AnswerPanel } from '../panel/answerPanel';
import { PanelActions } from '../panel/panelActions';
import { onConfigChange, writeSetting } from '../settings';
import type { PrivacyRules } from '../privacyRules';
import type { EditorSyntax } from '../syntaxTrees';
import type { EditorWorkspaceFiles } from '../workspaceFiles';
import { ChatAttachments } from './chatAttachments';
import { ChatViewProvider, type ChatViewDeps } from './chatViewProvider';
import { TerminalHistory } from './terminalHistory';
import type { ProviderSlots } from '../activation/placeholders';

export interface ChatDeps {
  /** Where the chat view's provider goes (the placeholder VS Code resolves forwards to it: activation/placeholders.ts). */
  slot: ProviderSlots['chatView'];
  pool: BackendPool;
  getConfig: () => FathomConfig;
  logger: Logger;
  syntax: EditorSyntax;
  files: EditorWorkspaceFiles;
  privacy: PrivacyRules;
  proposals: Proposals;
  /** Subscribed to lazily: the panel is made on first use. */
  onAnswerPanel: (listen: (panel: AnswerPanel) => void) => void;
  /** The workspace index for `@codebase` (src/vscode/codebase/); without it, `@codebase` says the index is off. */
  codebase?: ChatCodebaseService;
  /** Checks a finished answer's code blocks for names found nowhere in the workspace. */
  unknownNames?: ChatViewDeps['unknownNames'];
}

/** The workspace index as the chat uses it: what it answers, how far it is, and where a hit's file is. */
export interface ChatCodebaseService extends ChatCodebase {
  uriOf(path: string): vscode.Uri | undefined;
}

export interface ChatApi {
  session: ChatSession;
  view: ChatViewProvider;
  /** What `@terminal` attaches: the active terminal's last command and output. */
  terminals: TerminalHistory;
  /** The folder conversations are saved in. */
  storageDir: string;
}

export function registerChat(context: vscode.ExtensionContext, deps: ChatDeps): ChatApi {
  // Per workspace when there is one (a project's conversations stay with it), else the user's storage.
  const storage = context.storageUri ?? context.globalStorageUri;
  const storageDir = vscode.Uri.joinPath(storage, 'chat').fsPath;
  const store = new ConversationStore(storageDir);
  const readPrompt = promptReader(context.extensionUri, deps.privacy.guard(deps.files));
  const actions = new PanelActions();
  const session = new ChatSession({
    store,
    storageLabel: storageDir,
    codebase: deps.codebase ?? { codebase: () => undefined, state: () => ({ kind: 'off' }) },
    openFileText: () => actions.targetEditor()?.document.getText(),
    async model(signal) {
      const chat = await deps.pool.forRole('chat', { signal });
      const { model, temperature, maxTokens } = chat.settings;
      const timeoutMs = deps.getConfig().requestTimeoutMs;
      return {
        model,
        contextLength: chat.contextLength,
        maxTokens,
        // The pool's backend caps the answer's size like every other answer: what came stays, the error says why.
        stream: (messages, streamSignal, redaction) => chat.backend.streamChat({ messages, model, temperature, maxTokens, signal: streamSignal, timeoutMs, redaction }),
      };
    },
    async system() {
      const prompt = await loadPrompt('chat', readPrompt, folderPrefixOf(actions.targetEditor()?.document.uri));
      const language = answerLanguageName(answerLanguage(deps.getConfig().commands.answerLanguage));
      const text = renderPrompt(prompt.system, { answerLanguage: language }).text;
      // A workspace prompt file (trusted workspaces only) replaces Fathom's instructions: the chat says so.
      return prompt.source === 'workspace' ? { text, note: vscode.l10n.t('Using the workspace prompt file {0} as the chat\'s system prompt.', prompt.path) } : text;
    },
  });
  const terminals = new TerminalHistory();
  const attachments = new ChatAttachments({ privacy: deps.privacy, files: deps.files, editor: () => actions.targetEditor(), terminal: () => terminals.attachment() });
  const view = new ChatViewProvider(context.extensionUri, {
    session,
    attachments,
    actions,
    proposals: deps.proposals,
    syntax: deps.syntax,
    files: deps.files,
    model: () => deps.getConfig().chat.model,
    setModel: (model) => writeSetting('chat.model', model),
    sourceUri: (path) => deps.codebase?.uriOf(path) ?? workspaceUri(path),
    unknownNames: deps.unknownNames,
    async listModels() {
      try {
        const { backend } = await deps.pool.backendFor('chat');
        return (await backend.listModels({ timeoutMs: deps.getConfig().requestTimeoutMs })).map((m) => m.name);
      } catch (error) {
        deps.logger.warn(`chat: could not list the chat models: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    },
  });

  deps.onAnswerPanel((panel) =>
    context.subscriptions.push(
      panel.onDidRequestChat(async ({ view: answer, source, lines }) => {
        const attached = source && lines ? await attachments.fromUri(source, new vscode.Range(lines.start - 1, 0, lines.end, 0)) : undefined;
        const question = answer.subtitle ? `${answer.title}: ${answer.subtitle}` : answer.title;
        await session.continueFrom(question, attached ? [attached] : [], answer.markdown);
        await view.reveal();
      }),
    ),
  );

  context.subscriptions.push(
    actions,
    terminals,
    view,
    deps.slot(view),
    vscode.commands.registerCommand('fathom.askAboutSelection', async () => {
      const editor = actions.targetEditor();
      const attached = editor && !editor.selection.isEmpty ? attachments.selection() : attachments.file();
      if (attached) session.attach(attached);
      await view.reveal();
    }),
    vscode.commands.registerCommand('fathom.openChat', () => view.reveal()),
    vscode.commands.registerCommand('fathom.newChat', async () => {
      await session.newChat();
      await view.reveal();
    }),
    onConfigChange(() => view.refresh(), 'fathom.chat'),
  );
  return { session, view, terminals, storageDir };
}
