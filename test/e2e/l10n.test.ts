/**
 * Fathom in Simplified Chinese, as a user sees it: VS Code started with the display language zh-cn (no
 * language pack: VS Code's own UI stays English, Fathom's strings come from package.nls.zh-cn.json and
 * l10n/bundle.l10n.zh-cn.json). Screenshots: test-results/screenshots/l10n-*-zh-cn.png.
 */
import * as assert from 'node:assert/strict';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';

describe('Fathom in zh-cn (display language)', function () {
  const s = useSession({ locale: 'zh-cn', files: { 'src/l10n.ts': 'export const answer = 42;\n' }, openFile: 'src/l10n.ts' });

  it('the command palette lists the commands under their Chinese titles', async () => {
    await s.wb.goTo(1, 1); // the file is open, so the editor commands are offered
    await s.page.keyboard.press('F1');
    const input = s.page.locator('.quick-input-widget .quick-input-box input');
    await waitFor('the command palette', () => input.isVisible());
    await input.fill('>Fathom: 解释');
    const row = s.page.locator('.quick-input-list .monaco-list-row .label-name').filter({ hasText: /^Fathom: 解释$/ });
    await waitFor('"Fathom: 解释" (Explain, from package.nls.zh-cn.json) in the command palette', async () => (await row.count()) > 0);
    await s.wb.screenshot('l10n-command-palette-zh-cn');
    await s.page.keyboard.press('Escape');
  });

  it('a message of the extension (vscode.l10n.t) is shown in Chinese', async () => {
    await s.wb.runCommand('Fathom: 重置端点授权'); // Reset Endpoint Consent: an information message
    // notification-fade-in-done: the toast has finished sliding in (for the screenshot).
    const toast = s.page.locator('.notification-toast.notification-fade-in-done .notification-list-item-message').filter({ hasText: 'Fathom: 已重置端点授权' });
    await waitFor('the notification "Fathom: 已重置端点授权…"', async () => (await toast.count()) > 0);
    assert.match(await toast.first().innerText(), /在代码发送到远程服务器之前会再次询问你/);
    await s.wb.screenshot('l10n-message-zh-cn');
  });
});
