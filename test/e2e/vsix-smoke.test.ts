/**
 * The packaged extension as a user installs it: the .vsix from `npm run package` goes into the VS Code server
 * with `--install-extension` (no development path), then ghost text from the fake server, Tab, and
 * "Fathom: Explain" answering in the panel, and the codebase index built by its worker. It proves that the package
 * carries everything that runs: the bundle with its dependencies, the tree-sitter runtime and grammars (Explain
 * names the method only when the grammar loaded from dist/grammars), the prompt files, the webview script and its
 * stylesheet, and the index worker (dist/codebaseWorker.js: without it the Doctor's index row says "failed"). The
 * index is built on disk (FATHOM_DISK_INDEX_FROM_FILES=1, which the VS Code server and its worker inherit), so
 * SQLite's wasm (dist/node-sqlite3-wasm.wasm) must be in the package too: without it the build fails.
 *
 *   npm run test:vsix            package, then this test
 *   npm run test:vsix -- --no-build   test the existing fathom-<version>.vsix
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { GiveUp, waitFor } from '../harness';
import { useSession } from './helpers/session';
import { webviewFrame } from './helpers/webviews';

const VSIX = process.env.FATHOM_VSIX;
// Every workspace's index on disk (test only): the worker loads SQLite from the package.
process.env.FATHOM_DISK_INDEX_FROM_FILES ??= '1';

const CALC = `export class Calculator {
  add(a: number, b: number): number {
    const sum = a + b;
    
  }
}
`;

describe('the packaged .vsix, installed', function () {
  if (!VSIX || !existsSync(VSIX)) throw new Error(`FATHOM_VSIX names no .vsix (${VSIX ?? 'unset'}): run this test with "npm run test:vsix"`);
  const s = useSession({ vsix: VSIX, files: { 'src/calc.ts': CALC } });

  it('completes with ghost text that Tab accepts', async () => {
    s.fake.reply((r) => (r.endpoint === 'ollama.generate' ? { text: 'sum;' } : undefined));
    await s.wb.openFile('src/calc.ts');
    await s.wb.goTo(4, 5);
    await s.wb.type('return ');
    await s.wb.waitForGhostText('sum;');
    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((text) => text.includes('    return sum;\n  }'));
    await s.wb.screenshot('vsix-ghost-text-accepted');
  });

  it('"Fathom: Explain" finds the method with the shipped grammar and answers in the panel', async () => {
    s.fake.reply((r) => (r.endpoint === 'ollama.chat' ? { chunks: ['## What `add` does\n\n', 'It returns **a + b** (L3).'], tokenMs: 20 } : undefined));
    await s.wb.goTo(3, 5);
    await s.wb.runCommand('Fathom: Explain');

    const panel = s.page.frameLocator('iframe.webview').frameLocator('iframe');
    await waitFor('the answer to finish in the panel', async () => (await panel.locator('body').getAttribute('data-phase', { timeout: 1000 }).catch(() => null)) === 'done', { timeoutMs: 20_000 });
    assert.equal(await panel.locator('#answer h2').textContent(), 'What add does');
    assert.equal(await panel.locator('#answer a.line-link').textContent(), 'L3');
    await s.wb.screenshot('vsix-explain');

    const chat = s.fake.requests.filter((r) => r.endpoint === 'ollama.chat').at(-1);
    assert.ok(chat, 'Fathom asked the fake server');
    const user = (chat.body as { messages: { role: string; content: string }[] }).messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
    // "method `add`" comes from tree-sitter; without the grammar the target would be an unnamed indentation block.
    assert.match(user, /Explain the following method `add` from `src\/calc\.ts` \(lines 2-5, TypeScript\)/);
  });

  it('the index worker in the package starts and indexes the workspace: "Fathom: Rebuild Index", then the Doctor says ready with its files', async () => {
    await s.wb.runCommand('Fathom: Rebuild Index');
    let row = '';
    await waitFor('the Doctor to say the index is ready with files', async () => {
      await s.wb.runCommand('Fathom: Doctor');
      const doctor = await webviewFrame(s.page, 'section[data-section="codebase"]', "the Doctor's codebase index row");
      row = (await doctor.locator('section[data-section="codebase"] .check .detail').textContent()) ?? '';
      // A worker that did not start (dist/codebaseWorker.js missing) leaves "failed: …" here, never "ready".
      if (row.startsWith('failed')) throw new GiveUp(`the index failed: ${row}`);
      return /^ready: [1-9][\d,]* files, [1-9][\d,]* chunks/.test(row);
    }, { timeoutMs: 60_000, intervalMs: 1_000 });
    assert.match(row, /^ready: /);
    await s.wb.screenshot('vsix-index-ready');
  });
});
