/**
 * The answer panel as a user sees it, driven through "Fathom: Explain" against the fake server: the answer
 * streams in as rendered markdown with highlighted code, line references jump to the code, Copy and Insert
 * work, and markup the model writes never runs. Screenshots in test-results/screenshots/panel-*.png.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';

const CALC = `export class Calculator {
  add(a: number, b: number): number {
    const sum = a + b;
    return sum;
  }
}
`;

/** An answer using what the panel renders, plus markup a hostile or confused model could produce. */
const ANSWER = [
  '## What `add` does',
  '',
  'It adds **a** and **b** into `sum` (L3) and returns it on line 4.',
  '',
  '```ts',
  'const total = calculator.add(2, 3); // 5',
  '```',
  '',
  '- no overflow check',
  '- works for floats too',
  '',
  'Careful: <img src=x onerror="document.body.dataset.pwned=1"> and [a trick](javascript:document.body.dataset.pwned=1) stay text.',
  '',
  'More: https://developer.mozilla.org/',
].join('\n');

/** The answer in pieces of a few characters, as a model streams it. */
const pieces = (text: string, size = 6) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('answer panel in the browser', function () {
  const s = useSession({ files: { 'src/calc.ts': CALC } });
  /** The panel's page: an iframe (the webview's own page) inside the webview's host iframe. */
  const panel = (): FrameLocator => s.page.frameLocator('iframe.webview').frameLocator('iframe');
  const phase = () => panel().locator('body').getAttribute('data-phase', { timeout: 1000 }).catch(() => null);

  it('streams the answer as rendered markdown with highlighted code, and nothing in it runs', async () => {
    s.fake.reply((r) => (r.endpoint === 'ollama.chat' ? { chunks: pieces(ANSWER), tokenMs: 40 } : undefined));
    await s.wb.openFile('src/calc.ts');
    await s.wb.goTo(3, 5);
    await s.wb.runCommand('Fathom: Explain');

    const answer = panel().locator('#answer');
    await waitFor('the answer to start streaming into the panel', async () => (await phase()) === 'streaming' && ((await answer.textContent().catch(() => '')) ?? '').includes('What'), { timeoutMs: 20_000 });
    await s.wb.screenshot('panel-streaming');
    await waitFor('the answer to finish', async () => (await phase()) === 'done', { timeoutMs: 20_000 });
    await s.wb.screenshot('panel-explain');

    assert.equal(await answer.locator('h2').textContent(), 'What add does');
    assert.ok((await answer.locator('pre code .hljs-keyword').count()) > 0, 'the code block is highlighted');
    assert.equal(await answer.locator('pre code').textContent(), 'const total = calculator.add(2, 3); // 5\n');
    assert.deepEqual(await answer.locator('.code-block button').allTextContents(), ['Copy', 'Insert']);
    assert.deepEqual(await answer.locator('a.line-link').allTextContents(), ['L3', 'line 4']);
    assert.equal(await answer.locator('li').count(), 2);
    assert.equal(await answer.locator('img').count(), 0, 'the injected image was not rendered');
    assert.match((await answer.textContent()) ?? '', /<img src=x onerror=/, 'it shows as the text the model wrote');
    assert.equal(await answer.locator('a[href^="javascript"]').count(), 0);
    assert.equal(await panel().locator('body').getAttribute('data-pwned'), null, 'no script from the answer ran');
  });

  it('a line reference reveals that line in the editor', async () => {
    await panel().locator('a.line-link', { hasText: 'line 4' }).click();
    await waitFor('the cursor on line 4 of calc.ts', async () =>
      ((await s.page.locator('.statusbar [id="status.editor.selection"]').getAttribute('aria-label').catch(() => '')) ?? '').includes('Ln 4'),
    );
    await s.wb.screenshot('panel-line-link');
  });

  it('Copy confirms on the button, Insert puts the code at the editor’s cursor', async () => {
    const copy = panel().locator('.code-block button[data-action="copy"]');
    await copy.click();
    await waitFor('the Copy button to confirm', async () => (await copy.textContent()) === 'Copied');
    // Back to the editor (the click left the focus in the panel), without covering the panel.
    await s.wb.runCommand('View: Focus First Editor Group');
    await s.wb.goTo(6, 2);
    await panel().locator('.code-block button[data-action="insert"]').click();
    await s.wb.waitForEditorText((t) => t.includes('}const total = calculator.add(2, 3); // 5'));
    await s.wb.screenshot('panel-insert');
  });
  it('follows the colour theme: dark and high contrast', async () => {
    for (const [theme, bodyClass, name] of [
      ['Dark Modern', 'vscode-dark', 'dark'],
      ['Dark High Contrast', 'vscode-high-contrast', 'high-contrast'],
    ] as const) {
      await s.wb.pickColorTheme(theme);
      await waitFor(`the panel to take the ${name} theme`, async () => ((await panel().locator('body').getAttribute('class', { timeout: 1000 }).catch(() => '')) ?? '').split(' ').includes(bodyClass));
      await s.wb.screenshot(`panel-explain-${name}`);
      // Text takes the theme's editor foreground: light on these dark backgrounds.
      const color = await panel().locator('#answer p').first().evaluate((p) => getComputedStyle(p).color);
      const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
      assert.ok(r + g + b > 3 * 160, `${name}: light text expected, got ${color}`);
    }
  });

});
