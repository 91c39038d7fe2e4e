/**
 * Single line or a whole block? Decided from the code at the cursor before the request is sent, because
 * it sets how long the stream may run and how the answer is cut:
 * - right after a block opener (`{`, `(`, `[`, Python's `:`, a keyword such as Ruby's `def` or `do`) at the
 *   end of a line, with an empty block below (the next line is not indented deeper) → the block: its
 *   body and, when missing, its closer;
 * - on the empty, indented first line of such a block → the same;
 * - anywhere else (mid-line, end of an ordinary line, inside a comment or string) → the rest of the line;
 *   at the very end of a line with code, the next line when the model says this one is finished.
 * Closing brackets the editor auto-inserted right of the cursor do not make the cursor "mid-line".
 */
import { CodeScanner, OPENERS, scanFamily, usesIndentationBlocks } from './codeScanner';
import { indentOf, indentWidth, isBlank, nextNonBlankLine, type CursorContext } from './cursorContext';
import { opensKeywordBlock } from './keywordBlocks';
import { MULTILINE_HEADER_LINES as HEADER_LINES } from '../../tunables/tunables';

export type ShapeReason = 'comment-or-string' | 'mid-line' | 'line' | 'block-open' | 'block-empty';

export interface CompletionShape {
  multiline: boolean;
  reason: ShapeReason;
  /** Indentation of the line that opens the block (for a single line, the cursor line's). */
  openerIndent: string;
  /**
   * A single line at the very end of a line that has code (nothing right of the cursor): when the answer
   * starts with a line break, the line is finished and the answer is the next line. Shown at once, it is there
   * when the user presses Enter — one request for two lines, and no wait at the new line's start.
   */
  nextLine?: boolean;
  /** The user's limit on the lines shown (`fathom.completion.maxLines`; absent: none). A block's empty first line (after `{`) does not count. */
  maxLines?: number;
}

/** What may stand right of the cursor without making it mid-line: auto-closed brackets and quotes. */
const AUTO_CLOSED = /^[\s)\]}'"`;,]*$/;

export function decideShape(cursor: CursorContext): CompletionShape {
  const atLineEnd = cursor.lineSuffix === '' && !isBlank(cursor.linePrefix);
  const single = (reason: ShapeReason): CompletionShape => ({ multiline: false, reason, openerIndent: indentOf(cursor.linePrefix), ...(atLineEnd && { nextLine: true }) });
  if (cursor.inCommentOrString) return single('comment-or-string');
  if (!AUTO_CLOSED.test(cursor.lineSuffix)) return single('mid-line');

  const linesAbove = cursor.linesBefore.split('\n');
  linesAbove.pop(); // linesBefore ends with a line break
  if (!isBlank(cursor.linePrefix)) {
    if (!endsWithBlockOpener(cursor.linePrefix, cursor.languageId)) return single('line');
    const openerIndent = statementIndent(linesAbove, cursor.linePrefix, cursor.languageId);
    return blockBelowIsEmpty(cursor, openerIndent) ? { multiline: true, reason: 'block-open', openerIndent } : single('line');
  }

  // An empty line: multi-line when it is the first line of a block whose body is missing.
  while (linesAbove.length && isBlank(linesAbove[linesAbove.length - 1])) linesAbove.pop();
  const opener = linesAbove.pop();
  if (opener === undefined || !endsWithBlockOpener(opener, cursor.languageId)) return single('line');
  const openerIndent = statementIndent(linesAbove, opener, cursor.languageId);
  return blockBelowIsEmpty(cursor, openerIndent) ? { multiline: true, reason: 'block-empty', openerIndent } : single('line');
}


/**
 * Indentation of the statement the opener line ends: when that line closes brackets opened on lines
 * above (a header wrapped over several lines), the indentation of the line where they opened. A line
 * that starts by closing the previous block (`} else {`) keeps its own indentation, like one whose
 * brackets do not balance within HEADER_LINES.
 */
export function statementIndent(linesAbove: readonly string[], openerLine: string, languageId: string): string {
  const family = scanFamily(languageId);
  let text = openerLine.replace(/^\s*\}+/, '');
  for (let i = linesAbove.length - 1, taken = 0; ; i--, taken++) {
    if (new CodeScanner(family).scan(text).unmatched.length === 0) return indentOf(i === linesAbove.length - 1 ? openerLine : linesAbove[i + 1]);
    if (i < 0 || taken >= HEADER_LINES) return indentOf(openerLine);
    text = linesAbove[i] + '\n' + text;
  }
}

/**
 * The line's code ends with a bracket it leaves open, (Python) with a `:` that opens a block, or opens a
 * keyword block (Ruby's `def`, `do |x|`, `if`; Elixir's `do`; Lua's `function`, `then`, `do`).
 */
export function endsWithBlockOpener(line: string, languageId: string): boolean {
  const scanner = new CodeScanner(scanFamily(languageId)).scan(line);
  if (scanner.inMultilineToken) return false;
  const last = scanner.lastCode;
  if (OPENERS.includes(last)) return scanner.open[scanner.open.length - 1] === last;
  // `if x:`, `def f(a,\n      b) -> int:`; not a dict entry `{'a':` or a slice `x[1:`.
  if (last === ':' && usesIndentationBlocks(languageId)) return scanner.depth <= 0;
  return opensKeywordBlock(line, languageId);
}

/** Nothing of the block's body follows: the next non-blank line is indented no deeper than the opener. */
function blockBelowIsEmpty(cursor: CursorContext, openerIndent: string): boolean {
  const next = nextNonBlankLine(cursor);
  return next === undefined || indentWidth(indentOf(next)) <= indentWidth(openerIndent);
}
