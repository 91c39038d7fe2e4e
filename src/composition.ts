/**
 * The second of Fathom's two loading steps (the first is src/extension.ts): composes the core with the VS Code
 * adapters and registers what the user sees. Loaded on first use, or once the window has settled after
 * activation. Nothing here decides anything; nothing heavy happens here either (clients are made on first use).
 */
import * as vscode from 'vscode';
import { BackendPool } from './roles/pool';
import { ServerActivity } from './roles/serverActivity';
import { distinctServers, roleServers } from './roles/servers';
import type { CompletionScheduler } from './completion/scheduling/scheduler';
import { StatusModel } from './status/statusModel';
import { ApiKeyStore } from './vscode/apiKeys';
import { registerCommands, type CommandsApi } from './vscode/commands';
import { DoctorPanel } from './vscode/doctor';
import { STATISTICS_KEY, StatisticsStore } from './vscode/statistics/store';
import { StatisticsPanel } from './vscode/statistics/panel';
import { registerCompletions } from './vscode/completions';
import { createLog } from './vscode/log';
import { pullModel } from './vscode/pullModel';
import { selectModel, shownModelPick, type ShownModelPick } from './vscode/selectModel';
import { ReportDocuments } from './vscode/reportDocument';
import { LastRequest } from './vscode/lastRequest';
import { onConfigChange, readConfig, writeSetting } from './vscode/settings';
import { StatusBar, type StatusView } from './vscode/statusBar';
import { showStatusMenu } from './vscode/statusMenu';
import { CompletionSwitches } from './vscode/completionSwitches';
import { chooseBackend, openSample, openWalkthrough } from './vscode/onboarding';
import { AnswerPanel } from './vscode/panel/answerPanel';
import { EditorSyntax } from './vscode/syntaxTrees';
import { EditorWorkspaceFiles } from './vscode/workspaceFiles';
import { PrivacyRules } from './vscode/privacyRules';
import { endpointConsent, resetEndpointConsent } from './vscode/endpointConsent';
import { registerChat, type ChatApi } from './vscode/chat';
import { chatCodebase } from './vscode/chat/chatCodebase';
import { registerNextEdits, type NextEditApi } from './vscode/nextEdit/register';
import { describeActivation, describeRest, loadFinished, type ActivationTimes, type RestTimes } from './vscode/activation/activationTimes';
import type { ProviderSlots } from './vscode/activation/placeholders';
import { registerCodebase, type WorkspaceCodebase } from './vscode/codebase';
import { embeddingsRole } from './vscode/codebase/embeddingsRole';
import { answerNameCheck } from './codebase/names/answerNames';
import { indexAnswers, indexVersion } from './context/repository';

const loading = loadFinished();

/** What the rest of Fathom gives the tests (extension.ts's `loaded()`): a window onto state the API can't read. */
export interface FathomApi {
  status(): StatusView;
  /** Local completion counters (requests, reuse, cache hits, shown, accepted). */
  completionStats(): ReturnType<CompletionScheduler['stats']>;
  /** The panel answers stream into (made on first use, one per window). */
  answerPanel(): AnswerPanel;
  /** Explain / Debug / Refactor / Generate Tests / Document: cancel, open proposals. */
  commands: CommandsApi;
  /** The sidebar chat: its session and view. */
  chat: ChatApi;
  /** The Doctor panel (made on first use). */
  doctor(): DoctorPanel;
  /** The Select Model quick pick last shown: its items with their fit and the recommended one marked. */
  modelPick(): ShownModelPick | undefined;
  /** Local statistics (shown, accepted, latency per language and model) and their panel (made on first use). */
  statistics: { store: StatisticsStore; panel(): StatisticsPanel; stored(): unknown };
  /** Next-edit suggestions: the one shown. */
  nextEdit: NextEditApi;
  /** The workspace's codebase index (built in a worker after activation). */
  codebase: WorkspaceCodebase;
  /** The first step: evaluating the small bundle and `activate()`. */
  activation: ActivationTimes;
  /** The second: evaluating this bundle and composing. */
  rest: RestTimes;
}

/** What the first step hands on: where the placeholders forward to, and its own figures for the log. */
export interface FirstStep {
  slots: ProviderSlots;
  activation: ActivationTimes;
}

export function compose(context: vscode.ExtensionContext, { slots, activation }: FirstStep): FathomApi {
  const composing = loading.activationStarts();
  const { channel, logger } = createLog();
  let config = readConfig();
  const keys = new ApiKeyStore(context.secrets);
  const lastRequest = new LastRequest();
  const switches = new CompletionSwitches(context.globalState, () => config);
  const pool = new BackendPool(() => config, keys.lookup, logger, Date.now, endpointConsent(context), lastRequest.remember, new ServerActivity());
  const status = new StatusModel();
  // The tooltip lists each server once with the roles that use it (a server per role).
  const statusBar = new StatusBar(status, () => distinctServers(roleServers(config)));
  const reports = new ReportDocuments();
  let doctorPanel: DoctorPanel | undefined;
  const doctor = () => {
    if (!doctorPanel) context.subscriptions.push((doctorPanel = new DoctorPanel(context.extensionUri, pool, () => config, () => codebase.status())));
    return doctorPanel;
  };

  // Local statistics, in this machine's storage only (vscode/statistics/store.ts).
  const statistics = new StatisticsStore(context.globalState, () => config.statistics.enabled);
  let statisticsPanel: StatisticsPanel | undefined;
  const showStatistics = () => {
    if (!statisticsPanel) context.subscriptions.push((statisticsPanel = new StatisticsPanel(context.extensionUri, statistics)));
    return statisticsPanel;
  };

  const command = (id: string, run: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    channel,
    statusBar,
    reports,
    onConfigChange((next) => {
      config = next;
      pool.invalidate();
      status.clearError();
      showWhetherOff();
      statusBar.refresh();
    }),
    keys.onDidChange(() => pool.invalidate()),
    command('fathom.triggerCompletion', () => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger')),
    command('fathom.toggleCompletions', () => writeSetting('completion.enabled', !config.completion.enabled)),
    command('fathom.selectModel', (role, model) => selectModel(pool, config, role === 'completion' || role === 'chat' ? role : undefined, typeof model === 'string' ? model : undefined)),
    command('fathom.pullModel', (name, where) => pullModel(pool, config, name, where)),
    command('fathom.setApiKey', (where) => keys.promptAndStore(config, where)),
    command('fathom.doctor', () => doctor().show()),
    statistics,
    command('fathom.showStatistics', () => showStatistics().show()),
    command('fathom.showLog', () => channel.show()),
    command('fathom.showLastRequest', () => lastRequest.show(reports)),
    command('fathom.getStarted', () => openWalkthrough()),
    command('fathom.chooseBackend', (choice) => chooseBackend(choice)),
    command('fathom.openSample', () => openSample()),
    command('fathom.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:fathom.fathom')),
    command('fathom.showMenu', () => showStatusMenu(config, switches)),
    switches,
    switches.onDidChange(() => showWhetherOff()),
    command('fathom.snoozeCompletions', (minutes) => switches.snooze(typeof minutes === 'number' && minutes > 0 ? minutes : 15)),
    command('fathom.resumeCompletions', () => switches.resume()),
    command('fathom.toggleCompletionsForLanguage', (languageId) => {
      const language = typeof languageId === 'string' ? languageId : vscode.window.activeTextEditor?.document.languageId;
      return language ? switches.toggleLanguage(language) : undefined;
    }),
    command('fathom.resetEndpointConsent', () => resetEndpointConsent(context)),
  );
  const syntax = new EditorSyntax(context.extensionUri);
  const files = new EditorWorkspaceFiles();
  const privacy = new PrivacyRules();
  // The status bar says when completions are off, and when the active file is one Fathom never reads.
  const showWhetherOff = () => status.setDisabled(switches.reasonOff(vscode.window.activeTextEditor?.document, privacy));
  // Once the ignore rules are read (after activation, so activate() does not compile them).
  void privacy.ready.then(showWhetherOff);
  context.subscriptions.push(syntax, files, privacy, vscode.window.onDidChangeActiveTextEditor(showWhetherOff), privacy.onDidChange(showWhetherOff));
  const nextEdits = registerNextEdits(context, { pool, getConfig: () => config, logger, syntax, files, privacy });
  // The codebase index (registered below) as completions use it: only once it has an index to answer from.
  const indexed = () => (indexAnswers(codebase.status()) ? codebase : undefined);
  const completions = registerCompletions(context, { slot: slots.inlineCompletions, pool, getConfig: () => config, status, logger, syntax, files, privacy, snoozed: () => switches.snoozed(), onGhostText: nextEdits.ghostShown, codebase: indexed, indexVersion: () => indexVersion(codebase.status()), statistics });
  let panel: AnswerPanel | undefined;
  const panelListeners: ((panel: AnswerPanel) => void)[] = [];
  const answerPanel = () => {
    if (!panel) {
      context.subscriptions.push((panel = new AnswerPanel(context.extensionUri, { chatAvailable: () => true, sourceUri: (path) => codebase.uriOf(path) })));
      for (const listen of panelListeners) listen(panel);
    }
    return panel;
  };
  const codebase = registerCodebase(context, { logger, embeddings: embeddingsRole(pool, () => config) });
  const commands = registerCommands(context, { pool, getConfig: () => config, status, logger, syntax, files, privacy, answerPanel, codebase: () => codebase, sourceUri: (path) => codebase.uriOf(path) });
  const chat = registerChat(context, {
    slot: slots.chatView,
    pool,
    getConfig: () => config,
    logger,
    syntax,
    files,
    privacy,
    proposals: commands.proposals,
    onAnswerPanel: (listen) => (panel ? listen(panel) : panelListeners.push(listen)),
    codebase: chatCodebase(codebase),
    unknownNames: answerNameCheck(syntax.parsers, () => codebase),
  });
  const rest = composing.finished();
  logger.info(`${describeActivation(activation)}; ${describeRest(rest)} (${roleServers(config).map((r) => `${r.role}: ${r.provider} ${r.model} at ${r.baseUrl}`).join('; ')})`);
  return { status: () => statusBar.current(), completionStats: () => completions.stats(), answerPanel, commands: commands.api, chat, activation, rest, doctor, modelPick: shownModelPick, statistics: { store: statistics, panel: showStatistics, stored: () => context.globalState.get(STATISTICS_KEY) }, nextEdit: nextEdits.api, codebase };
}
