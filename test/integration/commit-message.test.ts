/**
 * Fathom: Write Commit Message in the real extension host (`npm run test:git`: the built-in Git extension on), on a
 * real repository the suite creates (with the `git` of the machine) in a folder of its own in the workspace, against the fake
 * server: the model's message lands in the repository's input box; files the ignore rules cover (.fathomignore
 * and the built-in defaults) and secrets never reach the server; nothing staged, no repository, a server that
 * is down and Cancel each end as the user is told.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import type { GitApi, GitRepository } from '../../src/vscode/git';
import { closedPortUrl } from '../harness/ports';
import { EXTENSION_ID, fathom, setSetting, suiteFolder, useFakeServer, waitFor } from './helpers';

const run = promisify(execFile);
const SUITE = 'commit-message-suite';
const TOKEN = 'ghp_Q7mZ2xK9vR4tL8nB3cW6pY1dF5gH0jS2aE7u';
const PRIVATE_MARK = 'marginTableForPartnersOnly';
const ENV_MARK = 'hunter2CommitSecret';
const ID = 'fathom.writeCommitMessage';

async function git(cwd: vscode.Uri, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'user.name=Fathom Test', '-c', 'user.email=test@fathom.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: cwd.fsPath });
  return stdout;
}

/** The Git extension's API once it is on. */
async function gitApi(): Promise<GitApi> {
  const extension = await waitFor('the Git extension', () => vscode.extensions.getExtension<{ enabled: boolean; getAPI(v: 1): GitApi }>('vscode.git'));
  const exports = extension.isActive ? extension.exports : await extension.activate();
  await waitFor('Git to be enabled', () => exports.enabled, { timeoutMs: 20_000 });
  return exports.getAPI(1);
}

/** The Git extension is on only in `npm run test:git` (run-integration.mjs --git): once on, it cannot be turned off again. */
const GIT = process.env.FATHOM_TEST_GIT === '1';

(GIT ? describe : describe.skip)('commit message (Source Control)', function () {
  this.timeout(60_000);
  const fake = useFakeServer();
  const folder = suiteFolder(SUITE);
  const root = () => folder.uri('');
  let api: FathomApi;
  let repository: GitRepository;
  const workspace = () => vscode.workspace.workspaceFolders![0].uri;
  const fathomignore = () => vscode.Uri.joinPath(workspace(), '.fathomignore');

  before(async function () {
    try {
      await run('git', ['--version']);
    } catch {
      // No git on this machine: nothing to test against. CI installs it (scripts/vscode-test-env), so there it is a failure.
      if (process.env.CI) throw new Error('git is not installed: the commit message suite needs it (scripts/vscode-test-env installs it)');
      this.skip();
    }
    api = await fathom();
    const gitApiNow = await gitApi();
    await folder.write('src/shop.ts', 'export function total(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0);\n}\n');
    await folder.write('README.md', '# Shop\n');
    await git(root(), 'init', '-q');
    await git(root(), 'add', '-A');
    await git(root(), 'commit', '-q', '-m', 'Initial commit');
    const opened = await gitApiNow.openRepository!(root());
    assert.ok(opened, 'the Git extension opened the suite repository');
    repository = opened;
    // A folder the workspace's .fathomignore lists: its files' content is never sent.
    await vscode.workspace.fs.writeFile(fathomignore(), new TextEncoder().encode(`${SUITE}/internal/\n`));
    await folder.write('internal/pricing.ts', 'export const marginTableForPartnersOnly = [0.4273, 0.3811];\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(folder.uri('internal/pricing.ts')));
    await setSetting('completion.enabled', true);
    await waitFor('the ignore rules to cover internal/', () => api.status().state === 'disabled' && /ignore rules/.test(api.status().tooltip), { timeoutMs: 15_000 });
  });

  afterEach(async () => {
    if (repository) repository.inputBox.value = '';
  });

  after(async () => {
    if (repository) {
      const api = await gitApi();
      await vscode.commands.executeCommand('git.close', repository.rootUri);
      await waitFor('the Git extension to close the suite repository', () => !api.repositories.some((r) => r.rootUri.toString() === repository.rootUri.toString()));
    }
    await vscode.workspace.fs.delete(fathomignore()).then(undefined, () => undefined);
    // The repository stays until the extension host exits: the Git extension (and extensions built on it) may still
    // run git in a repository it has seen, even closed, seconds later; in a removed folder that fails with an
    // unhandled rejection (ENOENT) in this extension host. Its four small files do not matter to the later suites.
    const path = root().fsPath;
    process.once('exit', () => rmSync(path, { recursive: true, force: true }));
  });

  it('has a button in the Source Control title bar for Git repositories, with an icon', () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes;
    const entry = contributes.menus['scm/title'].find((m: { command: string }) => m.command === ID);
    assert.equal(entry?.when, 'scmProvider == git');
    assert.ok(contributes.commands.find((c: { command: string; icon?: string }) => c.command === ID)?.icon, 'the command has an icon');
  });

  it('writes the model\'s message for the staged changes into the input box; ignored files and secrets are not sent', async () => {
    await folder.write('src/shop.ts', `const TOKEN = '${TOKEN}';\n\nexport function total(items: number[]): number {\n  const sum = items.reduce((a, b) => a + b, 0);\n  return sum > 100 ? sum * 0.9 : sum;\n}\n`);
    await folder.write('.env', `DATABASE_PASSWORD=${ENV_MARK}\n`);
    await folder.write('internal/pricing.ts', `export const ${PRIVATE_MARK} = [0.4273, 0.3811, 0.2];\n`);
    await folder.write('README.md', '# Shop\n\nNot staged: this line stays out of the message.\n');
    await git(root(), 'add', 'src/shop.ts', '.env', 'internal/pricing.ts');
    fake.server.reply(() => ({ text: 'Here is the commit message:\n\n```\nfeat(shop): give 10% off orders over 100\n\nLarge orders get a discount.\n```' }));

    const outcome = await vscode.commands.executeCommand(ID, { rootUri: root() });

    assert.equal(outcome, 'written');
    assert.equal(repository.inputBox.value, 'feat(shop): give 10% off orders over 100\n\nLarge orders get a discount.');
    const chats = fake.server.requests.filter((r) => r.endpoint === 'ollama.chat');
    assert.equal(chats.length, 1);
    const sent = chats[0].rawBody;
    assert.ok(sent.includes('sum > 100 ? sum * 0.9 : sum'), 'the staged diff was sent');
    assert.ok(sent.includes('Conventional Commits'), 'in the configured style');
    assert.ok(!sent.includes('Not staged'), 'only the staged changes');
    assert.ok(sent.includes('internal/pricing.ts') && sent.includes('content not shown'), 'the ignored file is named as changed');
    for (const secret of [PRIVATE_MARK, '0.4273', ENV_MARK, TOKEN]) assert.ok(!fake.server.requests.some((r) => r.rawBody.includes(secret)), `${secret} never reached the server`);
    assert.match(sent, /«secret:[^»]+»/, 'the token went out as a placeholder');
    await git(root(), 'commit', '-q', '-m', 'staged by the test');
  });

  it('uses the plain style and the language set for commit messages', async () => {
    await setSetting('commitMessage.style', 'plain');
    await setSetting('commitMessage.language', 'German');
    await folder.write('src/shop.ts', 'export function total(items: number[]): number {\n  return items.length;\n}\n');
    await git(root(), 'add', 'src/shop.ts');
    fake.server.reply(() => ({ text: '"Zählt die Artikel statt sie zu summieren"' }));
    assert.equal(await vscode.commands.executeCommand(ID, { rootUri: root() }), 'written');
    assert.equal(repository.inputBox.value, 'Zählt die Artikel statt sie zu summieren');
    const sent = fake.server.requests.find((r) => r.endpoint === 'ollama.chat')!.rawBody;
    assert.ok(sent.includes('Write the message in German.'));
    assert.ok(!sent.includes('Conventional Commits'));
    await git(root(), 'commit', '-q', '-m', 'staged by the test');
  });

  it('nothing staged: says so, sends nothing, and can describe the unstaged changes instead', async () => {
    await folder.write('src/shop.ts', 'export function total(items: number[]): number {\n  return items.length * 2;\n}\n');
    repository.inputBox.value = 'typed by the user';
    assert.equal(await vscode.commands.executeCommand(ID, { rootUri: root() }), 'nothing-staged');
    assert.equal(fake.server.requests.filter((r) => r.endpoint === 'ollama.chat').length, 0);
    assert.equal(repository.inputBox.value, 'typed by the user');
    // The notification's button runs the command again on the unstaged changes.
    fake.server.reply(() => ({ text: 'fix(shop): double the item count' }));
    assert.equal(await vscode.commands.executeCommand(ID, { rootUri: root(), unstaged: true }), 'written');
    assert.equal(repository.inputBox.value, 'fix(shop): double the item count');
    const sent = fake.server.requests.find((r) => r.endpoint === 'ollama.chat')!.rawBody;
    assert.ok(sent.includes('items.length * 2') && sent.includes('nothing is staged'));
    await git(root(), 'checkout', '--', 'src/shop.ts');
  });

  it('without a repository, says so and sends nothing', async () => {
    // Beside the suite's repository in the workspace, which is no repository.
    const notRepo = vscode.Uri.joinPath(workspace(), 'commit-message-no-repo');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(notRepo, 'a.txt'), new TextEncoder().encode('x\n'));
    try {
      assert.equal(await vscode.commands.executeCommand(ID, { rootUri: notRepo }), 'no-repository');
      assert.equal(fake.server.requests.length, 0);
    } finally {
      await vscode.workspace.fs.delete(notRepo, { recursive: true, useTrash: false });
    }
  });

  it('"/commit" in the chat writes the message into the input box and says so in the chat', async () => {
    await folder.write('src/shop.ts', 'export function total(items: number[]): number {\n  return items.length + 1;\n}\n');
    await git(root(), 'add', 'src/shop.ts');
    await api.chat.session.newChat();
    fake.server.reply(() => ({ text: 'fix(shop): count one more item' }));
    await api.chat.view.receive({ type: 'send', text: '/commit' });
    assert.equal(repository.inputBox.value, 'fix(shop): count one more item');
    const sent = fake.server.requests.find((r) => r.endpoint === 'ollama.chat')!.rawBody;
    assert.ok(sent.includes('items.length + 1') && sent.includes('staged changes'), 'the commit prompt, not a chat question');
    assert.equal(api.chat.session.state().conversation.turns.length, 0, 'nothing asked in the chat');
    assert.match(api.chat.session.state().notice ?? '', /commit message/);
    await git(root(), 'commit', '-q', '-m', 'staged by the test');
  });

  it('a server that is down: the error says so with its buttons, and the input box is unchanged', async () => {
    await folder.write('src/shop.ts', 'export function total(items: number[]): number {\n  return 0;\n}\n');
    await git(root(), 'add', 'src/shop.ts');
    repository.inputBox.value = 'typed by the user';
    const shown = api.commands.shownErrors().length;
    await setSetting('requestTimeoutMs', 10_000);
    await setSetting('ollama.baseUrl', await closedPortUrl());
    assert.equal(await vscode.commands.executeCommand(ID, { rootUri: root() }), 'failed');
    const error = await waitFor('an error notification', () => api.commands.shownErrors()[shown]);
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, /^Fathom: Write Commit Message failed\. .*not reachable/);
    assert.ok(error.actions.some((a) => a.label === 'Open Doctor'));
    assert.equal(repository.inputBox.value, 'typed by the user');
    await setSetting('ollama.baseUrl', fake.server.url);
  });

  it('Cancel stops the request and leaves the input box alone', async () => {
    await folder.write('src/shop.ts', 'export function total(items: number[]): number {\n  return -1;\n}\n');
    await git(root(), 'add', 'src/shop.ts');
    repository.inputBox.value = 'typed by the user';
    fake.server.reply(() => ({ text: 'feat: never finished ', endless: true }));
    const outcome = vscode.commands.executeCommand(ID, { rootUri: root() });
    await fake.server.waitFor((rs) => rs.some((r) => r.endpoint === 'ollama.chat'), 10_000, 'the request to start');
    await waitFor('the command to be cancelled', () => api.commands.cancelAll() > 0);
    assert.equal(await outcome, 'cancelled');
    await waitFor('the stream to be closed by the client', () => fake.server.requests.find((r) => r.endpoint === 'ollama.chat')!.closedByClient);
    assert.equal(repository.inputBox.value, 'typed by the user');
  });
});
