import * as assert from 'node:assert/strict';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';

describe('ghost text in the browser', function () {
  const s = useSession({
    files: {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  \n}\n',
      'src/total.ts': 'export function total(prices: number[]): number {\n}\n',
    },
  });

  it('shows the fake model’s completion while typing, and Tab accepts it', async () => {
    s.fake.reply(() => ({ text: 'a + b;' }));
    await s.wb.openFile('src/math.ts');
    await s.wb.goTo(2, 3);
    await s.wb.type('return ');

    await s.wb.waitForGhostText('a + b;');
    await s.wb.screenshot('ghost-text-shown');
    const request = s.fake.requests.filter((r) => r.endpoint === 'ollama.generate').at(-1);
    assert.ok(request, 'Fathom asked the fake server');
    assert.match((request.body as { prompt: string }).prompt, /return $/);

    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((text) => text.includes('  return a + b;'));
    assert.equal(await s.wb.editorText(), 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    await s.wb.screenshot('ghost-text-accepted');
  });

  it('a block shows its first line at once, then grows to the whole block when the stream has decided it; Tab takes the block', async () => {
    const FIRST = 'const sum = prices.reduce((a, b) => a + b, 0);';
    // The model writes the first line, then "thinks" for 2.5 s before the rest of the block.
    // Once the block is in the file, the model has nothing more to add: the next suggestion (asked at once after
    // accepting) would otherwise show as ghost text after it, which the editor's text as read from the page includes.
    const blockIn = (r: { body: unknown }) => ((r.body as { prompt?: string }).prompt ?? '').includes('return sum;');
    s.fake.reply((r) => (r.endpoint !== 'ollama.generate' ? undefined : blockIn(r) ? { text: '' } : { chunks: [FIRST, '\n', '  return sum;', '\n', '}'], pauseAfter: { chunks: 2, ms: 2500 }, tokenMs: 5 }));
    await s.wb.openFile('src/total.ts');
    // Enter after the opening brace: the editor indents the new line above the closing brace — a block to write.
    await s.wb.goTo(1, 'export function total(prices: number[]): number {'.length + 1);
    await s.wb.type('\n');
    const early = await s.wb.waitForGhostText(FIRST, { timeoutMs: 2_000 });
    assert.ok(!early.includes('return sum;'), `only the first line while the model is still writing: ${JSON.stringify(early)}`);
    await s.wb.screenshot('ghost-text-first-line');
    const grown = await s.wb.waitForGhostText(/return sum;/, { timeoutMs: 8_000 });
    assert.ok(grown.startsWith(FIRST), `the block extends the line shown: ${JSON.stringify(grown)}`);
    await s.wb.screenshot('ghost-text-grown');
    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((text) => text.includes('return sum;'));
    // The editor's own indentation (4 spaces in the web client) on the line it made; the model's lines after it.
    assert.match(await s.wb.editorText(), new RegExp(`^export function total\\(prices: number\\[\\]\\): number \\{\\n +${FIRST.replace(/[()[\]{}.+*?^$|\\]/g, '\\$&')}\\n  return sum;\\n\\}\\n$`));
    assert.equal(s.fake.requests.filter((r) => r.endpoint === 'ollama.generate').length >= 1, true);
  });
});

describe('alternatives in the browser', function () {
  const s = useSession({
    files: { 'src/sub.ts': 'export function sub(a: number, b: number): number {\n  return \n}\n' },
    // The suggestion's toolbar ("1/3" and the arrows) shown without hovering, so the test can read it.
    settings: { 'editor.inlineSuggest.showToolbar': 'always' },
  });

  it('Alt+\\ offers alternatives: the first at once, Alt+] cycles to a different one, Tab takes it', async () => {
    // The fake model answers by how warm the request samples: the settings' 0.2, then the warmer alternatives.
    const byTemperature = (t: number) => (t < 0.5 ? 'a - b;' : t < 0.8 ? '-(b - a);' : 'Math.abs(a) - b;');
    s.fake.reply((r) => (r.endpoint === 'ollama.generate' ? { text: byTemperature((r.body as { options?: { temperature?: number } }).options?.temperature ?? 0) } : undefined));
    await s.wb.openFile('src/sub.ts');
    await s.wb.goTo(2, 10);
    await s.page.keyboard.press('Alt+Backslash');
    await s.wb.waitForGhostText('a - b;');
    // Once the others are found, the suggestion's toolbar counts them; the first stays on screen meanwhile.
    const hints = s.page.locator('.inlineSuggestionsHints');
    // VS Code hides and draws the suggestion again to take the list: read both once it has drawn them.
    await waitFor(
      'the toolbar to count three suggestions, the first still shown',
      async () => /1\s*\/\s*3/.test((await hints.textContent().catch(() => '')) ?? '') && (await s.wb.ghostText()) === 'a - b;',
      { timeoutMs: 15_000 },
    );
    await s.page.keyboard.press('Alt+BracketRight');
    await s.wb.waitForGhostText('-(b - a);');
    assert.match((await hints.textContent()) ?? '', /2\s*\/\s*3/);
    await s.wb.screenshot('ghost-text-alternative');
    const temperatures = s.fake.requests.filter((r) => r.endpoint === 'ollama.generate').map((r) => (r.body as { options?: { temperature?: number } }).options?.temperature);
    assert.deepEqual(temperatures.slice(-3), [0.2, 0.6, 0.9], 'one request per suggestion, the alternatives sampled warmer');
    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((text) => text.includes('return -(b - a);'));
  });
});
