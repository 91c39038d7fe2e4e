import * as vscode from 'vscode';
import type { BackendPool } from '../roles/pool';
import type { LoadedModel, ModelSummary } from '../backends/types';
import { roleBaseUrl, type FathomConfig, type Role } from '../config/settings';
import { readMachine, type MachineResources } from '../roles/machine';
import { chooseModels, formatBytes, type ModelChoice, type ModelFit } from '../roles/modelFit';
import { sameModel } from '../doctor/probe';
import { writeSetting } from './settings';

/** One model of the quick pick as shown (what tests read through the extension's API). */
export interface ModelPickItem extends vscode.QuickPickItem {
  model: string;
  /** The model this machine's resources recommend for the role being chosen. */
  recommended: boolean;
}

/** The Select Model quick pick last shown: its items and the one active when it opened. */
export interface ShownModelPick {
  role: Role;
  title: string;
  placeholder: string;
  items: readonly ModelPickItem[];
  active?: string;
}

let lastShown: ShownModelPick | undefined;

/** The Select Model quick pick last shown (for tests: the items' fit and recommendation). */
export function shownModelPick(): ShownModelPick | undefined {
  return lastShown;
}

/**
 * "Fathom: Select Model": pick a role (each shown with the server it uses), then one of the models that role's
 * server lists, each with whether it fits this machine (roles/modelFit.ts) and the one recommended for the role
 * marked; saved in user settings. `preselect` (the Doctor's recommendation button) is the item active at first,
 * else the current model.
 */
export async function selectModel(pool: BackendPool, config: FathomConfig, role?: Role, preselect?: string): Promise<void> {
  const chosenRole =
    role ??
    (
      await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Completion model'), description: config.completion.model, detail: vscode.l10n.t('on {0}', roleBaseUrl(config, 'completion')), role: 'completion' as const },
          { label: vscode.l10n.t('Chat model'), description: config.chat.model, detail: vscode.l10n.t('on {0}', roleBaseUrl(config, 'chat')), role: 'chat' as const },
        ],
        { title: vscode.l10n.t('Fathom: Select Model'), placeHolder: vscode.l10n.t('Which model do you want to change?') },
      )
    )?.role;
  if (!chosenRole) return;
  const { backend } = await pool.backendFor(chosenRole);
  let models: ModelSummary[];
  let machine: MachineResources;
  let loaded: LoadedModel[];
  try {
    [models, machine, loaded] = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: chosenRole === 'chat' ? vscode.l10n.t('Fathom: listing the chat models at {0}…', backend.baseUrl) : vscode.l10n.t('Fathom: listing the completion models at {0}…', backend.baseUrl) },
      // nvidia-smi and the loaded models (Ollama: which sit in GPU memory; information only, never a failure) while the server lists its models.
      () => Promise.all([backend.listModels({ timeoutMs: config.requestTimeoutMs }), readMachine(), (backend.loadedModels?.({ timeoutMs: config.requestTimeoutMs }) ?? Promise.resolve([])).catch((): LoadedModel[] => [])]),
    );
  } catch (error) {
    const openSettings = vscode.l10n.t('Open Settings');
    const reason = error instanceof Error ? error.message : String(error);
    const message = chatOrCompletion(chosenRole, vscode.l10n.t('Fathom: the chat server could not list its models. {0}', reason), vscode.l10n.t('Fathom: the completion server could not list its models. {0}', reason));
    void vscode.window.showErrorMessage(message, openSettings).then((a) => {
      if (a) void vscode.commands.executeCommand('fathom.openSettings');
    });
    return;
  }
  const current = config[chosenRole].model;
  const same = (listed: string, wanted: string) => sameModel(backend.provider, listed, wanted);
  const choice = chooseModels({ baseUrl: backend.baseUrl, models, machine, loaded, sameModel: same });
  const recommended = choice[chosenRole];
  const items = models.map((m, i): ModelPickItem => {
    const isRecommended = recommended !== undefined && m.name === recommended;
    const notes = [isRecommended ? recommendedText(chosenRole) : undefined, same(m.name, current) ? vscode.l10n.t('current') : undefined].filter((n): n is string => !!n);
    return { label: m.name, model: m.name, recommended: isRecommended, description: describe(m, choice.models[i], choice), ...(notes.length && { detail: notes.join(' · ') }) };
  });
  const title = chatOrCompletion(chosenRole, vscode.l10n.t('Fathom: chat model on {0}', backend.baseUrl), vscode.l10n.t('Fathom: completion model on {0}', backend.baseUrl));
  const placeholder = !models.length ? vscode.l10n.t('The server lists no models') : placeholderFor(choice, current);
  const wanted = preselect ?? current;
  const active = items.find((item) => item.model === wanted) ?? items.find((item) => same(item.model, wanted));
  lastShown = { role: chosenRole, title, placeholder, items, ...(active && { active: active.model }) };
  const picked = await pickOne(items, title, placeholder, active);
  if (!picked) return;
  await writeSetting(`${chosenRole}.model`, picked.model);
}

/** A quick pick with one item active when it opens (showQuickPick always starts at the first). */
function pickOne(items: ModelPickItem[], title: string, placeholder: string, active: ModelPickItem | undefined): Promise<ModelPickItem | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<ModelPickItem>();
    pick.title = title;
    pick.placeholder = placeholder;
    pick.matchOnDescription = true;
    pick.items = items;
    if (active) pick.activeItems = [active];
    let chosen: ModelPickItem | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}

function chatOrCompletion(role: Role, chat: string, completion: string): string {
  return role === 'chat' ? chat : completion;
}

function recommendedText(role: Role): string {
  return role === 'chat' ? vscode.l10n.t('$(star-full) recommended chat model for this machine') : vscode.l10n.t('$(star-full) recommended completion model for this machine');
}

function placeholderFor(choice: ModelChoice, current: string): string {
  if (choice.kind === 'noSizes') return vscode.l10n.t('Current: {0} — this server does not report model sizes, so none is recommended by size', current);
  if (choice.kind === 'remote') return vscode.l10n.t('Current: {0} — the server runs on another machine or a cloud service: no local resource limit', current);
  return vscode.l10n.t('Current: {0}', current);
}

/** "7.6B · qwen2 · Q4_K_M · 4.7 GB · fits in GPU memory". */
function describe(m: ModelSummary, fit: ModelFit | undefined, choice: ModelChoice): string | undefined {
  const parts = [m.parameterSize, m.family, m.quantization, m.sizeBytes ? fitWords(formatBytes(m.sizeBytes), fit, choice.machine) : undefined].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

function fitWords(size: string, fit: ModelFit | undefined, machine: MachineResources): string {
  switch (fit?.fit) {
    case 'gpu':
      return vscode.l10n.t('{0} · fits in GPU memory', size);
    case 'memory':
      return machine.gpu ? vscode.l10n.t('{0} · fits in GPU and system memory together (slower)', size) : vscode.l10n.t('{0} · fits in memory', size);
    case 'tooBig':
      return machine.gpu
        ? vscode.l10n.t("{0} · too big for this machine's {1} of memory and {2} of GPU memory", size, formatBytes(machine.memoryTotalBytes), formatBytes(machine.gpu.totalBytes))
        : vscode.l10n.t("{0} · too big for this machine's {1}", size, formatBytes(machine.memoryTotalBytes));
    default:
      return size;
  }
}
