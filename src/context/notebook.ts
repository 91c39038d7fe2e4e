/**
 * A notebook cell as the completion pipeline reads it: one document made of the notebook's cells, so the cells
 * above are the prefix and the cells below the suffix (a Jupyter cell alone is often one line that only makes
 * sense after the imports and variables of the cells before it). Code cells in the cell's own language come in
 * as they are; markdown cells (what the notebook says it is doing) and code cells in another language come in
 * as comments, so the whole stays valid code the parser and the model read as one file. Outputs are left out.
 */
import { asComment } from './asComments';

export interface NotebookCell {
  kind: 'code' | 'markdown';
  languageId: string;
  text: string;
}

export interface NotebookDocumentText {
  /** The cells joined, in order. */
  text: string;
  /** Where the current cell's text starts in `text` (add the cursor's offset inside the cell). */
  cellStart: number;
}

/** Between two cells: one blank line, as Jupyter's "export as script" writes them. */
const CELL_SEPARATOR = '\n\n';

/** The notebook's cells as one document in the language of `cells[current]`. */
export function notebookDocumentText(cells: readonly NotebookCell[], current: number): NotebookDocumentText {
  const language = cells[current].languageId;
  const parts: string[] = [];
  let cellStart = 0;
  cells.forEach((cell, i) => {
    if (i === current) {
      cellStart = parts.reduce((n, part) => n + part.length + CELL_SEPARATOR.length, 0);
      parts.push(cell.text);
      return;
    }
    const text = cell.text.replace(/\s+$/, '');
    if (text === '') return;
    parts.push(cell.kind === 'code' && cell.languageId === language ? text : asComment(text, language));
  });
  return { text: parts.join(CELL_SEPARATOR), cellStart };
}

/** One output item of a cell, its bytes decoded (VS Code's notebook output mime types). */
export interface CellOutputItem {
  mime: string;
  text: string;
}

const ERROR_MIME = 'application/vnd.code.notebook.error';
const STDERR_MIME = 'application/vnd.code.notebook.stderr';
// Terminal colours in Jupyter's tracebacks (ESC [ … m), which mean nothing to a model.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * The error a cell's last run left in its outputs (the exception with its traceback, else what it wrote to
 * stderr), as text for Debug; undefined when the cell ran cleanly or never ran.
 */
export function cellErrorText(items: readonly CellOutputItem[]): string | undefined {
  const errors = items.filter((i) => i.mime === ERROR_MIME).map((i) => describeError(i.text));
  const found = errors.length ? errors : items.filter((i) => i.mime === STDERR_MIME).map((i) => i.text);
  const text = found.join('\n').replace(ANSI, '').trim();
  return text || undefined;
}

function describeError(json: string): string {
  try {
    const { name, message, stack } = JSON.parse(json) as { name?: string; message?: string; stack?: string };
    const head = [name, message].filter(Boolean).join(': ');
    return stack && head && stack.includes(head) ? stack : [head, stack].filter(Boolean).join('\n');
  } catch {
    return json;
  }
}
