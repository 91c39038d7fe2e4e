/**
 * A multi-root workspace (`npm run test:multiroot` opens the fixture copy and an empty `second` folder): each
 * file's context comes from its own folder (an import from the second folder is read there, not from the first
 * folder's file of the same path), under its own folder's ignore rules, and a command's workspace prompt file
 * is the target folder's `.fathom/prompts/`. Paths in prompts start with the folder's name.
 * Each test writes only under an `mr-it/` folder it creates in both folders (and the second folder's
 * `.fathom/`, `.fathomignore`), and removes them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom, setSetting, showAtEnd, useFakeServer, waitFor, writeUri } from './helpers';

const MULTI_ROOT = process.env.FATHOM_TEST_MULTI_ROOT === '1';

const helper = (marker: string) => `export function helper(x: number): number {\n  return x * 2 + '${marker}'.length;\n}\n`;

describe('context, ignore rules and prompt files per folder (multi-root)', () => {
  before(function () {
    if (!MULTI_ROOT) this.skip(); // a single-folder run: `npm run test:multiroot` opens two folders
  });
  const fake = useFakeServer();
  let first: vscode.WorkspaceFolder;
  let second: vscode.WorkspaceFolder;
  const inFirst = (rel: string) => vscode.Uri.joinPath(first.uri, 'mr-it', rel);
  const inSecond = (rel: string) => vscode.Uri.joinPath(second.uri, 'mr-it', rel);

  before(async () => {
    await fathom();
    [first, second] = vscode.workspace.workspaceFolders ?? [];
    assert.ok(first && second, 'the run opened two folders');
    await setSetting('completion.enabled', true);
  });
  after(async () => {
    if (!second) return; // skipped: a single-folder run
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [vscode.Uri.joinPath(first.uri, 'mr-it'), vscode.Uri.joinPath(second.uri, 'mr-it'), vscode.Uri.joinPath(second.uri, '.fathom'), vscode.Uri.joinPath(second.uri, '.fathomignore')]) {
      await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => {});
    }
  });

  /** The body of a completion request for `uri` (the prompt's last `Path:` names the file being completed). */
  async function completionRequestFor(uri: vscode.Uri): Promise<string> {
    const path = vscode.workspace.asRelativePath(uri, true);
    const completing = (body: string) => [...body.matchAll(/Path: ([^\\\n"]+)/g)].pop()?.[1] === path;
    const before = fake.server.requests.length;
    fake.server.reply(() => ({ text: '1);' }));
    await showAtEnd(uri);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const request = await fake.server.waitFor((rs) => rs.slice(before).find((r) => r.endpoint === 'ollama.generate' && completing(r.rawBody)), 10_000, `a completion request for ${path}`);
    return request.rawBody;
  }

  it('an import in the second folder is read from the second folder, and the prompt names the file with its folder', async () => {
    await writeUri(inFirst('util.ts'), helper('zebra_mr_first_util'));
    await writeUri(inSecond('util.ts'), helper('zebra_mr_second_util'));
    const main = await writeUri(inSecond('main.ts'), "import { helper } from './util';\n\nexport function run(n: number): number {\n  return helper(");
    const body = await completionRequestFor(main);
    assert.ok(body.includes('zebra_mr_second_util'), 'the definition came from the second folder\'s util.ts');
    assert.ok(!body.includes('zebra_mr_first_util'), 'nothing from the first folder\'s file of the same path');
    assert.ok(body.includes(`${second.name}/mr-it/main.ts`), 'the file is named with its folder');
  });

  it('an import the second folder\'s .fathomignore covers is not sent (nor the first folder\'s file of the same path)', async () => {
    await writeUri(vscode.Uri.joinPath(second.uri, '.fathomignore'), 'mr-it/private/\n');
    await writeUri(inFirst('private/keys.ts'), helper('zebra_mr_first_private'));
    await writeUri(inSecond('private/keys.ts'), helper('zebra_mr_second_private'));
    const api = await fathom();
    await showAtEnd(inSecond('private/keys.ts'));
    await waitFor('the second folder\'s rule to be loaded', () => api.status().state === 'disabled', { timeoutMs: 15_000 });
    const main = await writeUri(inSecond('uses-keys.ts'), "import { helper } from './private/keys';\n\nexport function run(n: number): number {\n  return helper(");
    const body = await completionRequestFor(main);
    assert.ok(!body.includes('zebra_mr_second_private'), 'the ignored file was not sent');
    assert.ok(!body.includes('zebra_mr_first_private'), 'nor the first folder\'s file of that path');
    // Control: the first folder has no such rule, so the same import there is sent.
    const control = await writeUri(inFirst('uses-keys.ts'), "import { helper } from './private/keys';\n\nexport function run(n: number): number {\n  return helper(");
    assert.ok((await completionRequestFor(control)).includes('zebra_mr_first_private'), 'the first folder\'s own file is context there');
  });

  it('Explain uses the target folder\'s .fathom/prompts/explain.md, and the panel\'s link opens that file', async () => {
    const api = await fathom();
    const mark = 'zebra_mr_second_prompt';
    await writeUri(vscode.Uri.joinPath(second.uri, '.fathom', 'prompts', 'explain.md'), `## system\n${mark}\n\n## user\nExplain {{code}}\n`);
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'It doubles x.' } : undefined));

    const explain = async (uri: vscode.Uri) => {
      const before = fake.server.requests.length;
      const editor = await showAtEnd(uri);
      editor.selection = new vscode.Selection(0, 0, editor.document.lineCount, 0);
      await vscode.commands.executeCommand('fathom.explain');
      const request = await fake.server.waitFor((rs) => rs.slice(before).find((r) => r.endpoint === 'ollama.chat'), 10_000, `the Explain request for ${uri.path}`);
      await waitFor('the panel to show the answer', () => api.answerPanel().current().view.phase === 'done');
      return request.rawBody;
    };
    await writeUri(inSecond('util.ts'), helper('second'));
    await writeUri(inFirst('util.ts'), helper('first'));
    assert.ok((await explain(inSecond('util.ts'))).includes(mark), 'the second folder\'s prompt file was the prompt');
    assert.equal(api.answerPanel().current().view.promptFile, `${second.name}/.fathom/prompts/explain.md`);
    await api.answerPanel().openPromptFile();
    await waitFor('the second folder\'s prompt file to open', () => vscode.window.activeTextEditor?.document.uri.toString() === vscode.Uri.joinPath(second.uri, '.fathom', 'prompts', 'explain.md').toString());

    assert.ok(!(await explain(inFirst('util.ts'))).includes(mark), 'a file of the first folder gets the shipped prompt');
    assert.equal(api.answerPanel().current().view.promptFile, undefined);
  });
});
