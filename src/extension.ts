/**
 * Fathom's entry point: composes the core with the VS Code adapters and registers what the user sees.
 * Nothing here decides anything; nothing heavy happens at activation (clients are made on first use).
 */
import * as vscode from 'vscode';
import { BackendPool } from './backends/pool';
import type { CompletionScheduler } from './completion/scheduling/scheduler';
import { StatusModel } from './status/statusModel';
import { ApiKeyStore } from './vscode/apiKeys';
import { registerCommands, type CommandsApi } from './vscode/commands';
import { runDoctorCommand } from './vscode/doctorCommand';
import { registerCompletions } from './vscode/completions';
import { createLog } from './vscode/log';
import { selectModel } from './vscode/selectModel';
import { ReportDocuments } from './vscode/reportDocument';
import { onConfigChange, readConfig } from './vscode/settings';
import { StatusBar, type StatusView } from './vscode/statusBar';
import { showStatusMenu } from './vscode/statusMenu';
import { AnswerPanel } from './vscode/panel/answerPanel';
import { EditorSyntax } from './vscode/syntaxTrees';
import { EditorWorkspaceFiles } from './vscode/workspaceFiles';

/** What `activate` returns: a window for the integration tests onto state the API can't read. */
export interface FathomApi {
  status(): StatusView;
  /** Local completion counters (requests, reuse, cache hits, shown, accepted). */
  completionStats(): ReturnType<CompletionScheduler['stats']>;
  /** The panel answers stream into (made on first use, one per window). */
  answerPanel(): AnswerPanel;
  /** Explain / Debug / Refactor / Generate Tests / Document: cancel, open proposals. */
  commands: CommandsApi;
}

export function activate(context: vscode.ExtensionContext): FathomApi {
  const { channel, logger } = createLog();
  let config = readConfig();
  const keys = new ApiKeyStore(context.secrets);
  const pool = new BackendPool(() => config, keys.lookup, logger);
  const status = new StatusModel();
  const statusBar = new StatusBar(status);
  const reports = new ReportDocuments();
  const completionSwitch = () => status.setDisabled(config.completion.enabled ? undefined : 'completions are turned off');
  completionSwitch();

  const command = (id: string, run: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    channel,
    statusBar,
    reports,
    onConfigChange((next) => {
      config = next;
      pool.invalidate();
      status.clearError();
      completionSwitch();
    }),
    keys.onDidChange(() => pool.invalidate()),
    command('fathom.triggerCompletion', () => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger')),
    command('fathom.toggleCompletions', () =>
      vscode.workspace.getConfiguration('fathom').update('completion.enabled', !config.completion.enabled, vscode.ConfigurationTarget.Global),
    ),
    command('fathom.selectModel', () => selectModel(pool, config)),
    command('fathom.setApiKey', () => keys.promptAndStore(config)),
    command('fathom.doctor', () => runDoctorCommand(pool, config, reports)),
    command('fathom.showLog', () => channel.show()),
    command('fathom.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:fathom.fathom')),
    command('fathom.showMenu', () => showStatusMenu(config)),
  );
  const syntax = new EditorSyntax(context.extensionUri);
  const files = new EditorWorkspaceFiles();
  context.subscriptions.push(syntax, files);
  const completions = registerCompletions(context, { pool, getConfig: () => config, status, logger, syntax, files });
  let panel: AnswerPanel | undefined;
  const answerPanel = () => {
    if (!panel) context.subscriptions.push((panel = new AnswerPanel(context.extensionUri)));
    return panel;
  };
  const commands = registerCommands(context, { pool, getConfig: () => config, status, logger, syntax, files, answerPanel });
  logger.info(`Fathom activated (completion: ${config.completion.provider} ${config.completion.model}; chat: ${config.chat.provider} ${config.chat.model})`);
  return { status: () => statusBar.current(), completionStats: () => completions.stats(), answerPanel, commands };
}

export function deactivate(): void {}
