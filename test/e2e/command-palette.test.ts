import * as assert from 'node:assert/strict';
import { FATHOM_STATUS_ITEM, waitFor } from '../harness';
import { useSession } from './helpers/session';

describe('Fathom commands from the command palette', function () {
  const s = useSession();

  it('"Fathom: Show Log" shows the Fathom log in the Output panel', async () => {
    await s.wb.runCommand('Fathom: Show Log');
    const selected = () =>
      s.page.locator('.part.panel select.monaco-select-box').evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).selectedOptions[0]?.text));
    await waitFor('the Output panel to show the channel "Fathom"', async () => (await selected()).includes('Fathom'));
    // The newest lines are in view: at least activation's.
    await s.wb.waitForEditorText(/\[info\] /, s.page.locator('.part.panel .monaco-editor').first());
    await s.wb.screenshot('command-show-log');
  });

  it('"Fathom: Get Started" opens the walkthrough: backend, key, models, a completion, Explain and chat, next edits', async () => {
    await s.wb.runCommand('Fathom: Get Started');
    const page = s.page.locator('.gettingStartedContainer');
    await waitFor('the walkthrough', async () => ((await page.textContent().catch(() => '')) ?? '').includes('Get started with Fathom'), { timeoutMs: 15_000 });
    const text = (await page.textContent()) ?? '';
    for (const step of ['Choose a backend', 'Set the API key', 'Pick your models and check them', 'Try a completion', 'Try Explain and the chat', 'Next edit suggestions (optional)']) assert.ok(text.includes(step), `step "${step}"`);
    await s.wb.screenshot('walkthrough');
  });

  it('the status bar menu snoozes completions, and turns them back on', async () => {
    const item = s.wb.statusItem(FATHOM_STATUS_ITEM);
    const pick = async (label: RegExp) => {
      const row = s.page.locator('.quick-input-list .monaco-list-row').filter({ has: s.page.locator('.label-name', { hasText: label }) }).first();
      await waitFor(`"${label.source}" in the menu`, () => row.isVisible());
      await row.click();
    };
    await item.click();
    await pick(/Snooze completions/);
    await pick(/^15 minutes$/);
    await waitFor('the status bar to show the snooze', async () => /circle-slash/.test(await s.wb.statusText()));
    assert.match((await item.getAttribute('aria-label')) ?? '', /snoozed until/);
    await s.wb.screenshot('status-snoozed');
    await item.click();
    await pick(/Turn completions back on/);
    await waitFor('the status bar to be ready again', async () => /sparkle/.test(await s.wb.statusText()));
  });
});
