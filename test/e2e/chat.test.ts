/**
 * The sidebar chat as a user sees it, against the fake server: ask with the selection attached and watch the
 * answer stream in, stop an answer, Insert and Apply code blocks, regenerate and edit, find the conversation
 * again after reloading the window, continue an Explain answer in the chat, and markup the model writes never
 * runs. Screenshots in test-results/screenshots/chat-*.png.
 */
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { RecordedRequest } from '../fake-server';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';
import { chatFrame, panelFrame } from './helpers/webviews';

const STATS = `export function mean(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}
`;

const pieces = (text: string, size = 5) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
const asked = (r: RecordedRequest, text: string) => r.endpoint === 'ollama.chat' && JSON.stringify(r.body).includes(text);
const lastChat = (requests: readonly RecordedRequest[]) => [...requests].reverse().find((r) => r.endpoint === 'ollama.chat');

const ANSWER = [
  '`mean` adds the values and divides by their **count**.',
  '',
  'An empty array gives `NaN`; guard it:',
  '',
  '```ts',
  'export function mean(values: number[]): number {',
  '  if (values.length === 0) return 0;',
  '  let total = 0;',
  '  for (const v of values) total += v;',
  '  return total / values.length;',
  '}',
  '```',
].join('\n');

const XSS = [
  'Payloads, all of which must stay inert:',
  '',
  '<script>document.body.dataset.pwned = "script"</script>',
  '<img src=x onerror="document.body.dataset.pwned=\'img\'">',
  '<svg onload="document.body.dataset.pwned=\'svg\'"></svg>',
  '<iframe src="javascript:parent.document.body.dataset.pwned=\'iframe\'"></iframe>',
  '<style>body { display: none }</style>',
  '[click me](javascript:document.body.dataset.pwned=\'link\') [data](data:text/html,<script>alert(1)</script>)',
  '[trick][r]',
  '',
  '[r]: javascript:document.body.dataset.pwned=\'ref\'',
  '',
  '![remote](https://example.com/track.png)',
].join('\n');

describe('sidebar chat in the browser', function () {
  const s = useSession({ files: { 'src/stats.ts': STATS } });
  let chat: Frame;
  const $ = (selector: string) => chat.locator(selector);
  const streaming = async () => (await $('body').getAttribute('data-streaming').catch(() => null)) === 'true';
  const lastAnswer = () => $('.turn.assistant').last();
  let answersBefore = 0;
  const ask = async (text: string) => {
    answersBefore = await $('.turn.assistant').count();
    await $('#input').fill(text);
    await $('#input').press('Enter');
  };
  /** Waits for the answer to the last question asked to be complete. */
  const answered = () => waitFor('the answer to finish', async () => (await $('.turn.assistant').count()) > answersBefore && !(await streaming()), { timeoutMs: 20_000 });

  it('asks about the selection and streams the answer token by token, as markdown with highlighted code', async () => {
    s.fake.reply((r) => (asked(r, 'What does this do?') ? { chunks: pieces(ANSWER), tokenMs: 40 } : undefined));
    await s.wb.openFile('src/stats.ts');
    await s.page.keyboard.press('Control+A');
    await s.wb.runCommand('Fathom: Ask About Selection');
    chat = await chatFrame(s.page);
    await waitFor('the selection chip', async () => ((await $('#chips').textContent()) ?? '').includes('stats.ts:1-5'));
    await ask('What does this do?');

    // Token by token: the text is seen growing while the answer is still streaming.
    const seen = new Set<number>();
    await waitFor('the answer to grow while it streams', async () => {
      if (await streaming()) seen.add(((await lastAnswer().locator('.body').textContent()) ?? '').length);
      return seen.size >= 3;
    }, { timeoutMs: 20_000 });
    await s.wb.screenshot('chat-streaming');
    await answered();
    await s.wb.screenshot('chat-answer');

    const answer = lastAnswer();
    assert.match((await answer.locator('.body p').first().textContent()) ?? '', /adds the values and divides by their count/);
    assert.ok((await answer.locator('pre code .hljs-keyword').count()) > 0, 'the code block is highlighted');
    assert.deepEqual(await answer.locator('.code-block button').allTextContents(), ['Copy', 'Insert', 'Apply', 'New File']);
    assert.equal(await $('.turn.user .chip').textContent(), 'stats.ts:1-5');
    assert.equal(await $('#log').getAttribute('aria-live'), 'polite', 'screen readers hear the answer');
    const body = JSON.stringify(lastChat(s.fake.requests)?.body);
    assert.ok(body.includes('total / values.length'), 'the attached selection was sent');
    assert.ok(body.includes('What does this do?'));
  });

  it('Stop ends an answer mid-stream: the text so far stays, the HTTP stream is closed', async () => {
    s.fake.reply((r) => (asked(r, 'Tell me everything') ? { text: 'more and more ', endless: true, tokenMs: 30 } : undefined));
    await ask('Tell me everything');
    await waitFor('the endless answer to stream', async () => (await streaming()) && ((await lastAnswer().textContent()) ?? '').includes('more and more'));
    await $('#stop').click();
    await waitFor('the answer to stop', async () => !(await streaming()));
    await waitFor('the answer marked as stopped', async () => (await lastAnswer().locator('.stopped').count()) > 0);
    assert.ok(((await lastAnswer().locator('.body').textContent()) ?? '').includes('more and more'));
    await waitFor('the fake server to see the connection closed', () => lastChat(s.fake.requests)?.closedByClient === true);
    await s.wb.screenshot('chat-stopped');
  });

  it('Regenerate asks again and replaces the last answer; Edit resends an earlier question in place', async () => {
    s.fake.reply((r) => (asked(r, 'Tell me everything') ? { text: 'A short answer this time.' } : undefined));
    await $('button[data-action="regenerate"]').click();
    await waitFor('the new answer', async () => !(await streaming()) && ((await lastAnswer().textContent()) ?? '').includes('A short answer this time.'));
    assert.equal(await $('.turn').count(), 4, 'the stopped answer was replaced, not added to');

    s.fake.reply((r) => (asked(r, 'What does mean return?') ? { text: 'The average of the values.' } : undefined));
    await $('.turn.user').nth(1).locator('button[data-action="edit"]').click();
    assert.equal(await $('#input').inputValue(), 'Tell me everything');
    assert.equal(await $('#editing').isVisible(), true);
    await ask('What does mean return?');
    answersBefore -= 1; // the edit replaced the second question and its answer
    await waitFor('the edited question answered', async () => ((await lastAnswer().textContent()) ?? '').includes('The average of the values.'));
    assert.equal(await $('.turn').count(), 4);
    assert.equal(await $('.turn.user').nth(1).locator('.question').textContent(), 'What does mean return?');
    await s.wb.screenshot('chat-edited');
  });

  it('Insert puts a code block at the editor’s cursor, and Apply shows it as a diff to accept', async () => {
    s.fake.reply((r) => (asked(r, 'Guard the empty case') ? { text: ANSWER } : undefined));
    await ask('Guard the empty case');
    await answered();
    await s.wb.openFile('src/stats.ts');
    await s.wb.goTo(6, 1);
    chat = await chatFrame(s.page);
    await lastAnswer().locator('.code-block button[data-action="insert"]').click();
    await waitFor('the inserted code in the editor', async () => {
      const text = (await s.wb.editorText()).replace(/\u00a0/g, ' ');
      return text.split('export function mean').length === 3 && text.includes('if (values.length === 0) return 0;');
    });
    await s.page.keyboard.press('Control+Z');
    await s.wb.waitForEditorText((t) => t.split('export function mean').length === 2);

    await lastAnswer().locator('.code-block button[data-action="apply"]').click();
    const diff = s.page.locator('.monaco-diff-editor').first();
    await waitFor('the Apply diff', async () => (await diff.isVisible()) && ((await diff.textContent()) ?? '').replace(/\u00a0/g, ' ').includes('if (values.length === 0) return 0;'), { timeoutMs: 20_000 });
    await s.wb.screenshot('chat-apply-diff');
    const accept = s.page.locator('.editor-actions [aria-label^="Accept Proposed Change"]').first();
    await waitFor('the Accept button on the diff', () => accept.isVisible());
    await accept.click();
    await waitFor('the diff to close', async () => !(await diff.isVisible()));
    await s.wb.openFile('src/stats.ts');
    await s.wb.waitForEditorText((t) => t.includes('if (values.length === 0) return 0;') && t.split('export function mean').length === 2);

    // New File: the block in a new untitled editor, in its language.
    chat = await chatFrame(s.page);
    await lastAnswer().locator('.code-block button[data-action="saveAs"]').click();
    await waitFor('an untitled TypeScript editor', async () => ((await s.page.locator('.tabs-container .tab.active').getAttribute('aria-label').catch(() => '')) ?? '').includes('Untitled'));
    await s.wb.waitForEditorText((t) => t.startsWith('export function mean') && t.includes('if (values.length === 0) return 0;'));
    assert.match((await s.page.locator('.statusbar').textContent()) ?? '', /TypeScript/);
  });

  it('model output cannot run script: no payload runs, no remote image loads', async () => {
    chat = await chatFrame(s.page);
    s.fake.reply((r) => (asked(r, 'Show me some HTML') ? { chunks: pieces(XSS, 9), tokenMs: 5 } : undefined));
    await ask('Show me some HTML');
    await answered();
    const answer = lastAnswer();
    await waitFor('the payload answer', async () => ((await answer.textContent()) ?? '').includes('Payloads'));
    await s.wb.screenshot('chat-xss');
    assert.equal(await $('body').getAttribute('data-pwned'), null, 'no payload ran');
    assert.equal(await chat.evaluate(() => document.querySelectorAll('#log script, #log iframe, #log style, #log svg, #log img').length), 0);
    assert.equal(await chat.evaluate(() => Array.from(document.querySelectorAll('*')).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on'))).length), 0);
    assert.equal(await answer.locator('a[href^="javascript"], a[href^="data"]').count(), 0);
    assert.match((await answer.textContent()) ?? '', /<script>document\.body\.dataset\.pwned/, 'the markup shows as text');
  });

  it('the conversation survives reloading the window, and the history lists it', async () => {
    const turns = await $('.turn').count();
    const title = await $('#conversation-title').textContent();
    await s.page.reload();
    await s.wb.waitForActivation();
    await s.wb.runCommand('Fathom: Open Chat');
    chat = await chatFrame(s.page);
    await waitFor('the conversation after the reload', async () => (await $('.turn').count()) === turns, { timeoutMs: 20_000 });
    // Open Chat gives the message box the focus once the restored page is ready: let it land before going on.
    await waitFor('the message box to have the focus', () => chat.evaluate(() => document.activeElement?.id === 'input'), { timeoutMs: 20_000 });
    assert.equal(await $('#conversation-title').textContent(), title);
    assert.match((await $('.turn.user').first().textContent()) ?? '', /What does this do\?/);
    await $('#history-toggle').click();
    await waitFor('the history list', async () => ((await $('#history-list').textContent()) ?? '').includes('What does this do?'));
    await s.wb.screenshot('chat-history');
    await $('#history-toggle').click();
  });

  it('"Continue in chat" on an Explain answer carries it into a new conversation', async () => {
    s.fake.reply((r) => (r.endpoint === 'ollama.chat' && JSON.stringify(r.body).includes('Explain the following') ? { text: 'It computes the **mean**.' } : undefined));
    // The chat's message box has the focus since the reload: give it back to the editor area first.
    await s.wb.runCommand('View: Focus First Editor Group');
    await s.wb.openFile('src/stats.ts');
    await s.wb.goTo(2, 3);
    await s.wb.runCommand('Fathom: Explain');
    const panel = await panelFrame(s.page);
    await waitFor('the Explain answer', async () => (await panel.locator('body').getAttribute('data-phase')) === 'done', { timeoutMs: 20_000 });
    await panel.locator('#continue').click();
    chat = await chatFrame(s.page);
    await waitFor('the explanation in the chat', async () => ((await lastAnswer().textContent()) ?? '').includes('It computes the mean.'));
    assert.match((await $('.turn.user').first().textContent()) ?? '', /Explain/);
    assert.match((await $('.turn.user .chip').first().textContent()) ?? '', /^stats\.ts:1-\d$/, 'the explained function is attached');

    s.fake.reply((r) => (asked(r, 'And for an empty array?') ? { text: 'Then it divides by zero: `NaN`.' } : undefined));
    await ask('And for an empty array?');
    await answered();
    const body = JSON.stringify(lastChat(s.fake.requests)?.body);
    assert.ok(body.includes('It computes the **mean**.'), 'the explanation is part of the conversation sent');
    assert.ok(body.includes('return total / values.length;'), 'with the code it explained');
    await s.wb.screenshot('chat-continued');
  });

  it('works from the keyboard alone: the command focuses the box, Shift+Enter breaks the line, Enter sends', async () => {
    s.fake.reply((r) => (asked(r, 'second line') ? { text: 'Both lines arrived.' } : undefined));
    await s.wb.runCommand('Fathom: Open Chat');
    chat = await chatFrame(s.page);
    await waitFor('the message box to have the focus', () => chat.evaluate(() => document.activeElement?.id === 'input'));
    answersBefore = await $('.turn.assistant').count();
    await s.page.keyboard.type('first line');
    await s.page.keyboard.press('Shift+Enter');
    await s.page.keyboard.type('second line');
    await s.page.keyboard.press('Enter');
    await answered();
    assert.equal(await $('.turn.user .question').last().textContent(), 'first line\nsecond line');
    // Tab walks from the box to the buttons under it.
    await $('#input').focus();
    await s.page.keyboard.press('Tab');
    assert.equal(await chat.evaluate(() => document.activeElement?.id), 'attach-selection');
  });

  it('"/" lists the slash commands, typing narrows them, Tab picks one, and Enter asks with its instruction and the file', async () => {
    await s.wb.openFile('src/stats.ts');
    await s.wb.runCommand('Fathom: Open Chat');
    chat = await chatFrame(s.page);
    await $('#input').fill('');
    await $('#input').pressSequentially('/');
    await waitFor('the command list', async () => (await $('#slash-menu').isVisible()) && (await $('#slash-menu li').count()) > 0);
    assert.deepEqual(await $('#slash-menu .slash-name').allTextContents(), ['/explain', '/fix', '/tests', '/doc', '/commit']);
    assert.match((await $('#slash-menu li').first().textContent()) ?? '', /explain.+\S/i, 'each command says what it does');
    await s.wb.screenshot('chat-slash-menu');
    await $('#input').pressSequentially('d');
    await waitFor('only /doc left', async () => JSON.stringify(await $('#slash-menu .slash-name').allTextContents()) === '["/doc"]');
    await $('#input').press('Tab');
    assert.equal(await $('#input').inputValue(), '/doc ');
    assert.equal(await $('#slash-menu').isVisible(), false, 'the list closed');
    s.fake.reply((r) => (asked(r, 'Add documentation comments') ? { text: '```ts\n/** The mean of the values. */\n```' } : undefined));
    answersBefore = await $('.turn.assistant').count();
    await $('#input').press('Enter');
    await answered();
    const body = JSON.stringify(lastChat(s.fake.requests)?.body);
    assert.match(body, /Add documentation comments to the attached code/);
    assert.match(body, /stats\.ts/, 'the editor\'s code was attached');
    assert.equal(await $('.turn.user .question').last().textContent(), '/doc', 'the conversation shows what was typed');
  });

  it('picks the chat model from the server’s list; the next question uses it', async () => {
    await waitFor('the server’s models in the picker', async () => (await $('#model option').allTextContents()).includes('llama3.2:3b'));
    assert.deepEqual((await $('#model option').allTextContents()).sort(), ['llama3.2:3b', 'qwen2.5-coder:1.5b', 'qwen2.5-coder:7b']);
    await $('#model').selectOption('llama3.2:3b');
    await waitFor('the picker to show the new model', async () => (await $('#model').inputValue()) === 'llama3.2:3b');
    s.fake.reply((r) => (asked(r, 'Which model?') ? { text: 'This one.' } : undefined));
    await ask('Which model?');
    await answered();
    assert.equal((lastChat(s.fake.requests)?.body as { model?: string }).model, 'llama3.2:3b');
    await $('#model').selectOption('qwen2.5-coder:7b');
    await waitFor('the model back to the default', async () => (await $('#model').inputValue()) === 'qwen2.5-coder:7b');
  });

  it('stays responsive through a 2,000-line answer', async () => {
    // Short lines: the whole answer stays within the size cap of the default token limit (12 characters a token).
    const lines = Array.from({ length: 2000 }, (_, i) => `f(${i});`);
    const long = ['Here is the generated table:', '', '```ts', ...lines, '```', '', 'Done.'].join('\n');
    assert.ok(long.length < 2048 * 12, `${long.length} characters`);
    s.fake.reply((r) => (asked(r, 'Generate the table') ? { chunks: pieces(long, 60), tokenMs: 5 } : undefined));
    await ask('Generate the table');
    await waitFor('the long answer to start', () => streaming());
    // The page keeps taking input while it renders the answer.
    await $('#input').fill('typed while it streams');
    assert.equal(await $('#input').inputValue(), 'typed while it streams');
    await answered();
    const code = (await lastAnswer().locator('pre code').textContent()) ?? '';
    assert.equal(code.split('\n').filter(Boolean).length, 2000);
    assert.match((await lastAnswer().textContent()) ?? '', /Done\./);
    await $('#input').fill('');
    await s.wb.screenshot('chat-long-answer');
  });

  it('"@" picks a workspace file to attach, the chip can be removed, and the file is sent with the question', async () => {
    chat = await chatFrame(s.page);
    await $('#input').focus();
    await s.page.keyboard.type('@');
    const row = s.page.locator('.quick-input-list .monaco-list-row').filter({ has: s.page.locator('.label-name', { hasText: /stats\.ts$/ }) }).first();
    await waitFor('the file in the "@" picker', async () => {
      if (!(await s.page.locator('.quick-input-widget').isVisible())) return false;
      await s.page.locator('.quick-input-widget .quick-input-box input').fill('stats');
      return row.isVisible();
    }, { timeoutMs: 15_000 });
    assert.equal(await $('#input').inputValue(), '', 'the "@" itself was not typed');
    await s.wb.screenshot('chat-at-picker');
    await row.click();
    chat = await chatFrame(s.page);
    await waitFor('the file chip', async () => (await $('#chips .chip').allTextContents()).some((t) => t.startsWith('stats.ts')));
    // The chip can be removed; the File button attaches the current editor's file instead.
    await $('#chips .chip button[data-action="detach"]').first().click();
    await waitFor('the chip to go', async () => (await $('#chips .chip').count()) === 0);
    await $('#attach-file').click();
    await waitFor('the current file attached again', async () => (await $('#chips .chip').count()) === 1);
    s.fake.reply((r) => (asked(r, 'Summarise the attached file') ? { text: 'It computes a mean.' } : undefined));
    await ask('Summarise the attached file');
    await answered();
    assert.ok(JSON.stringify(lastChat(s.fake.requests)?.body).includes('export function mean'), 'the attached file was sent');
  });

  it('follows the colour theme: high contrast', async () => {
    await s.wb.pickColorTheme('Dark High Contrast');
    chat = await chatFrame(s.page);
    await waitFor('the chat to take the high-contrast theme', async () => ((await $('body').getAttribute('class').catch(() => '')) ?? '').split(' ').includes('vscode-high-contrast'));
    const color = await lastAnswer().locator('.body p').first().evaluate((p) => getComputedStyle(p).color);
    const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
    assert.ok(r + g + b > 3 * 160, `light text expected on the dark high-contrast background, got ${color}`);
    await s.wb.screenshot('chat-high-contrast');
    await s.wb.pickColorTheme('Light Modern');
  });
});
