/**
 * Restricted Mode in the real extension host: a repository's `.vscode/settings.json` points Fathom's servers at
 * a second fake server and sets its own completion template, answer language and (trying) local-only mode off;
 * its `.fathom/prompts/` replaces the Explain and chat prompts. While the workspace is untrusted, none of that
 * may apply: the second server gets 0 requests while the user's server answers completions, Explain, chat,
 * the model list and the Doctor, and the prompts are the shipped ones (with a one-time note). Once the user
 * trusts the workspace (through the UI: the runner clicks Trust when asked), the workspace's values apply —
 * except local-only mode, which only the user's settings decide.
 *
 * Runs only in `npm run test:restricted` (scripts/run-integration.mjs --restricted: workspace trust on, the
 * workspace untrusted); the ordinary run skips it. Writes test-results/restricted-mode.json, which
 * `npm run test:security` prints as figure 12.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BenchRow } from '../../bench/report';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fake-server';
import { fathom, openWithCursor, setSetting, triggerAndAccept, waitFor, CURSOR } from './helpers';

const RESTRICTED = process.env.FATHOM_TEST_RESTRICTED === '1';

const MARK = {
  template: 'zebra_workspace_template',
  answerLanguage: 'zebra_workspace_language',
  explainPrompt: 'zebra_workspace_explain_prompt',
  chatPrompt: 'zebra_workspace_chat_prompt',
};
/** A setting nothing restricts, in the same file: once it reads back, VS Code has read the file. */
const SENTINEL = 0.77;

const GENERATION = new Set(['ollama.generate', 'ollama.chat']);
const textOf = (r: RecordedRequest) => r.rawBody;

describe('Restricted Mode: an untrusted workspace cannot move code to its server or rewrite the prompts', function () {
  this.timeout(120_000);
  let user: FakeServer;
  let workspace: FakeServer;
  const rows: BenchRow[] = [];
  const details: Record<string, unknown> = {};
  let folder: vscode.Uri;

  const write = (rel: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, rel), new TextEncoder().encode(text));

  before(async function () {
    if (!RESTRICTED) this.skip(); // the ordinary run: start it with npm run test:restricted
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'a workspace folder');
    folder = root;
    user = await startFakeServer();
    workspace = await startFakeServer();
    await fathom();
    await setSetting('ollama.baseUrl', user.url, { restore: false });
    await setSetting('localOnly', true, { restore: false });
    await write(
      '.vscode/settings.json',
      JSON.stringify(
        {
          'fathom.ollama.baseUrl': workspace.url,
          'fathom.openai.baseUrl': `${workspace.url}/v1`,
          // A server per role: just as restricted as the providers' URLs.
          'fathom.completion.baseUrl': workspace.url,
          'fathom.chat.baseUrl': workspace.url,
          'fathom.completion.template': `<|fim_prefix|>${MARK.template} {prefix}<|fim_suffix|>{suffix}<|fim_middle|>`,
          'fathom.answerLanguage': MARK.answerLanguage,
          'fathom.localOnly': false,
          'fathom.chat.temperature': SENTINEL,
        },
        null,
        2,
      ),
    );
    await write('.fathom/prompts/explain.md', `## system\n${MARK.explainPrompt} Answer in {{answerLanguage}}.\n\n## user\nExplain {{code}}\n`);
    await write('.fathom/prompts/chat.md', `## system\n${MARK.chatPrompt}\n\n## user\n{{code}}\n`);
    await waitFor('VS Code to read the workspace settings', () => vscode.workspace.getConfiguration('fathom').get('chat.temperature') === SENTINEL, { timeoutMs: 20_000 });
  });

  after(async function () {
    if (!RESTRICTED) return;
    for (const rel of ['.vscode/settings.json', '.fathom']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, rel), { recursive: true }).then(undefined, () => {});
    await setSetting('ollama.baseUrl', undefined, { restore: false });
    await setSetting('localOnly', undefined, { restore: false });
    await user.close();
    await workspace.close();
    const file = process.env.FATHOM_RESTRICTED_RESULT;
    if (file) writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), vscodeVersion: vscode.version, rows, details }, null, 2)}\n`);
  });

  /** Completion, Explain, chat and the Doctor, once each; the requests that carried them, wherever they went. */
  async function everyRole(): Promise<{ explain: RecordedRequest | undefined; chat: RecordedRequest | undefined; completion: RecordedRequest | undefined }> {
    const api = await fathom();
    user.reset();
    workspace.reset();
    // The first request to `endpoint` made while `run` ran (the editor may ask for another completion meanwhile).
    const during = async (endpoint: string, run: () => Promise<unknown>) => {
      const before = new Set([...user.requests, ...workspace.requests]);
      await run();
      return [...user.requests, ...workspace.requests].find((r) => !before.has(r) && r.endpoint === endpoint);
    };
    const editor = await openWithCursor(`export function add(a: number, b: number): number {\n  return ${CURSOR}\n}\n`);
    const completion = await during('ollama.generate', () => triggerAndAccept(editor));
    const explain = await during('ollama.chat', () => Promise.resolve(vscode.commands.executeCommand('fathom.explain')));
    const chat = await during('ollama.chat', () => api.chat.session.send('What does add do?'));
    // The Doctor asks for the version, the model list and model info, and runs a short generation per role.
    await vscode.commands.executeCommand('fathom.doctor');
    return { completion, explain, chat };
  }

  it('the workspace is untrusted, and Fathom runs in it (limited support)', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the run must start untrusted (npm run test:restricted)');
    assert.ok(vscode.extensions.getExtension('fathom.fathom')?.isActive);
  });

  it('untrusted: the workspace server receives nothing; the user server answers every role; the workspace template, answer language and prompt files are not used', async () => {
    const api = await fathom();
    const sent = await everyRole();
    const atWorkspace = workspace.requests.length;
    const atUser = user.requests.length;
    const leaked = user.requests.filter((r) => GENERATION.has(r.endpoint) && Object.values(MARK).some((m) => textOf(r).includes(m))).length;
    const ignored = api.commands.ignoredPromptFiles();
    // What VS Code itself answers for a restricted setting the workspace sets (restrictedConfigurations).
    const inspected = vscode.workspace.getConfiguration('fathom').inspect('ollama.baseUrl');
    details.vscodeUntrusted = { get: vscode.workspace.getConfiguration('fathom').get('ollama.baseUrl'), globalValue: inspected?.globalValue, workspaceValue: inspected?.workspaceValue ?? null };
    details.untrusted = { atUser: user.requests.map((r) => r.endpoint), atWorkspace: workspace.requests.map((r) => r.endpoint), ignoredPromptFiles: ignored };
    rows.push(
      { metric: 'untrusted: requests reaching the workspace\'s server (completion, Explain, chat, Doctor)', value: atWorkspace, unit: '', target: '= 0', pass: atWorkspace === 0 },
      { metric: 'untrusted: requests answered by the user\'s server', value: atUser, unit: '', target: '> 0', pass: atUser > 0 },
      { metric: 'untrusted: requests carrying the workspace\'s template, answer language or prompt files', value: leaked, unit: '', target: '= 0', pass: leaked === 0 },
      { metric: 'untrusted: workspace prompt files noted as not used (once each)', value: ignored.length, unit: ' / 2', target: '= 2', pass: ignored.length === 2 },
    );
    assert.equal(atWorkspace, 0, `the workspace server received: ${workspace.requests.map((r) => r.endpoint).join(', ')}`);
    assert.ok(sent.completion && sent.explain && sent.chat, 'the completion, Explain and chat requests reached the user server');
    assert.equal(leaked, 0);
    assert.deepEqual([...ignored].sort(), ['.fathom/prompts/chat.md', '.fathom/prompts/explain.md']);
    assert.equal(api.answerPanel().current().view.promptFile, undefined, 'the panel names no workspace prompt file');
    assert.equal(vscode.workspace.getConfiguration('fathom').get('localOnly'), true, 'the workspace cannot turn local-only mode off');
  });

  it('trusting the workspace (through the UI) applies its server, template and prompt files; local-only mode stays the user\'s', async () => {
    const api = await fathom();
    const request = process.env.FATHOM_TRUST_REQUEST;
    assert.ok(request, 'the runner watches FATHOM_TRUST_REQUEST');
    writeFileSync(request, 'trust the workspace, please\n');
    await waitFor('the user to trust the workspace', () => vscode.workspace.isTrusted, { timeoutMs: 60_000 });
    await waitFor('the workspace server setting to apply', () => vscode.workspace.getConfiguration('fathom').get('ollama.baseUrl') === workspace.url, { timeoutMs: 20_000 });
    const sent = await everyRole();
    const atWorkspace = workspace.requests.length;
    const atUser = user.requests.length;
    details.trusted = { atUser: user.requests.map((r) => r.endpoint), atWorkspace: workspace.requests.map((r) => r.endpoint), chatNotice: api.chat.session.state().notice };
    const promptFile = api.answerPanel().current().view.promptFile;
    rows.push(
      { metric: 'trusted: requests reaching the workspace\'s server', value: atWorkspace, unit: '', target: '> 0', pass: atWorkspace > 0 },
      { metric: 'trusted: requests reaching the user\'s server', value: atUser, unit: '', target: '= 0', pass: atUser === 0 },
      { metric: 'trusted: Explain used .fathom/prompts/explain.md and the panel says so', value: promptFile === '.fathom/prompts/explain.md' && !!sent.explain?.rawBody.includes(MARK.explainPrompt) ? 1 : 0, unit: '', target: '= 1', pass: promptFile === '.fathom/prompts/explain.md' },
      { metric: 'trusted: local-only mode still the user\'s (workspace false ignored)', value: vscode.workspace.getConfiguration('fathom').get('localOnly') === true ? 1 : 0, unit: '', target: '= 1', pass: vscode.workspace.getConfiguration('fathom').get('localOnly') === true },
    );
    assert.equal(atUser, 0, `the user server received: ${user.requests.map((r) => r.endpoint).join(', ')}`);
    assert.ok(sent.completion?.rawBody.includes(MARK.template), 'the workspace template applies');
    assert.ok(sent.explain?.rawBody.includes(MARK.explainPrompt), 'the workspace Explain prompt applies');
    assert.ok(sent.explain?.rawBody.includes(MARK.answerLanguage), 'the workspace answer language applies');
    assert.ok(sent.chat?.rawBody.includes(MARK.chatPrompt), 'the workspace chat prompt applies');
    assert.equal(promptFile, '.fathom/prompts/explain.md');
    assert.equal(api.chat.session.state().notice, "Using the workspace prompt file .fathom/prompts/chat.md as the chat's system prompt.");
    assert.equal(vscode.workspace.getConfiguration('fathom').get('localOnly'), true);
  });
});
