import * as vscode from 'vscode';
import type { BackendPool } from '../../roles/pool';
import { pickReplacement } from '../../commands/answer';
import { prepareCommand } from '../../commands/prepare';
import { reanchor } from '../../commands/reanchor';
import { streamCommand } from '../../commands/run';
import { addsParseErrors } from '../../commands/syntaxCheck';
import { testsContext } from '../../commands/testsContext';
import type { Codebase } from '../../codebase/codebase';
import type { FathomConfig } from '../../config/settings';
import type { Logger } from '../../logging/logger';
import type { EditorSyntax } from '../syntaxTrees';
import type { WorkspaceFiles } from '../../workspace/files';
import { RedactionLedger } from '../../privacy/redactionLedger';
import type { CommandAnswer, CommandCore, CommandInput, PromptSource } from './core';
import { answerLanguage } from './language';
import { promptReader } from './promptReader';
import { folderPrefixOf } from '../workspacePaths';

export interface CoreBindingDeps {
  pool: BackendPool;
  getConfig: () => FathomConfig;
  logger: Logger;
  syntax: EditorSyntax;
  /** The workspace as the privacy rules let commands see it. */
  files: WorkspaceFiles;
  extensionUri: vscode.Uri;
  /** The workspace's codebase index, when there is one (callers and usages, existing tests). */
  codebase?: () => Codebase | undefined;
}

/** The core modules (src/commands/) behind the CommandCore interface the adapters use. */
export function bindCore(deps: CoreBindingDeps): CommandCore {
  const readPrompt = promptReader(deps.extensionUri, deps.files);
  return {
    async run(input: CommandInput, signal: AbortSignal, onText: (text: string) => void, onPrompt?: (prompt: PromptSource) => void): Promise<CommandAnswer> {
      const config = deps.getConfig();
      const chat = await deps.pool.forRole('chat', { signal });
      const prepared = await prepareCommand(
        {
          kind: input.kind,
          snapshot: input.snapshot,
          selection: input.selection,
          diagnostics: input.diagnostics,
          errorText: input.errorText,
          instruction: input.instruction,
          settings: { answerLanguage: answerLanguage(config.commands.answerLanguage), audience: config.commands.audience, stepByStep: config.commands.showReasoning },
        },
        { files: deps.files, parsers: deps.syntax.parsers, readPrompt, promptFolder: folderPrefixOf(vscode.Uri.parse(input.snapshot.uri)), contextLength: chat.contextLength, maxTokens: chat.settings.maxTokens, signal, codebase: deps.codebase?.() },
      );
      if (prepared.unknownPlaceholders.length > 0) {
        // A typo in the user's own prompt file: say so (the request still goes out, the placeholder as written).
        const message = `${prepared.prompt.path} uses placeholders Fathom does not know: ${prepared.unknownPlaceholders.map((p) => `{{${p}}}`).join(', ')}`;
        deps.logger.warn(message);
        if (prepared.prompt.source === 'workspace') void vscode.window.showWarningMessage(vscode.l10n.t('Fathom: {0} uses placeholders Fathom does not know: {1}.', prepared.prompt.path, prepared.unknownPlaceholders.map((p) => `{{${p}}}`).join(', ')));
      }
      onPrompt?.({ source: prepared.prompt.source, path: prepared.prompt.path, workspace: prepared.workspace });
      const dropped = prepared.parts.filter((p) => !p.included).map((p) => p.name);
      deps.logger.debug(`${input.kind}: prompt ${prepared.prompt.path} (${prepared.prompt.source}); context parts left out for the budget: ${dropped.join(', ') || 'none'}`);
      let answer = '';
      const redaction = new RedactionLedger();
      const options = { model: chat.settings.model, temperature: chat.settings.temperature, maxTokens: chat.settings.maxTokens, signal, timeoutMs: config.requestTimeoutMs, redaction };
      for await (const text of streamCommand(prepared, chat.backend, options)) {
        answer += text;
        onText(text);
      }
      return { text: answer, redaction, workspace: prepared.workspace };
    },
    replacement: (answer, input) => pickReplacement(answer, input.target, input.snapshot.languageId),
    // The same choice the prompt makes: the module's existing test file when it has one.
    testSetup: async (snapshot) => (await testsContext({ sourcePath: snapshot.path, languageId: snapshot.languageId, files: deps.files, codebase: deps.codebase?.() })).setup,
    reanchor,
    addsParseErrors: async (text, target, code, languageId) => (await addsParseErrors(text, target, code, languageId, deps.syntax.parsers)).adds,
  };
}
