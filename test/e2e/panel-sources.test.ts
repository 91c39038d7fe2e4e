/**
 * The answer panel's "Used from this workspace" list as a user sees it, driven through "Fathom: Explain" against
 * the fake server and the real codebase index: Explain on a function whose caller is in another file lists that
 * caller under the answer, and clicking the entry opens the caller's file with its lines selected.
 * Screenshots in test-results/screenshots/panel-sources-*.png.
 */
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';
import { panelFrame } from './helpers/webviews';

const PRICE = `export function totalPriceWithVat(prices: number[]): number {
  const net = prices.reduce((sum, p) => sum + p, 0);
  return Math.round(net * 1.2 * 100) / 100;
}
`;
const CART = `import { totalPriceWithVat } from './price';

export function checkoutLine(items: { price: number }[]): string {
  return \`Total: \${totalPriceWithVat(items.map((i) => i.price))} EUR\`;
}
`;

describe('answer panel: "Used from this workspace" in the browser', function () {
  const s = useSession({ files: { 'src/price.ts': PRICE, 'src/cart.ts': CART } });
  /** The editor's cursor as the status bar says it ("Ln 5, Col 1 (120 selected)"). */
  const cursor = async () => ((await s.page.locator('.statusbar [id="status.editor.selection"]').getAttribute('aria-label').catch(() => '')) ?? '').replace(/\u00a0/g, ' ');

  it('Explain on a function with a caller in another file lists the caller, and clicking it opens cart.ts at its lines', async () => {
    // Each answer is numbered, so a check reads the answer it asked for, never the one before it still shown.
    let answers = 0;
    s.fake.reply((r) => (r.endpoint === 'ollama.chat' ? { chunks: ['It sums the prices ', `and adds VAT (answer ${++answers}).`], tokenMs: 20 } : undefined));
    await s.wb.openFile('src/price.ts');
    let panel: Frame | undefined;
    // The index is built a few seconds after the window opens: until it holds cart.ts, an answer lists nothing.
    // Explain again until the answer was given the caller.
    await waitFor('an answer that lists the caller in src/cart.ts', async () => {
      const asked = `answer ${answers + 1}`;
      await s.wb.goTo(2, 5);
      await s.wb.runCommand('Fathom: Explain');
      panel = await panelFrame(s.page);
      const frame = panel;
      const finished = async () =>
        (await frame.locator('body').getAttribute('data-phase').catch(() => null)) === 'done' && ((await frame.locator('body').textContent().catch(() => '')) ?? '').includes(asked);
      await waitFor(`the answer to finish (${asked})`, finished, { timeoutMs: 20_000 });
      return (await frame.locator('#sources-list a.source-link').allTextContents()).includes('src/cart.ts:3–5');
    }, { timeoutMs: 90_000, intervalMs: 1_000 });
    const frame = panel!;
    assert.equal(await frame.locator('#sources').isVisible(), true);
    assert.equal(await frame.locator('#sources-heading').textContent(), 'Used from this workspace');
    const entry = frame.locator('#sources-list li', { has: frame.locator('a.source-link', { hasText: 'src/cart.ts:3–5' }) });
    assert.equal(await entry.locator('.symbol').textContent(), 'checkoutLine', 'the entry names what the lines define');
    assert.ok(!(await frame.locator('#sources-list a.source-link').allTextContents()).some((t) => t.startsWith('src/price.ts')), "the target's own file is not listed");
    const sent = JSON.stringify(s.fake.requests.filter((r) => r.endpoint === 'ollama.chat').at(-1)?.body);
    assert.ok(sent.includes('totalPriceWithVat(items.map((i) => i.price))'), 'the caller listed is the caller sent');
    await s.wb.screenshot('panel-sources-listed');

    await entry.locator('a.source-link').click();
    // The editor group's active tab (the panel's group has its own): cart.ts, the cursor at the end of line 5.
    await waitFor('cart.ts open with lines 3–5 selected', async () => (await s.page.locator('.tab.active', { hasText: 'cart.ts' }).count()) === 1 && /Ln 5, Col \d+ \(\d+ selected\)/.test(await cursor()));
    await s.wb.screenshot('panel-sources-opened');
  });
});
