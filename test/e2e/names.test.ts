/**
 * In the browser: a chat answer whose code block calls a helper that exists nowhere in the workspace gets
 * that name underlined (title "not found in this workspace") once the answer ends; a name the workspace
 * defines is left alone. Screenshot in test-results/screenshots/chat-unknown-name.png.
 */
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { RecordedRequest } from '../fake-server';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';
import { chatFrame } from './helpers/webviews';

const STATS = `export function mean(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}
`;

const ANSWER = ['Guard the empty case:', '', '```ts', 'export function safeMean(values: number[]): number {', '  return values.length === 0 ? 0 : mean(clampToFiniteValues(values));', '}', '```'].join('\n');
const asked = (r: RecordedRequest, text: string) => r.endpoint === 'ollama.chat' && JSON.stringify(r.body).includes(text);

describe('chat code blocks: names not found in this workspace', function () {
  const s = useSession({ files: { 'src/stats.ts': STATS } });
  let chat: Frame;

  it('underlines an invented helper in the answer, not the workspace\'s own function', async () => {
    s.fake.reply((r) => (asked(r, 'Make it safe') ? { text: ANSWER } : undefined));
    await s.wb.openFile('src/stats.ts');
    await s.page.keyboard.press('Control+A');
    await s.wb.runCommand('Fathom: Ask About Selection');
    chat = await chatFrame(s.page);
    await waitFor('the selection chip', async () => ((await chat.locator('#chips').textContent()) ?? '').includes('stats.ts:1-5'));
    // The index of this small workspace is complete a few seconds after activation; asking twice if the first
    // answer came before it is what a user would see too (nothing is marked until the index is complete).
    let marked = 0;
    for (let attempt = 0; attempt < 4 && marked === 0; attempt++) {
      await chat.locator('#input').fill(`Make it safe ${attempt}`);
      await chat.locator('#input').press('Enter');
      await waitFor('the answer to finish', async () => (await chat.locator('.turn.assistant').count()) > attempt && (await chat.locator('body').getAttribute('data-streaming')) !== 'true', { timeoutMs: 30_000 });
      marked = await waitFor('a mark', async () => chat.locator('.turn.assistant').last().locator('.unknown-name').count(), { timeoutMs: 8_000 }).catch(() => 0);
    }
    const marks = chat.locator('.turn.assistant').last().locator('.unknown-name');
    assert.deepEqual(await marks.allTextContents(), ['clampToFiniteValues']);
    assert.equal(await marks.first().getAttribute('title'), 'not found in this workspace');
    const decoration = await marks.first().evaluate((el) => getComputedStyle(el).textDecorationStyle);
    assert.equal(decoration, 'wavy');
    await s.wb.screenshot('chat-unknown-name');
  });
});
