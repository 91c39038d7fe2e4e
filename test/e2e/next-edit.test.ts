import * as assert from 'node:assert/strict';
import { renameReply } from '../fake-server/rename-reply';
import { waitFor } from '../harness/wait';
import { useSession } from './helpers/session';

const BEFORE = ['const count = 1;', '', 'function show(): void {', '  console.log("counting");', '}', '', 'use(count);', 'show();', 'log(count);', ''].join('\n');

describe('next edit suggestions in the browser', function () {
  const s = useSession({ files: { 'src/count.ts': BEFORE }, settings: { 'fathom.nextEdit.model': 'llama3.2:3b' } });

  /** What the editor shows of a next-edit suggestion: struck-through text and the text decorations add after. */
  const shown = () =>
    s.page.evaluate(() => {
      const spans = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line span')];
      const struck = spans.filter((e) => e.children.length === 0 && getComputedStyle(e).textDecorationLine.includes('line-through')).map((e) => e.textContent ?? '');
      const after = spans.map((e) => getComputedStyle(e, '::after').content).filter((c) => c && c !== 'none' && c !== 'normal').map((c) => c.replace(/^"|"$/g, ''));
      return { struck, after };
    });

  it('begins a rename, shows the next place struck through with the new name beside it; Tab jumps, Tab applies', async () => {
    s.fake.reply(renameReply('count', 'total'));
    await s.wb.openFile('src/count.ts');
    await s.wb.goTo(1, 7);
    for (let i = 0; i < 5; i++) await s.page.keyboard.press('Delete');
    await s.wb.type('total');
    const typed = Date.now();
    const first = await waitFor('the next-edit suggestion in the editor', async () => {
      const now = await shown();
      return now.struck.includes('count') && now.after.some((a) => a.startsWith('Tab to jump')) && now;
    }, { timeoutMs: 15_000, intervalMs: 10 });
    const visibleAt = Date.now();
    const asked = s.fake.requests.find((r) => r.endpoint === 'ollama.chat');
    assert.ok(asked, 'the next-edit model was asked');
    console.log(`      last keystroke → next-edit suggestion visible: ${visibleAt - typed} ms (keystroke → request at the server ${asked.at - typed} ms, 300 of it debounce; request → visible ${visibleAt - asked.at} ms)`);
    assert.ok(first.after.includes('total'), `the new name beside the old one: ${JSON.stringify(first.after)}`);
    assert.ok(first.after.includes('Tab to jump to line 7'), `the hint at the cursor: ${JSON.stringify(first.after)}`);
    const marker = await s.page.evaluate(() => [...document.querySelectorAll('.editor-instance .monaco-editor *')].some((e) => getComputedStyle(e).backgroundImage.includes('next-edit.svg')));
    assert.ok(marker, 'a gutter marker on the suggestion’s line');
    await s.wb.screenshot('next-edit-shown');

    await s.page.keyboard.press('Tab');
    await waitFor('the cursor at the suggestion (Ln 7, Col 5)', async () => ((await s.page.locator('.statusbar [id="status.editor.selection"]').getAttribute('aria-label')) ?? '').includes('Ln 7, Col 5'));
    await s.page.keyboard.press('Tab');
    const done = BEFORE.replace(/\bcount\b/g, 'total');
    await s.wb.waitForEditorText(done);
    assert.deepEqual((await shown()).struck, [], 'nothing is left struck through');
    await s.wb.screenshot('next-edit-applied');

    // A second rename, warm (grammar loaded, client made): the time a user sees after the first one.
    s.fake.reply(renameReply('show', 'display'));
    await s.wb.goTo(3, 10);
    for (let i = 0; i < 4; i++) await s.page.keyboard.press('Delete');
    await s.wb.type('display');
    const typedAgain = Date.now();
    await waitFor('the second suggestion in the editor', async () => (await shown()).struck.includes('show'), { timeoutMs: 15_000, intervalMs: 10 });
    const visibleAgain = Date.now();
    const askedAgain = s.fake.requests.filter((r) => r.endpoint === 'ollama.chat').at(-1)!;
    console.log(`      warm: last keystroke → next-edit suggestion visible: ${visibleAgain - typedAgain} ms (keystroke → request ${askedAgain.at - typedAgain} ms; request → visible ${visibleAgain - askedAgain.at} ms)`);
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Tab');
    await s.wb.waitForEditorText(done.replace(/\bshow\b/g, 'display'));
  });
});
