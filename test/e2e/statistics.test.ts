/**
 * Local statistics as a user meets them: a suggestion accepted with Tab, the next word of another taken with
 * Ctrl+Right (Fathom's keybinding around VS Code's own command), then "Fathom: Show Statistics" charts them —
 * the language's row counts both, split whole / word. Screenshot in test-results/screenshots/statistics.png.
 */
import * as assert from 'node:assert/strict';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';
import { webviewFrame } from './helpers/webviews';

describe('statistics in the browser', function () {
  const s = useSession({
    files: { 'src/math.ts': 'export function add(a: number, b: number): number {\n  \n}\n\nexport function sub(a: number, b: number): number {\n  \n}\n' },
  });

  it('counts a suggestion accepted whole and a word accepted with Ctrl+Right; "Fathom: Show Statistics" charts them per language', async () => {
    s.fake.reply(() => ({ text: 'a + b;' }));
    await s.wb.openFile('src/math.ts');
    await s.wb.goTo(2, 3);
    await s.wb.type('return ');
    await s.wb.waitForGhostText('a + b;');
    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((text) => text.includes('  return a + b;'));

    s.fake.reply(() => ({ text: 'a - b;' }));
    await s.wb.goTo(6, 3);
    await s.wb.type('return ');
    await s.wb.waitForGhostText('a - b;');
    await s.page.keyboard.press('Control+ArrowRight');
    // The rest stays ghost text (rendered in the same line), then Escape drops it: one word was taken.
    await waitFor('the first word to be taken, the rest still suggested', async () => (await s.wb.ghostText()) !== 'a - b;');
    await s.page.keyboard.press('Escape');
    await s.wb.waitForEditorText((text) => /\n {2}return a *\n\}/.test(text) && !text.includes('return a - b;'));

    await s.wb.runCommand('Fathom: Show Statistics');
    const page = await webviewFrame(s.page, '#languages g.row', 'the statistics page to draw its charts');
    const row = page.locator('#languages g.row[data-name="typescript"]');
    await row.waitFor();
    const attr = async (name: string) => Number(await row.getAttribute(`data-${name}`));
    assert.equal(await attr('whole'), 1, 'the suggestion accepted with Tab');
    assert.equal(await attr('word'), 1, 'the word taken with Ctrl+Right');
    assert.equal(await attr('accepted'), 2);
    assert.ok((await attr('shown')) >= 2, 'both suggestions were shown');
    assert.match((await row.locator('text.value').textContent()) ?? '', /^2 of \d+ accepted \(\d+%\)$/);
    assert.equal(await page.locator('#models g.row').count(), 1, 'one model answered');
    assert.equal(await page.locator('[data-tile="accepted"] .value').textContent(), '2');
    const counts = await page.locator('#latency g.bucket').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-count'))));
    assert.ok(counts.reduce((a, b) => a + b, 0) >= 2, `the latencies are in the histogram: ${counts}`);
    assert.equal(await page.locator('#latency line.marker').count(), 2, 'p50 and p90 are marked');
    assert.match((await page.locator('#local').textContent()) ?? '', /this machine only/);
    await s.wb.screenshot('statistics');
  });
});
