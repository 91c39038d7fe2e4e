/**
 * `@codebase` in the sidebar chat as a user sees it, on a workspace the test creates, against the fake server
 * and the real index: picked from the "@" menu, the question is sent with the workspace's code, the answer
 * streams in, "Used from this workspace" lists the chunks as links, and clicking a link — in the list or in
 * the answer's text — opens the file at those lines. Screenshots in test-results/screenshots/chat-codebase-*.png.
 */
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { RecordedRequest } from '../fake-server';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';
import { chatFrame } from './helpers/webviews';

const PRICE = `export function totalPrice(prices: number[]): number {
  const net = prices.reduce((sum, p) => sum + p, 0);
  return Math.round(net * 1.2 * 100) / 100;
}
`;
const CART = `import { totalPrice } from './price';

export function checkout(items: { price: number }[]): string {
  return \`Total: \${totalPrice(items.map((i) => i.price))} EUR\`;
}
`;
const QUESTION = 'where is the total price computed?';
const ANSWER = 'The total is computed by `totalPrice`: it sums the prices and adds VAT in src/price.ts:3.';

const isQuestion = (r: RecordedRequest) => r.endpoint === 'ollama.chat' && JSON.stringify(r.body).includes(QUESTION);
const pieces = (text: string, size = 6) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('chat @codebase in the browser', function () {
  const s = useSession({ files: { 'src/price.ts': PRICE, 'src/cart.ts': CART, 'README.md': '# Shop\n' } });
  let chat: Frame;
  const $ = (selector: string) => chat.locator(selector);
  const streaming = async () => (await $('body').getAttribute('data-streaming').catch(() => null)) === 'true';
  const lastAnswer = () => $('.turn.assistant').last();
  /** The editor's cursor as the status bar says it ("Ln 3, Col 1 (44 selected)"). */
  const cursor = async () => ((await s.page.locator('.statusbar [id="status.editor.selection"]').getAttribute('aria-label').catch(() => '')) ?? '').replace(/\u00a0/g, ' ');

  it('"@" offers @codebase; the answer streams, lists the workspace code it was given, and its links open the file at those lines', async () => {
    s.fake.reply((r) => (isQuestion(r) ? { chunks: pieces(ANSWER), tokenMs: 30 } : undefined));
    await s.wb.runCommand('Fathom: Open Chat');
    chat = await chatFrame(s.page);

    // "@" at the start of the message opens the picker; its first entry types "@codebase " into the box.
    await $('#input').click();
    await $('#input').press('@');
    const row = s.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: '@codebase' });
    await waitFor('@codebase in the "@" picker', async () => (await row.count()) > 0);
    await row.first().click();
    await waitFor('"@codebase " typed in the message box', async () => (await $('#input').inputValue()) === '@codebase ');

    // The index is built a few seconds after the window opens: until then an answer says it used what was indexed so far.
    // Ask (again, as a new question) until the answer was given the whole workspace.
    let answers = 0;
    await waitFor('an answer given src/price.ts from the finished index', async () => {
      if (answers > 0) await $('#input').fill('@codebase ');
      await $('#input').press('End');
      await $('#input').pressSequentially(QUESTION);
      await $('#input').press('Enter');
      answers++;
      await waitFor('the answer to finish streaming', async () => (await $('.turn.assistant').count()) === answers && !(await streaming()), { timeoutMs: 20_000 });
      const listed = await lastAnswer().locator('.sources a').allTextContents();
      return listed.includes('src/price.ts:1–4') && (await lastAnswer().locator('.codebase-note').count()) === 0;
    }, { timeoutMs: 90_000, intervalMs: 1_000 });
    await s.wb.screenshot('chat-codebase-answer');

    const answer = lastAnswer();
    assert.equal(await answer.locator('.sources-title').textContent(), 'Used from this workspace');
    assert.match((await answer.locator('.body').textContent()) ?? '', /sums the prices and adds VAT/);
    const sent = JSON.stringify(s.fake.requests.filter(isQuestion).at(-1)?.body);
    assert.ok(sent.includes('return Math.round(net * 1.2 * 100) / 100;'), 'the chunk was sent');
    assert.ok(sent.includes('`src/price.ts` (lines 1-4, totalPrice)'), 'with its path and lines');

    assert.equal(await answer.locator('.body a.workspace-link code', { hasText: 'totalPrice' }).count(), 1, 'the symbol in backticks links to its chunk');
    // A reference in the answer's text: "src/price.ts:3" opens line 3.
    const inText = answer.locator('.body a.workspace-link', { hasText: 'src/price.ts:3' });
    assert.equal(await inText.count(), 1, 'the reference in the text is a link');
    await inText.click();
    await waitFor('price.ts open with line 3 selected', async () => (await s.page.locator('.tab.active').textContent())?.includes('price.ts') === true && /Ln 3, Col \d+ \(\d+ selected\)/.test(await cursor()));

    // The list: "src/price.ts:1–4" opens lines 1 to 4 (the cursor ends on line 4).
    chat = await chatFrame(s.page);
    await lastAnswer().locator('.sources a', { hasText: 'src/price.ts:1–4' }).click();
    await waitFor('lines 1–4 of price.ts selected', async () => /Ln 4, Col \d+ \(\d+ selected\)/.test(await cursor()));
    await s.wb.screenshot('chat-codebase-opened');
  });
});
