import * as assert from 'node:assert/strict';
import { cellErrorText, notebookDocumentText, type NotebookCell } from '../../../src/context/notebook';

const code = (text: string, languageId = 'python'): NotebookCell => ({ kind: 'code', languageId, text });
const markdown = (text: string): NotebookCell => ({ kind: 'markdown', languageId: 'markdown', text });

describe('notebookDocumentText: a cell read with the cells around it', () => {
  const cells = [code('import pandas as pd\n'), markdown('## Load the data\nFrom the CSV.'), code('df = pd.read_csv("sales.csv")'), code('df.'), code('print(df.shape)')];

  it('joins the cells in order: code as it is, markdown as comments, one blank line between cells', () => {
    const { text } = notebookDocumentText(cells, 3);
    assert.equal(text, 'import pandas as pd\n\n# ## Load the data\n# From the CSV.\n\ndf = pd.read_csv("sales.csv")\n\ndf.\n\nprint(df.shape)');
  });

  it('says where the current cell starts, so the cursor inside the cell maps into the joined text', () => {
    const { text, cellStart } = notebookDocumentText(cells, 3);
    assert.equal(text.slice(cellStart, cellStart + 3), 'df.');
    assert.equal(text.slice(0, cellStart + 3).endsWith('\n\ndf.'), true);
    assert.equal(text.slice(cellStart + 3), '\n\nprint(df.shape)', 'the cells below are the suffix');
  });

  it('the current cell keeps its text exactly (trailing blank lines included), other cells lose theirs', () => {
    const { text, cellStart } = notebookDocumentText([code('x = 1\n\n\n'), code('y = x\n\n')], 1);
    assert.equal(text, 'x = 1\n\ny = x\n\n');
    assert.equal(cellStart, 'x = 1\n\n'.length);
  });

  it('code in another language (a SQL cell in a Python notebook) comes in as a comment; empty cells are left out', () => {
    const { text } = notebookDocumentText([code('SELECT 1', 'sql'), code('   \n'), markdown(''), code('x = 2')], 3);
    assert.equal(text, '# SELECT 1\n\nx = 2');
  });

  it('comments are written in the current cell’s language', () => {
    const { text } = notebookDocumentText([markdown('Setup'), code('const a = 1;', 'typescript')], 1);
    assert.equal(text, '// Setup\n\nconst a = 1;');
  });

  it('the first cell starts at 0, and a notebook of one cell is that cell', () => {
    assert.deepEqual(notebookDocumentText([code('print(1)')], 0), { text: 'print(1)', cellStart: 0 });
    assert.equal(notebookDocumentText(cells, 0).cellStart, 0);
  });
});

describe('cellErrorText: the error a cell’s last run left', () => {
  const error = (e: object) => ({ mime: 'application/vnd.code.notebook.error', text: JSON.stringify(e) });

  it('reads the exception and its traceback, without the terminal colours', () => {
    const text = cellErrorText([
      { mime: 'text/plain', text: 'partial output' },
      error({ name: 'KeyError', message: "'amount'", stack: "\u001b[0;31mKeyError\u001b[0m Traceback (most recent call last)\nCell In[3], line 1\n----> 1 total = sales['amount']" }),
    ]);
    assert.equal(text, "KeyError: 'amount'\nKeyError Traceback (most recent call last)\nCell In[3], line 1\n----> 1 total = sales['amount']");
  });

  it('a traceback that already names the error is taken as it is', () => {
    assert.equal(cellErrorText([error({ name: 'ValueError', message: 'bad', stack: 'ValueError: bad\n  at x' })]), 'ValueError: bad\n  at x');
  });

  it('without an exception, what the cell wrote to stderr; nothing for a clean run', () => {
    assert.equal(cellErrorText([{ mime: 'application/vnd.code.notebook.stderr', text: 'warning: deprecated\n' }]), 'warning: deprecated');
    assert.equal(cellErrorText([{ mime: 'application/vnd.code.notebook.stdout', text: '42\n' }]), undefined);
    assert.equal(cellErrorText([]), undefined);
  });
});
