/**
 * What a new user meets first, each in a window of its own (a fresh VS Code profile, browser and workspace:
 * nothing loaded or focused by an earlier test): the first "Ask About Selection" takes the question typed
 * right away (not the editor), also when run while the window is still activating extensions; "Fathom:
 * Refactor" accepts an instruction typed in the user's own words with one Enter; and a user who types before
 * the rest of Fathom has loaded (activation only registers placeholders: src/extension.ts) gets ghost text.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedRequest } from '../fake-server';
import { FATHOM_STATUS_ITEM, waitFor } from '../harness';
import { useSession } from './helpers/session';
import { chatFrame, webviewFrame } from './helpers/webviews';

const STATS = `export function mean(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}
`;

const CALC = `export class Calculator {
  add(a: number, b: number): number {
    const sum = a + b;
    return sum;
  }
}
`;

const asked = (r: RecordedRequest, text: string) => r.endpoint === 'ollama.chat' && JSON.stringify(r.body).includes(text);

describe('first use in a new window', function () {
  describe('the first "Ask About Selection"', function () {
    const s = useSession({ files: { 'src/stats.ts': STATS } });

    it('the question typed as soon as the chat shows goes into its message box, and the editor is left as it was', async () => {
      s.fake.reply((r) => (asked(r, 'What does this do?') ? { text: 'It averages the values.' } : undefined));
      await s.wb.openFile('src/stats.ts');
      await s.page.keyboard.press('Control+A');
      await s.wb.runCommand('Fathom: Ask About Selection');
      const chat = await chatFrame(s.page);
      await waitFor('the selection chip', async () => ((await chat.locator('#chips').textContent()) ?? '').includes('stats.ts:1-5'));
      // Typed at once, as a user who sees the chat open does: no click into the box first.
      await s.page.keyboard.type('What does this do?');
      await s.page.keyboard.press('Enter');
      await waitFor('the question to reach the server', () => s.fake.requests.some((r) => asked(r, 'What does this do?')), { timeoutMs: 15_000 });
      assert.equal(await chat.locator('.turn.user .question').first().textContent(), 'What does this do?');
      await s.wb.screenshot('first-use-ask');
      await s.wb.openFile('src/stats.ts');
      assert.equal((await s.wb.editorText()).trimEnd(), STATS.trimEnd(), 'the editor text is unchanged');
    });
  });

  describe('"Ask About Selection" run while the window is still starting', function () {
    // The file is open from the start; the command is run without waiting for Fathom to be activated.
    const s = useSession({ files: { 'src/stats.ts': STATS }, openFile: 'src/stats.ts', waitForActivation: false });

    it('behaves as after activation: the typed question goes to the chat, not into the editor', async () => {
      s.fake.reply((r) => (asked(r, 'Why divide?') ? { text: 'To get the mean.' } : undefined));
      const editor = s.page.locator('.editor-group-container.active .monaco-editor[data-uri$="src/stats.ts"]').first();
      await waitFor('the editor of src/stats.ts', () => editor.isVisible(), { timeoutMs: 30_000 });
      await editor.locator('.view-lines').click();
      await s.page.keyboard.press('Control+A');
      // No wait for the status bar item: in the runs seen here Fathom was not yet activated at this point, so
      // the command palette's run is what activates it (VS Code then runs the command).
      await s.wb.runCommand('Fathom: Ask About Selection', { timeoutMs: 30_000 });
      const chat = await webviewFrame(s.page, '#composer', 'the chat view to load');
      await waitFor('the selection chip', async () => ((await chat.locator('#chips').textContent()) ?? '').includes('stats.ts:1-5'), { timeoutMs: 20_000 });
      await s.page.keyboard.type('Why divide?');
      await s.page.keyboard.press('Enter');
      await waitFor('the question to reach the server', () => s.fake.requests.some((r) => asked(r, 'Why divide?')), { timeoutMs: 15_000 });
      await s.wb.screenshot('first-use-ask-while-starting');
      await s.wb.openFile('src/stats.ts');
      assert.equal((await s.wb.editorText()).trimEnd(), STATS.trimEnd(), 'the editor text is unchanged');
    });
  });

  describe('"Fathom: Refactor" in the user’s own words', function () {
    const s = useSession({ files: { 'src/calc.ts': CALC } });

    it('takes the typed instruction with one Enter, offered as "Refactor: <text>", and asks the model for it', async () => {
      s.fake.reply((r) => (asked(r, 'make it clearer') ? { text: '```ts\n  add(a: number, b: number): number {\n    return a + b;\n  }\n```\nClearer.' } : undefined));
      await s.wb.openFile('src/calc.ts');
      await s.wb.goTo(3, 5);
      await s.wb.runCommand('Fathom: Refactor');
      const input = s.page.locator('.quick-input-widget .quick-input-box input');
      await waitFor('the refactoring quick pick', async () => (await input.isVisible()) && (await input.getAttribute('placeholder')) === 'What should the refactoring do?');
      await s.page.keyboard.type('make it clearer');
      const typedRow = s.page.locator('.quick-input-list .monaco-list-row').filter({ has: s.page.locator('.label-name', { hasText: /^Refactor: make it clearer$/ }) });
      await waitFor('the typed instruction offered as a row', () => typedRow.isVisible());
      await s.wb.screenshot('first-use-refactor-typed');
      await s.page.keyboard.press('Enter');
      await waitFor('the picker to close', async () => !(await s.page.locator('.quick-input-widget').isVisible()));
      await waitFor('the refactoring requested with the typed instruction', () => s.fake.requests.some((r) => asked(r, 'make it clearer')), { timeoutMs: 15_000 });
      const diff = s.page.locator('.monaco-diff-editor').first();
      await waitFor('the proposal in a diff editor', async () => (await diff.isVisible()) && ((await diff.textContent()) ?? '').replace(/\u00a0/g, ' ').includes('return a + b;'), { timeoutMs: 20_000 });
    });
  });

  describe('typing before the rest of Fathom has loaded', function () {
    // Activation registers placeholders only; the rest loads on first use. Held back here so the keystroke,
    // not the timer, is its first use.
    const s = useSession({ files: { 'src/math.ts': 'export function add(a: number, b: number): number {\n  \n}\n' }, waitForActivation: false, env: { FATHOM_LOAD_REST_AFTER_MS: '600000' } });

    it('the placeholder provider loads the rest and its first suggestion shows as ghost text', async () => {
      s.fake.reply(() => ({ text: 'a + b;' }));
      const logs = join(s.server.profile.userDataDir, 'logs');
      await waitFor('VS Code to activate Fathom (its extension host log)', () => logLines(logs, 'exthost.log').some((l) => /_doActivateExtension fathom\.fathom\b/.test(l)), { timeoutMs: 30_000 });
      // Longer than the rest's usual delay after activation (1.5 s): still only the first step has run.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.equal(await s.wb.statusItem(FATHOM_STATUS_ITEM).isVisible(), false, 'only the first step ran: the status bar item comes with the rest');
      assert.equal(logLines(logs, 'Fathom.log').length, 0, 'the rest has not written its log yet');
      await s.wb.openFile('src/math.ts');
      await s.wb.goTo(2, 3);
      await s.wb.type('return ');
      await s.wb.waitForGhostText('a + b;');
      await s.wb.waitForActivation();
      assert.ok(logLines(logs, 'Fathom.log').some((l) => l.includes('the rest composed in')), 'the rest loaded and says how long it took');
      await s.wb.acceptGhostText();
      await s.wb.waitForEditorText((text) => text.includes('  return a + b;'));
    });
  });
});

/** The lines of every log file named `name` under VS Code's logs folder ([] while there is none). */
function logLines(logs: string, name: string): string[] {
  if (!existsSync(logs)) return [];
  return readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(name))
    .flatMap((f) => readFileSync(join(logs, f), 'utf8').split('\n'));
}
