/**
 * The ignore rules in the real editor for every way a file reaches it: an editor on a symbolic link (into an
 * ignored folder, or out of the workspace), a file outside every folder, git's diff view of an ignored file
 * (a `git:` document), and — in a multi-root workspace (`npm run test:multiroot`) — a second folder's own
 * `.fathomignore`, reloaded when it changes. For each: no completion request carries the file, Explain is
 * refused, and the chat attaches nothing; a control shows the same path does send for an ordinary file.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { FathomApi } from '../../src/extension';
import { fathom, setSetting, showAtEnd, useFakeServer, waitFor, writeUri } from './helpers';

const MULTI_ROOT = process.env.FATHOM_TEST_MULTI_ROOT === '1';

/** A function shaped like the code being completed (so the similar-snippet retriever would pick it), carrying `marker`. */
function code(name: string, marker: string): string {
  return `export function ${name}(connection: Connection): string {\n  const settings = loadSettings('${marker}');\n  return connection.query('${marker}', settings);\n}\n`;
}

const ignoredState = (api: FathomApi) => api.status().state === 'disabled' && /ignore rules/.test(api.status().tooltip);

describe('privacy for every path form in the editor', () => {
  const fake = useFakeServer();
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  let outside: string;

  before(() => {
    outside = mkdtempSync(join(tmpdir(), 'fathom-it-outside-'));
  });
  after(() => rmSync(outside, { recursive: true, force: true }));
  beforeEach(async () => {
    const api = await fathom();
    await api.chat.session.stop();
    await api.chat.session.newChat();
  });

  /**
   * With `editor` active: the status bar says it is ignored, ghost text is asked for, Explain runs and the
   * chat is asked to attach it — then an ordinary file is completed, proving the provider was live. Nothing
   * carrying `marker` may have been sent, and no command request at all.
   */
  async function assertRefusedEverywhere(api: FathomApi, editor: vscode.TextEditor, marker: string): Promise<void> {
    assert.ok(editor.document.getText().includes(marker), 'the document shows the ignored file\'s text');
    await waitFor(`the status bar to say ${editor.document.uri.toString()} is ignored`, () => ignoredState(api), { timeoutMs: 15_000 });
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await vscode.commands.executeCommand('fathom.explain');
    await vscode.commands.executeCommand('fathom.askAboutSelection');
    assert.equal(api.chat.session.state().pending.length, 0, 'nothing was attached to the chat');
    fake.server.reply(() => ({ text: 'b;' }));
    const ordinary = await showAtEnd(await writeUri(vscode.Uri.joinPath(folder(), 'src', `ordinary-${Date.now()}.ts`), 'const a = 1;\nconst c = a + '));
    await waitFor('the status bar to leave the ignored state', () => !ignoredState(api));
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await fake.server.waitFor((rs) => rs.some((r) => r.endpoint === 'ollama.generate' && r.rawBody.includes('const c = a')), 10_000, `a completion request for ${ordinary.document.uri.path}`);
    assert.ok(fake.server.requests.every((r) => !r.rawBody.includes(marker)), `nothing carrying ${marker} was sent`);
    assert.equal(fake.server.requests.filter((r) => r.endpoint === 'ollama.chat').length, 0, 'Explain was refused');
  }

  it('an editor on a link into an ignored folder is judged by its target', async () => {
    const api = await fathom();
    await setSetting('completion.enabled', true);
    const marker = 'zebra_it_link_into_secrets';
    await writeUri(vscode.Uri.joinPath(folder(), 'secrets', 'linked-db.ts'), code('dbPassword', marker));
    const link = join(folder().fsPath, 'src', 'linked-db.ts');
    mkdirSync(dirname(link), { recursive: true });
    rmSync(link, { force: true });
    symlinkSync('../secrets/linked-db.ts', link);
    await assertRefusedEverywhere(api, await showAtEnd(vscode.Uri.file(link)), marker);
  });

  it('an editor on a link out of the workspace is refused, whatever the target is called', async () => {
    const api = await fathom();
    await setSetting('completion.enabled', true);
    const marker = 'zebra_it_link_out';
    const target = join(outside, 'notes.ts');
    writeFileSync(target, code('notes', marker));
    const link = join(folder().fsPath, 'src', 'outside-notes.ts');
    rmSync(link, { force: true });
    symlinkSync(target, link);
    await assertRefusedEverywhere(api, await showAtEnd(vscode.Uri.file(link)), marker);
  });

  it('a file outside every folder is judged by the defaults on its whole path', async () => {
    const api = await fathom();
    await setSetting('completion.enabled', true);
    const marker = 'zebra_it_outside_secrets';
    mkdirSync(join(outside, 'secrets'), { recursive: true });
    writeFileSync(join(outside, 'secrets', 'plan.ts'), code('plan', marker));
    await assertRefusedEverywhere(api, await showAtEnd(vscode.Uri.file(join(outside, 'secrets', 'plan.ts'))), marker);
  });

  describe('git: documents (the diff view of a file)', () => {
    const texts = new Map<string, string>();
    let provider: vscode.Disposable;
    // The fixture's settings turn the git extension off: this provider serves git: documents as it would.
    before(() => (provider = vscode.workspace.registerTextDocumentContentProvider('git', { provideTextDocumentContent: (uri) => texts.get(uri.toString()) })));
    after(() => provider.dispose());

    /** Git's URI for a file at a ref: the path (with `.git` added for the diff's left side) and a JSON query. */
    function gitUri(file: vscode.Uri, text: string, suffix = ''): vscode.Uri {
      const uri = file.with({ scheme: 'git', path: file.path + suffix, query: JSON.stringify({ path: file.fsPath, ref: 'HEAD' }) });
      texts.set(uri.toString(), text);
      return uri;
    }

    it('the diff view of an ignored file is refused (its path with .git added, the file in the query)', async () => {
      const api = await fathom();
      const marker = 'zebra_it_git_dotenv';
      const env = vscode.Uri.joinPath(folder(), '.env.production');
      await assertRefusedEverywhere(api, await showAtEnd(gitUri(env, `DATABASE_URL=${marker}\n`, '.git')), marker);
    });

    it('control: Explain does run on the diff view of an ordinary file', async () => {
      const api = await fathom();
      fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'It returns one.' } : undefined));
      const editor = await showAtEnd(gitUri(vscode.Uri.joinPath(folder(), 'src', 'shown.ts'), 'export function shown(): number {\n  return 1;\n}\n'));
      editor.selection = new vscode.Selection(0, 0, 3, 0);
      await waitFor('the status bar to treat the git: document as allowed', () => !ignoredState(api));
      await vscode.commands.executeCommand('fathom.explain');
      const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 10_000, 'the Explain request');
      assert.ok(request.rawBody.includes('function shown'));
    });
  });
});

describe('privacy in a multi-root workspace (multi-root)', () => {
  before(function () {
    if (!MULTI_ROOT) this.skip(); // a single-folder run: `npm run test:multiroot` opens two folders
  });
  const fake = useFakeServer();

  it('applies the second folder\'s .fathomignore to its files only, and reloads it when it changes', async () => {
    const api = await fathom();
    await setSetting('completion.enabled', true);
    const [first, second] = vscode.workspace.workspaceFolders!.map((f) => f.uri);
    assert.ok(second, 'the run opened two folders');
    const marker = 'zebra_it_second_folder';
    await writeUri(vscode.Uri.joinPath(second, '.fathomignore'), 'internal/\n');
    const plan = await writeUri(vscode.Uri.joinPath(second, 'internal', 'plan.ts'), code('plan', marker));
    await writeUri(vscode.Uri.joinPath(first, 'internal', 'plan.ts'), code('plan', 'zebra_it_first_folder'));

    await showAtEnd(plan);
    await waitFor('the second folder\'s internal/plan.ts to be ignored', () => ignoredState(api), { timeoutMs: 15_000 });
    await vscode.commands.executeCommand('fathom.explain');
    await vscode.commands.executeCommand('fathom.askAboutSelection');
    assert.equal(api.chat.session.state().pending.length, 0, 'nothing was attached');

    // Open beside a file being completed, the ignored document is no similar snippet either.
    fake.server.reply(() => ({ text: "'x');" }));
    const use = await showAtEnd(await writeUri(vscode.Uri.joinPath(second, 'src', 'use.ts'), "export function run(connection: Connection): string {\n  const settings = loadSettings('run');\n  return connection.query("));
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await fake.server.waitFor((rs) => rs.some((r) => r.endpoint === 'ollama.generate'), 10_000, `a completion request for ${use.document.uri.path}`);
    assert.ok(fake.server.requests.every((r) => !r.rawBody.includes(marker)), 'nothing of the ignored file was sent');
    assert.equal(fake.server.requests.filter((r) => r.endpoint === 'ollama.chat').length, 0, 'Explain was refused');

    await showAtEnd(vscode.Uri.joinPath(first, 'internal', 'plan.ts'));
    await waitFor('the first folder\'s internal/plan.ts to be allowed (its folder has no such rule)', () => !ignoredState(api));

    await writeUri(vscode.Uri.joinPath(second, '.fathomignore'), '# nothing\n');
    await showAtEnd(plan);
    await waitFor('the second folder\'s file to be allowed once its .fathomignore no longer lists it', () => api.status().state !== 'disabled', { timeoutMs: 15_000 });
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(second, '.fathomignore'));
  });
});
