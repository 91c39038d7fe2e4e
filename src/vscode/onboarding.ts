/**
 * The first five minutes: "Fathom: Get Started" opens the walkthrough (package.json `walkthroughs`), whose
 * steps call these — choose a backend (settings for both roles in one go), then open a sample file to try
 * a completion in.
 */
import * as vscode from 'vscode';
import { providerEntry, type ProviderKind } from '../backends/providers';
import { writeSetting } from './settings';

export type BackendChoice = 'ollama' | 'openai' | 'compatible';

export const WALKTHROUGH_ID = 'fathom.fathom#start';

/** Models that suit each hosted choice by default (the user picks others with Select Model). */
const OPENAI_MODELS = { completion: 'gpt-4o-mini', chat: 'gpt-4o-mini' };

/**
 * What each choice sets: the provider for both roles; a hosted one also its server (the registry's default
 * URL, or one the user types) and, for OpenAI itself, models that suit it.
 */
const CHOICES: Record<BackendChoice, { provider: ProviderKind; local?: true; askBaseUrl?: true; models?: typeof OPENAI_MODELS }> = {
  ollama: { provider: 'ollama', local: true },
  openai: { provider: 'openai', models: OPENAI_MODELS },
  compatible: { provider: 'openai', askBaseUrl: true },
};

/** Sets provider (and server) for both roles; resolves with the choice made, undefined when cancelled. */
export async function chooseBackend(choice?: unknown): Promise<BackendChoice | undefined> {
  const picked = isChoice(choice) ? choice : await pickChoice();
  if (!picked) return undefined;
  const { provider, local, askBaseUrl, models } = CHOICES[picked];
  if (local) {
    await useProviderServer();
    await writeSetting('completion.provider', provider);
    await writeSetting('chat.provider', provider);
    void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: using Ollama on this machine. Next, pick the models it has (or pull one) — the Doctor checks everything.'), ACTIONS.selectModel, ACTIONS.doctor).then(follow);
    return picked;
  }
  const entry = providerEntry(provider);
  let baseUrl = entry.defaultBaseUrl;
  if (askBaseUrl) {
    const typed = await vscode.window.showInputBox({
      title: vscode.l10n.t('Fathom: OpenAI-compatible server'),
      prompt: vscode.l10n.t('The server’s base URL, up to /v1 (LM Studio, llama.cpp server, vLLM, LocalAI, OpenRouter, …)'),
      value: 'http://127.0.0.1:1234/v1',
      validateInput: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : vscode.l10n.t('Enter an http:// or https:// URL')),
    });
    if (!typed) return undefined;
    baseUrl = typed.trim().replace(/\/+$/, '');
  }
  await writeSetting(entry.baseUrlSetting, baseUrl);
  await useProviderServer();
  await writeSetting('completion.provider', provider);
  await writeSetting('chat.provider', provider);
  if (models) {
    await writeSetting('completion.model', models.completion);
    await writeSetting('chat.model', models.chat);
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: using {0}. Next, set the API key (if the server needs one) and pick the models.', askBaseUrl ? baseUrl : entry.displayName), ACTIONS.apiKey, ACTIONS.selectModel).then(follow);
  return picked;
}

/** The walkthrough puts both roles on the chosen server: a role's own server (a hybrid setup) would override it. */
async function useProviderServer(): Promise<void> {
  for (const key of ['completion.baseUrl', 'chat.baseUrl']) await writeSetting(key, undefined);
}

/** An untitled TypeScript file with the cursor where a completion makes sense. */
export async function openSample(): Promise<vscode.TextEditor> {
  const text = [
    '// Fathom sample: put the cursor at the end of a line, pause, and press Tab to accept the grey suggestion.',
    '// Alt+\\ asks for one at once. Select a function and right-click › Fathom › Explain to try the commands.',
    '',
    'interface Order {',
    '  id: string;',
    '  items: { price: number; quantity: number }[];',
    '}',
    '',
    '/** The total price of an order. */',
    'export function orderTotal(order: Order): number {',
    '  ',
  ].join('\n');
  const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: `${text}\n}\n` });
  const editor = await vscode.window.showTextDocument(document);
  const end = document.lineAt(10).range.end;
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

export function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}

const isChoice = (v: unknown): v is BackendChoice => typeof v === 'string' && Object.hasOwn(CHOICES, v);

async function pickChoice(): Promise<BackendChoice | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Ollama', description: vscode.l10n.t('on this machine — private, free, the default'), choice: 'ollama' as const },
      { label: 'OpenAI', description: vscode.l10n.t('api.openai.com with your API key'), choice: 'openai' as const },
      { label: vscode.l10n.t('Another OpenAI-compatible server'), description: 'LM Studio, llama.cpp, vLLM, LocalAI, OpenRouter, …', choice: 'compatible' as const },
    ],
    { title: vscode.l10n.t('Fathom: choose a backend') },
  );
  return picked?.choice;
}

const ACTIONS = {
  get selectModel() {
    return vscode.l10n.t('Select Model');
  },
  get doctor() {
    return vscode.l10n.t('Open Doctor');
  },
  get apiKey() {
    return vscode.l10n.t('Set API Key');
  },
};

function follow(action: string | undefined): void {
  if (action === ACTIONS.selectModel) void vscode.commands.executeCommand('fathom.selectModel');
  else if (action === ACTIONS.doctor) void vscode.commands.executeCommand('fathom.doctor');
  else if (action === ACTIONS.apiKey) void vscode.commands.executeCommand('fathom.setApiKey');
}
