/**
 * Explain and Refactor as a user meets them in the VS Code web client: from the command palette, the answer
 * panel beside the editor, the quick pick, the proposal's diff with Accept. Screenshots in test-results/screenshots/.
 */
import * as assert from 'node:assert/strict';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';

const CALC = `export class Calculator {
  add(a: number, b: number): number {
    const sum = a + b;
    return sum;
  }
}
`;

const TOTAL = `export function total(items: number[]): number {
  let sum = 0;
  for (const item of items) sum += item;
  return summ;
}
`;

const SLUG = `export function slugify(title: string): string {
  return title.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-');
}
`;

const chatOnly = (text: string) => (r: { endpoint: string }) => (r.endpoint === 'ollama.chat' ? { text, tokenMs: 10 } : undefined);

describe('Explain, Refactor and the quick fix as a user meets them', function () {
  const s = useSession({ files: { 'src/calc.ts': CALC, 'src/total.ts': TOTAL, 'src/slug.ts': SLUG } });

  it('"Fathom: Explain" streams the explanation of the method at the cursor into a panel beside the editor', async () => {
    s.fake.reply(chatOnly('## What it does\n\n`add` returns the sum of **a** and **b** (L3-L4).\n\n```ts\nconst sum = a + b;\n```\n'));
    await s.wb.openFile('src/calc.ts');
    await s.wb.goTo(3, 5);
    await s.wb.runCommand('Fathom: Explain');
    // The webview's page sits in an iframe inside the webview's iframe.
    const page = s.page.frameLocator('iframe.webview').frameLocator('iframe');
    const answer = page.locator('#answer');
    await waitFor('the answer panel to show the whole explanation', async () => ((await answer.textContent().catch(() => '')) ?? '').includes('const sum = a + b;'), { timeoutMs: 20_000 });
    await waitFor('the answer to be marked done', async () => (await page.locator('body').getAttribute('data-phase').catch(() => '')) === 'done');
    const request = s.fake.requests.find((r) => r.endpoint === 'ollama.chat');
    assert.ok(request, 'a chat request reached the fake server');
    assert.ok(JSON.stringify(request.body).includes('const sum = a + b;'), 'the method at the cursor was sent');
    await s.wb.screenshot('command-explain-panel');
  });

  it('"Fathom: Refactor" asks what to do, shows the rewrite as a diff, and Accept applies it', async () => {
    s.fake.reply(chatOnly('```ts\n  add(a: number, b: number): number {\n    return a + b;\n  }\n```\nReturns the sum directly.'));
    await s.wb.openFile('src/calc.ts');
    await s.wb.goTo(3, 5);
    await s.wb.runCommand('Fathom: Refactor');
    const simplify = s.page.locator('.quick-input-list .monaco-list-row').filter({ has: s.page.locator('.label-name', { hasText: /^Simplify$/ }) }).first();
    await waitFor('the refactoring quick pick', () => simplify.isVisible());
    await simplify.click();
    const diff = s.page.locator('.monaco-diff-editor').first();
    await waitFor('the proposal to open in a diff editor', () => diff.isVisible(), { timeoutMs: 20_000 });
    // Monaco renders spaces as no-break spaces.
    await waitFor('the diff to show the rewrite', async () => ((await diff.textContent()) ?? '').replace(/\u00a0/g, ' ').includes('return a + b;'));
    await s.wb.screenshot('command-refactor-diff');
    const accept = s.page.locator('.editor-actions [aria-label^="Accept Proposed Change"]').first();
    await waitFor('the Accept button on the diff', () => accept.isVisible());
    await accept.click();
    await waitFor('the diff to close', async () => !(await diff.isVisible()));
    await s.wb.openFile('src/calc.ts');
    await s.wb.waitForEditorText((t) => t.includes('return a + b;') && !t.includes('const sum'));
  });

  it('the lightbulb on a TypeScript error offers "Fathom: Fix this problem": the analysis streams into the panel, the fix opens as a diff', async () => {
    s.fake.reply(chatOnly('The variable is called `sum`; `summ` is a typo.\n\n```ts\nexport function total(items: number[]): number {\n  let sum = 0;\n  for (const item of items) sum += item;\n  return sum;\n}\n```\n'));
    await s.wb.openFile('src/total.ts');
    await s.wb.goTo(4, 10);
    // TypeScript's own analysis puts the error there; the lightbulb (Ctrl+.) lists the quick fixes.
    const fix = s.page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Fathom: Fix this problem' }).first();
    await waitFor('"Fathom: Fix this problem" in the quick fix menu', async () => {
      if (await fix.isVisible()) return true;
      await s.page.keyboard.press('Escape');
      await s.page.keyboard.press('Control+.');
      return fix.waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => false);
    }, { timeoutMs: 60_000 });
    await s.wb.screenshot('command-quick-fix');
    // The menu takes keys (a pointer block lies over it while it opens): walk down to the entry, then Enter.
    const focused = s.page.locator('.action-widget .monaco-list-row.focused');
    await waitFor('"Fathom: Fix this problem" to be focused in the menu', async () => {
      if (((await focused.textContent().catch(() => '')) ?? '').includes('Fathom: Fix this problem')) return true;
      await s.page.keyboard.press('ArrowDown');
      return false;
    });
    await s.page.keyboard.press('Enter');
    const diff = s.page.locator('.monaco-diff-editor').first();
    await waitFor('the proposed fix to open in a diff editor', () => diff.isVisible(), { timeoutMs: 20_000 });
    const panel = s.page.frameLocator('iframe.webview').frameLocator('iframe');
    await waitFor('the analysis in the answer panel', async () => ((await panel.locator('#answer').textContent().catch(() => '')) ?? '').includes('is a typo'));
    const request = s.fake.requests.find((r) => r.endpoint === 'ollama.chat');
    assert.ok(request && /Cannot find name 'summ'/.test(JSON.stringify(request.body)), 'the TypeScript error was sent');
    await s.wb.screenshot('command-debug-fix-diff');
    await s.page.locator('.editor-actions [aria-label^="Reject Proposed Change"]').first().click();
    await waitFor('the diff to close', async () => !(await diff.isVisible()));
  });

  it('"Fathom: Document" proposes doc comments as a diff, and Ctrl+Enter in it accepts', async () => {
    s.fake.reply(chatOnly('```ts\n/**\n * Turns a title into a URL slug: lower case, with runs of other characters as one dash.\n * @param title The text to convert.\n * @returns The slug.\n */\nexport function slugify(title: string): string {\n  return title.toLowerCase().trim().replace(/[^a-z0-9]+/g, \'-\');\n}\n```'));
    await s.wb.openFile('src/slug.ts');
    await s.wb.goTo(2, 5);
    await s.wb.runCommand('Fathom: Document');
    const diff = s.page.locator('.monaco-diff-editor').first();
    await waitFor('the doc comment proposal in a diff editor', async () => (await diff.isVisible()) && ((await diff.textContent()) ?? '').includes('@param'), { timeoutMs: 20_000 });
    await s.wb.screenshot('command-document-diff');
    // The proposal's side of the diff has the focus: the keybinding (when resourceScheme == fathom-proposal) accepts.
    await s.page.keyboard.press('Control+Enter');
    await waitFor('the diff to close', async () => !(await diff.isVisible()));
    await s.wb.openFile('src/slug.ts');
    await s.wb.waitForEditorText((t) => t.includes('@param title'));
  });

  it('"Fathom: Generate Tests" proposes a new test file beside the source, and Ctrl+Backspace in it rejects', async () => {
    s.fake.reply(chatOnly("```ts\nimport { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { slugify } from './slug';\n\ntest('joins words with dashes', () => {\n  assert.equal(slugify('Hello World'), 'hello-world');\n});\n```"));
    await s.wb.openFile('src/slug.ts');
    await s.wb.goTo(2, 5);
    await s.wb.runCommand('Fathom: Generate Tests');
    const diff = s.page.locator('.monaco-diff-editor').first();
    await waitFor('the new test file proposal in a diff editor', async () => (await diff.isVisible()) && ((await diff.textContent()) ?? '').replace(/\u00a0/g, ' ').includes('joins words with dashes'), { timeoutMs: 20_000 });
    await s.wb.screenshot('command-generate-tests');
    // Ctrl+Backspace in the proposal rejects it.
    await s.page.keyboard.press('Control+Backspace');
    await waitFor('the diff to close', async () => !(await diff.isVisible()));
  });
});
