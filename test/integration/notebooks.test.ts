/**
 * Notebooks: ghost text in a Jupyter cell of a real .ipynb (opened by VS Code's own ipynb serializer) reads the
 * cells above as its prefix and the cells below as its suffix; Explain works on a cell.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fathom, PAGE_LOAD_MS, setSetting, suiteFolder, useFakeServer, waitFor } from './helpers';
import { ipynbCell, ipynbText } from '../fixtures/ipynb';

interface GenerateBody {
  prompt?: string;
  suffix?: string;
}

const NOTEBOOK = ipynbText([
  ipynbCell('code', 'import pandas as pd'),
  ipynbCell('markdown', '## Load the sales\nOne row per order.'),
  ipynbCell('code', "sales = pd.read_csv('sales.csv')"),
  ipynbCell('code', 'total = sales['),
  ipynbCell('code', 'print(total)'),
  {
    ...ipynbCell('code', "sales['amount'].mean()"),
    outputs: [{ output_type: 'error', ename: 'KeyError', evalue: "'amount'", traceback: ['\u001b[0;31mKeyError\u001b[0m  Traceback (most recent call last)', "----> 1 sales['amount'].mean()", "KeyError: 'amount'"] }],
  },
]);

describe('notebooks', () => {
  const fake = useFakeServer();
  const folder = suiteFolder('notebooks-suite');

  before(async () => {
    await fathom();
    await folder.write('analysis.ipynb', NOTEBOOK);
  });
  after(async () => {
    await closeAllEditors();
    await folder.remove();
  });

  /** Opens the notebook with the cursor at the end of cell `index`, in that cell's editor. */
  async function editCell(index: number): Promise<vscode.TextEditor> {
    const notebook = await vscode.workspace.openNotebookDocument(folder.uri('analysis.ipynb'));
    await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(index, index + 1)] });
    await vscode.commands.executeCommand('notebook.cell.edit');
    const document = notebook.cellAt(index).document;
    // The notebook editor draws its outputs in a webview: its first open can wait as long as a webview page.
    const editor = await waitFor(`the editor of cell ${index}`, () => (vscode.window.activeTextEditor?.document === document ? vscode.window.activeTextEditor : undefined), { timeoutMs: PAGE_LOAD_MS });
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    return editor;
  }

  it('completes in a cell with the cells above as the prefix and the cells below as the suffix', async () => {
    await setSetting('completion.enabled', true);
    fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: "'amount'].sum()" } : undefined));
    const editor = await editCell(3);
    assert.equal(editor.document.uri.scheme, 'vscode-notebook-cell');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitFor('the suggestion to be shown and accepted in the cell', async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.getText() !== 'total = sales[';
    }, { timeoutMs: 30_000, intervalMs: 100 });
    assert.equal(editor.document.getText(), "total = sales['amount'].sum()");

    const request = fake.server.requests.find((r) => r.endpoint === 'ollama.generate');
    const body = request!.body as GenerateBody;
    assert.ok(body.prompt?.includes("import pandas as pd\n\n# ## Load the sales\n# One row per order.\n\nsales = pd.read_csv('sales.csv')\n\ntotal = sales["), `the cells above, markdown as comments, lead up to the cursor: ${JSON.stringify(body.prompt)}`);
    assert.ok(body.prompt?.endsWith('total = sales['), `the prompt ends at the cursor: ${JSON.stringify(body.prompt)}`);
    assert.equal(body.suffix?.startsWith('\n\nprint(total)'), true, `the cell below is the suffix: ${JSON.stringify(body.suffix)}`);
  });

  it('Explain on a cell sends the cell’s code', async () => {
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'It prints the total.' } : undefined));
    await editCell(4);
    await vscode.commands.executeCommand('fathom.explain');
    const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 10_000, 'an explain request');
    assert.ok(request.rawBody.includes('print(total)'), 'the cell’s code is in the request');
  });

  it('Debug on a cell that failed when it ran sends its traceback as the error, without asking for one', async () => {
    fake.server.reply((r) => (r.endpoint === 'ollama.chat' ? { text: 'The column is called `total_amount`.' } : undefined));
    await editCell(5);
    void vscode.commands.executeCommand('fathom.debug');
    const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.chat'), 10_000, 'a debug request');
    assert.ok(request.rawBody.includes("sales['amount'].mean()"), 'the cell’s code is in the request');
    assert.ok(request.rawBody.includes('KeyError') && request.rawBody.includes('Traceback (most recent call last)'), 'the traceback from the cell’s output is in the request');
    assert.ok(!request.rawBody.includes('\\u001b'), 'without terminal colour codes');
    (await fathom()).commands.cancelAll();
  });
});
