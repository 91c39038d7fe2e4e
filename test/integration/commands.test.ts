import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fathom, setSetting, useFakeServer, waitFor, waitForPage } from './helpers';

/** Every command and its title in the command palette. */
const COMMANDS: Record<string, string> = {
  'fathom.triggerCompletion': 'Fathom: Trigger Completion',
  'fathom.toggleCompletions': 'Fathom: Toggle Completions',
  'fathom.setApiKey': 'Fathom: Set API Key',
  'fathom.showLog': 'Fathom: Show Log',
  'fathom.openSettings': 'Fathom: Open Settings',
  'fathom.showMenu': 'Fathom: Show Menu',
  'fathom.selectModel': 'Fathom: Select Model',
  'fathom.pullModel': 'Fathom: Pull Model',
  'fathom.doctor': 'Fathom: Doctor',
  'fathom.nextEdit.jumpOrAccept': 'Fathom: Jump to or Accept Next Edit',
  'fathom.nextEdit.dismiss': 'Fathom: Dismiss Next Edit',
  'fathom.writeCommitMessage': 'Fathom: Write Commit Message',
};

describe('commands', () => {
  const fake = useFakeServer();

  before(() => fathom());

  it('registers every command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(Object.keys(COMMANDS).filter((id) => !registered.has(id)), []);
  });

  it('shows each command in the palette under its title', () => {
    const contributed: { command: string; title: string; category?: string }[] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands;
    const titles = Object.fromEntries(contributed.map((c) => [c.command, c.category ? `${c.category}: ${c.title}` : c.title]));
    for (const [id, title] of Object.entries(COMMANDS)) assert.equal(titles[id], title, `title of ${id}`);
  });

  it('Toggle Completions turns completions off, then on again', async () => {
    const api = await fathom();
    await setSetting('completion.enabled', true);
    await vscode.commands.executeCommand('fathom.toggleCompletions');
    await waitFor('the status to read disabled', () => api.status().state === 'disabled');
    assert.equal(vscode.workspace.getConfiguration('fathom').get('completion.enabled'), false);
    await vscode.commands.executeCommand('fathom.toggleCompletions');
    await waitFor('the status to leave disabled', () => api.status().state !== 'disabled');
    assert.equal(vscode.workspace.getConfiguration('fathom').get('completion.enabled'), true);
  });

  it('Doctor asks the configured server and shows its report in the Doctor panel', async () => {
    const api = await fathom();
    const report = await vscode.commands.executeCommand<string>('fathom.doctor');
    assert.ok(fake.server.requests.length > 0, 'the doctor sent requests to the fake server');
    assert.ok(report.includes(fake.server.url.replace(/\/+$/, '')), `the report names the server ${fake.server.url}:\n${report}`);
    const shown = await waitForPage('the panel to show the report', () => api.doctor().current().ready && api.doctor().current().view, () => ({ ...api.doctor().current(), view: undefined }));
    assert.equal(shown.text, report);
    assert.deepEqual(shown.roles.map((r) => r.role), ['completion', 'chat', 'nextEdit']);
    // No next-edit model in the tests' settings: the Doctor says how to switch it on, with a button to the setting.
    assert.match(report, /Next edit suggestions: off — set fathom\.nextEdit\.model/);
    assert.equal(shown.roles[2].notes[0]?.fix?.action, 'openNextEditSetting');
    // This window is a browser on a VS Code server on this very computer (remoteName "127.0.0.1:<port>"): no remote card.
    assert.match(vscode.env.remoteName ?? '', /^127\.0\.0\.1:\d+$/);
    assert.doesNotMatch(report, /Remote window/, 'a VS Code server on this computer is not a remote machine');
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('fathom.doctor'));
    assert.ok(tab, 'a Doctor tab is open');
    assert.equal(tab.label, 'Fathom Doctor');
  });

  it('Show Log reveals the Fathom log', async () => {
    await vscode.commands.executeCommand('fathom.showLog');
    // An output channel that is shown is backed by an `output:` document named after the extension.
    await waitFor('the Fathom output channel to be shown', () =>
      vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'output' && d.uri.path.includes(EXTENSION_ID)),
    );
  });
});
