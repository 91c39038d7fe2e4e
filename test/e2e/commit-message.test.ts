/**
 * Write Commit Message as a user meets it: in a workspace that is a Git repository with a staged change (made
 * with the machine's `git` before the window opens, the built-in Git extension on), the Source Control view's
 * title bar has Fathom's button; clicking it sends the staged diff to the fake model and the message lands in the
 * commit message box, with a progress notification that can cancel while it is written. Screenshot: test-results/screenshots/commit-message.png.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';

const run = promisify(execFile);
const git = (cwd: string, ...args: string[]) => run('git', ['-c', 'user.name=Fathom Test', '-c', 'user.email=test@fathom.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd });

const CART = 'export function total(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n';
const MESSAGE = 'feat(cart): apply the discount to the total';

describe('commit message in the browser', function () {
  const s = useSession({
    files: { 'src/cart.ts': CART },
    settings: { 'git.enabled': true, 'git.openRepositoryInParentFolders': 'never' },
    async beforeOpen(workspace) {
      await git(workspace, 'init', '-q');
      await git(workspace, 'add', '-A');
      await git(workspace, 'commit', '-q', '-m', 'start');
      await writeFile(join(workspace, 'src', 'cart.ts'), CART.replace('0);', '0) * (1 - discount);').replace('prices: number[]', 'prices: number[], discount: number'));
      await git(workspace, 'add', 'src/cart.ts');
    },
  });

  it('the Source Control title bar\'s Fathom button writes a message for the staged change into the message box', async () => {
    s.fake.reply((r) => (r.endpoint === 'ollama.chat' ? { chunks: [MESSAGE.slice(0, 12), MESSAGE.slice(12)], pauseAfter: { chunks: 1, ms: 1500 }, tokenMs: 40 } : undefined));
    await s.wb.runCommand('Source Control: Focus on Changes View');
    const button = s.page.locator('.part.sidebar .action-item a.action-label[aria-label="Write Commit Message"]');
    await waitFor('Fathom\'s button in the Source Control title bar (Git has found the repository)', () => button.first().isVisible(), { timeoutMs: 30_000 });
    await button.first().click();
    // While the model writes: a progress notification that can cancel.
    const progress = s.page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'Write Commit Message' });
    await waitFor('the progress notification with Cancel', async () => (await progress.count()) > 0 && progress.first().getByRole('button', { name: 'Cancel' }).isVisible(), { timeoutMs: 10_000 });

    const box = s.page.locator('.scm-editor .monaco-editor .view-lines').first();
    await waitFor('the message in the commit message box', async () => ((await box.textContent()) ?? '').replace(/\u00a0/g, ' ').includes(MESSAGE), { timeoutMs: 20_000 });
    await s.wb.screenshot('commit-message');
    const request = s.fake.requests.find((r) => r.endpoint === 'ollama.chat');
    assert.ok(request, 'the model was asked');
    assert.ok(request.rawBody.includes('discount'), 'with the staged diff');
    assert.ok(request.rawBody.includes('src/cart.ts'), 'naming the staged file');
  });
});
