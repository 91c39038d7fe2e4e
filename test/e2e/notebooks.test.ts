/**
 * A Jupyter notebook in the browser, as a user meets it: typing in a code cell of a real .ipynb (opened by VS
 * Code's own ipynb support) shows ghost text from the fake model, asked with the cells above as the prefix and
 * the cells below as the suffix, and Tab puts it into the cell. Screenshot: test-results/screenshots/notebook-ghost-text.png.
 */
import * as assert from 'node:assert/strict';
import { waitFor } from '../harness';
import { useSession } from './helpers/session';
import { ipynbCell, ipynbText } from '../fixtures/ipynb';

const NOTEBOOK = ipynbText([ipynbCell('code', 'import pandas as pd'), ipynbCell('markdown', '## Load the sales'), ipynbCell('code', "sales = pd.read_csv('sales.csv')"), ipynbCell('code', 'total = '), ipynbCell('code', 'print(total)')]);

describe('notebooks in the browser', function () {
  const s = useSession({ files: { 'analysis.ipynb': NOTEBOOK } });

  it('typing in a code cell shows ghost text asked with the cells around it, and Tab puts it in the cell', async () => {
    s.fake.reply((r) => (r.endpoint === 'ollama.generate' ? { text: "sales['amount'].sum()" } : undefined));
    await s.wb.openFile('analysis.ipynb', { notebook: true });
    // The fourth cell ("total = "): its editor, clicked at the end of its line.
    const cellEditor = s.page.locator('.notebook-editor .cell-editor-container .monaco-editor').filter({ hasText: 'total =' }).first();
    await waitFor('the notebook\'s cells', () => cellEditor.isVisible(), { timeoutMs: 30_000 });
    await cellEditor.locator('.view-line').first().click();
    await s.page.keyboard.press('End');
    await s.wb.type(' ');
    await s.page.keyboard.press('Backspace');

    const ghost = () => cellEditor.locator('.ghost-text-decoration, .ghost-text-decoration-preview').allTextContents().then((t) => t.join(''));
    await waitFor('ghost text in the cell', async () => (await ghost()) === "sales['amount'].sum()", { timeoutMs: 15_000 });
    await s.wb.screenshot('notebook-ghost-text');
    const request = s.fake.requests.filter((r) => r.endpoint === 'ollama.generate').at(-1);
    const body = request?.body as { prompt?: string; suffix?: string };
    assert.match(body.prompt ?? '', /import pandas as pd[\s\S]*# ## Load the sales[\s\S]*sales = pd\.read_csv\('sales\.csv'\)[\s\S]*total = $/, 'the cells above, markdown as a comment');
    assert.match(body.suffix ?? '', /print\(total\)/, 'the cells below');

    await s.page.keyboard.press('Tab');
    await waitFor('the cell to hold the suggestion', async () => ((await cellEditor.locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ') === "total = sales['amount'].sum()");
  });
});
