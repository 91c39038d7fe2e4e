/**
 * Fathom's messages in the display language, through VS Code's own loading of l10n/bundle.l10n.zh-cn.json.
 * Runs only when the run was started in a locale (`npm run test:integration -- --locale zh-cn --grep l10n`,
 * which sets FATHOM_TEST_LOCALE); the English run skips it. test/e2e/l10n.test.ts finds the Chinese command
 * titles in the command palette.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fathom, openWithCursor, useFakeServer, waitFor } from './helpers';

const LOCALE = process.env.FATHOM_TEST_LOCALE;

describe('l10n: Fathom in zh-cn', function () {
  before(function () {
    if (!LOCALE) this.skip(); // an English run: start it with --locale zh-cn
  });
  const fake = useFakeServer();

  it('the extension host runs in the display language the run was started in', () => {
    assert.equal(LOCALE, 'zh-cn', 'this suite has Chinese expectations');
    assert.equal(vscode.env.language, 'zh-cn');
  });

  it('the manifest the extension host got carries the titles of package.nls.zh-cn.json', () => {
    // The server replaces package.json's %keys% for the client's language when it scans the extension; the
    // palette (test/e2e/l10n.test.ts) shows the same titles.
    // In a language other than English a localized title reads { value, original }.
    type Localized = string | { value: string; original: string };
    const manifest = vscode.extensions.getExtension('fathom.fathom')!.packageJSON as { contributes: { commands: { command: string; title: Localized; category: Localized }[] } };
    const explain = manifest.contributes.commands.find((c) => c.command === 'fathom.explain');
    assert.deepEqual(explain?.title, { value: '解释', original: 'Explain' });
    const category = explain?.category;
    assert.equal(typeof category === 'object' ? category.value : category, 'Fathom');
  });

  it('a failed command says so in Chinese, with Chinese buttons (the core\'s own message stays English)', async () => {
    const api = await fathom();
    await openWithCursor('export function add(a: number, b: number): number {\n  return █a + b;\n}\n');
    const shown = api.commands.shownErrors().length;
    fake.server.replyOnce({ status: 401 });

    const outcome = await vscode.commands.executeCommand<string | undefined>('fathom.explain');
    assert.equal(outcome, undefined);
    const error = await waitFor('an error notification', () => api.commands.shownErrors()[shown]);
    assert.equal(error.kind, 'unauthorized');
    // "Fathom: {0} failed. {1}" with {0} = "Explain", both from l10n/bundle.l10n.zh-cn.json.
    assert.match(error.message, /^Fathom: 解释 失败。/);
    assert.match(error.message, /HTTP 401/, 'the backend\'s message (src/backends/errors.ts, no vscode) follows in English');
    assert.deepEqual(error.buttons, ['设置 API 密钥', '打开诊断']);
    assert.deepEqual(error.actions.map((a) => a.command), ['fathom.setApiKey', 'fathom.doctor']);
    assert.equal(api.answerPanel().current().view.phase, 'failed');
  });
});
