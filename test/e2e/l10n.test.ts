/**
 * Fathom in Simplified Chinese, as a user sees it: VS Code started with the display language zh-cn (no
 * language pack: VS Code's own UI stays English, Fathom's strings come from package.nls.zh-cn.json and
 * l10n/bundle.l10n.zh-cn.json): the command palette, a message, the chat view, the Doctor, an answer panel
 * and the walkthrough's media. Screenshots: test-results/screenshots/l10n-*-zh-cn.png.
 */
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';
import { chatFrame, panelFrame, webviewFrame } from './helpers/webviews';

/** The walkthrough media's Chinese headings (media/walkthrough/zh-cn/*.md); the step first shown is any of them. */
const MEDIA_HEADINGS = ['模型在哪里运行', '按用途选择模型', '试一试', '下一处编辑建议（可选）'];

describe('Fathom in zh-cn (display language, l10n)', function () {
  const s = useSession({ locale: 'zh-cn', files: { 'src/l10n.ts': 'export const answer = 42;\n' }, openFile: 'src/l10n.ts' });
  const text = async (frame: Frame, selector: string) => ((await frame.locator(selector).first().textContent()) ?? '').trim();

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

  it('the chat view shows its buttons, placeholder and empty state in Chinese', async () => {
    await s.wb.runCommand('Fathom: 打开聊天'); // Open Chat
    const chat = await chatFrame(s.page);
    await waitFor('the chat page in Chinese', async () => (await text(chat, '#send')) === '发送');
    assert.equal(await chat.locator('html').getAttribute('lang'), 'zh-cn');
    assert.equal(await chat.locator('#send').getAttribute('title'), '发送 (Enter)');
    assert.equal(await chat.locator('#input').getAttribute('placeholder'), '向 Fathom 提问…（Enter 发送，Shift+Enter 换行，@ 附加文件和符号，/ 使用命令）');
    assert.equal(await chat.locator('#input').getAttribute('aria-label'), '发送给 Fathom 的消息');
    assert.deepEqual((await chat.locator('#composer-actions button:not([hidden])').allTextContents()).map((t) => t.trim()), ['所选内容', '文件', '问题', '@', '发送']);
    assert.equal(await text(chat, '#history-toggle'), '历史记录');
    assert.match(await text(chat, '#empty'), /^询问有关你的代码的问题。.*@codebase/);
    await s.wb.screenshot('l10n-chat-zh-cn');
  });

  it('the Doctor shows its heading and buttons in Chinese', async () => {
    await s.wb.runCommand('Fathom: 诊断'); // Doctor
    const doctor = await webviewFrame(s.page, '#roles', 'the Doctor panel to load');
    await waitFor('the checks to finish', async () => ['ok', 'problems'].includes((await doctor.locator('body').getAttribute('data-state')) ?? ''), { timeoutMs: 30_000 });
    assert.equal(await text(doctor, 'h1'), 'Fathom 诊断');
    assert.equal(await text(doctor, '#rerun'), '重新运行');
    assert.equal(await doctor.locator('#rerun').getAttribute('title'), '重新运行检查');
    assert.equal(await text(doctor, '#copy'), '复制报告');
    await s.wb.screenshot('l10n-doctor-zh-cn');
  });

  it('an answer panel (Explain) shows its buttons in Chinese; the answer is the model\'s', async () => {
    s.fake.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'It exports `answer`:\n\n```ts\nexport const answer = 42;\n```\n' } : undefined));
    await s.wb.runCommand('View: Focus First Editor Group');
    await s.wb.openFile('src/l10n.ts');
    await s.wb.goTo(1, 14);
    await s.wb.runCommand('Fathom: 解释'); // Explain
    const panel = await panelFrame(s.page);
    await waitFor('the answer to finish', async () => (await panel.locator('body').getAttribute('data-phase')) === 'done' && (await panel.locator('.code-block').count()) > 0, { timeoutMs: 20_000 });
    assert.deepEqual((await panel.locator('.code-block button').allTextContents()).map((t) => t.trim()), ['复制', '插入']);
    assert.equal(await panel.locator('.code-block button').first().getAttribute('title'), '复制这段代码');
    assert.equal(await text(panel, '#continue'), '在聊天中继续');
    assert.match(await text(panel, '#answer'), /It exports answer/, 'the answer stays as the model wrote it');
    await s.wb.screenshot('l10n-panel-zh-cn');
  });

  it('the walkthrough ("Fathom: 入门") shows its media in Chinese', async () => {
    await s.wb.runCommand('Fathom: 入门'); // Get Started
    const page = s.page.locator('.gettingStartedContainer');
    await waitFor('the walkthrough', async () => ((await page.textContent().catch(() => '')) ?? '').includes('Fathom 入门'), { timeoutMs: 15_000 });
    // The step's markdown is shown in a webview of its own.
    const media = await waitFor('a Chinese heading of the walkthrough media (media/walkthrough/zh-cn/*.md)', async () => {
      for (const frame of s.page.frames()) {
        if (frame.isDetached()) continue;
        const headings = await frame.locator('h2').allTextContents().catch(() => [] as string[]);
        const found = headings.map((h) => h.trim()).find((h) => MEDIA_HEADINGS.includes(h));
        if (found) return { frame, heading: found };
      }
      return undefined;
    }, { timeoutMs: 20_000 });
    const body = (await media.frame.locator('body').textContent()) ?? '';
    assert.ok(!/Where the models run|Models per role|Try it|Next edit suggestions/.test(body), 'not the English media');
    if (media.heading === '模型在哪里运行') assert.match(body, /在本机上运行模型：你输入的内容不会离开这台机器/);
    await s.wb.screenshot('l10n-walkthrough-zh-cn');
  });
});
