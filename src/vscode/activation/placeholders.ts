/**
 * The first of Fathom's two loading steps (src/extension.ts): what `activate()` registers before the rest of
 * the extension (dist/composition.js) is loaded. Every contributed command, the inline completion provider and
 * the chat view are registered at once as placeholders, so VS Code can reach each of them from the first
 * moment; the first use of any of them loads the rest and is then handed on to the real one:
 *  - a command: its placeholder is removed with the others, the rest registers the real command, and the
 *    placeholder runs it with the same arguments;
 *  - the inline completion provider and the chat view stay registered once and forward to the provider the
 *    rest puts into their slot, so a request or a view that arrives while the rest loads is answered by it.
 * This module imports nothing but `vscode`: it is part of the small activation bundle.
 */
import * as vscode from 'vscode';

/** Files, unsaved editors and notebook cells; not output panes, git views or other virtual documents. */
export const INLINE_COMPLETION_DOCUMENTS: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-notebook-cell' }];

/** The chat's webview view (package.json `contributes.views`). */
export const CHAT_VIEW_ID = 'fathom.chat';

/** Where the rest of Fathom puts the providers the placeholders forward to; disposing a slot empties it. */
export interface ProviderSlots {
  inlineCompletions(provider: vscode.InlineCompletionItemProvider): vscode.Disposable;
  chatView(provider: vscode.WebviewViewProvider): vscode.Disposable;
}

export interface Placeholders {
  slots: ProviderSlots;
  /** Removes the placeholder commands, so the rest can register the real ones under the same ids. */
  retireCommands(): void;
}

/**
 * Registers the placeholders. `loadRest` loads the rest of Fathom once (later calls return the same promise);
 * it calls `retireCommands` before the rest registers its commands.
 */
export function registerPlaceholders(context: vscode.ExtensionContext, loadRest: () => Promise<unknown>): Placeholders {
  let inline: vscode.InlineCompletionItemProvider | undefined;
  let chat: vscode.WebviewViewProvider | undefined;
  // A failed load has already been reported once (see extension.ts); a placeholder then answers nothing.
  const loaded = () => loadRest().then(() => true, () => false);

  const commands = contributedCommands(context).map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      await loadRest();
      return vscode.commands.executeCommand(id, ...args);
    }),
  );
  const retireCommands = () => {
    for (const command of commands.splice(0)) command.dispose();
  };
  context.subscriptions.push(
    { dispose: retireCommands },
    vscode.languages.registerInlineCompletionItemProvider(INLINE_COMPLETION_DOCUMENTS, {
      async provideInlineCompletionItems(document, position, inlineContext, token) {
        if (!inline && !(await loaded())) return undefined;
        return inline?.provideInlineCompletionItems(document, position, inlineContext, token);
      },
    }),
    vscode.window.registerWebviewViewProvider(
      CHAT_VIEW_ID,
      {
        async resolveWebviewView(view, viewContext, token) {
          if (!chat && !(await loaded())) return;
          await chat?.resolveWebviewView(view, viewContext, token);
        },
      },
      { webviewOptions: { retainContextWhenHidden: false } },
    ),
  );
  return {
    slots: {
      inlineCompletions: (provider) => {
        inline = provider;
        return new vscode.Disposable(() => inline === provider && (inline = undefined));
      },
      chatView: (provider) => {
        chat = provider;
        return new vscode.Disposable(() => chat === provider && (chat = undefined));
      },
    },
    retireCommands,
  };
}

/** The command ids package.json contributes (every one the command palette, menus and keybindings can run). */
function contributedCommands(context: vscode.ExtensionContext): string[] {
  const contributed = (context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? [];
  return contributed.map((c) => c.command);
}

/** Says that the rest could not be loaded (once: the failed load is not retried until the window reloads). */
export function reportLoadFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[fathom] loading the extension failed: ${error instanceof Error ? error.stack : message}`);
  void vscode.window.showErrorMessage(vscode.l10n.t('Fathom could not load: {0}. Reload the window to try again; "Developer: Show Logs…" → Extension Host has the details.', message));
}
