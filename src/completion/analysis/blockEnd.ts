/**
 * Where a multi-line completion's block ends. The model streams the block and then keeps going into code
 * that already follows the cursor (or into unrelated code); the block ends
 * - on the line where the bracket the cursor is in closes (`}`, `});`, or a keyword block's `end`): that
 *   line is kept, unless the same closer already stands below the cursor at the same indentation (then
 *   the body alone is inserted);
 * - before the first line indented no deeper than the line that opened the block (Python's dedent, and a
 *   safety net for brace languages when a model loses count).
 * Works on text that is still arriving: `final: false` means the last line may still grow.
 */
import { CLOSERS, CodeScanner, scanFamily } from './codeScanner';
import { indentOf, indentWidth, isBlank, nextNonBlankLine, type CursorContext } from './cursorContext';
import { closesKeywordBlock } from './keywordBlocks';
import type { CompletionShape } from './multiline';

export interface BlockCut {
  /** Offset in the completion where it ends. */
  end: number;
  /** A second plausible end (the same block with or without its closing line), for the syntax check to weigh. */
  alternative?: number;
}

export function findBlockEnd(completion: string, cursor: CursorContext, shape: CompletionShape, final: boolean): BlockCut | undefined {
  const family = scanFamily(cursor.languageId);
  const scanner = new CodeScanner(family).prime(cursor.linePrefix);
  const openerWidth = indentWidth(shape.openerIndent);
  /** End of the last non-blank line so far: where the completion ends when the next line leaves the block. */
  let contentEnd = 0;
  for (let start = 0, index = 0; start <= completion.length; index++) {
    const newline = completion.indexOf('\n', start);
    const complete = newline !== -1 || final;
    const end = newline === -1 ? completion.length : newline;
    const line = completion.slice(start, end);
    const trimmed = line.trimStart();
    const atStatementStart = index > 0 && trimmed !== '' && scanner.inCode && scanner.depth <= 0;
    if (atStatementStart && indentWidth(indentOf(line)) <= openerWidth) {
      const closing = CLOSERS.includes(trimmed[0]) || closesKeywordBlock(trimmed, cursor.languageId);
      // A statement at the opener's level: the block ended on the line before it.
      if (!closing) return { end: contentEnd };
      if (!complete) return undefined;
      if (!CLOSERS.includes(trimmed[0])) return closingLine(completion, cursor, contentEnd, start, end);
    }
    if (!complete) return undefined;
    scanner.scan(newline === -1 ? line : line + '\n');
    if (scanner.depth < 0) {
      return index === 0 ? { end } : closingLine(completion, cursor, contentEnd, start, end);
    }
    if (trimmed !== '') contentEnd = end;
    if (newline === -1) break;
    start = newline + 1;
  }
  return undefined;
}

/**
 * The completion closes the block on the line [start, end). Keep that line, unless the document already
 * has the same closer on the next line at the same indentation (the editor inserted it, or the cursor is
 * on an empty line inside an existing block).
 */
function closingLine(completion: string, cursor: CursorContext, contentEnd: number, start: number, end: number): BlockCut {
  const withLine = end;
  const withoutLine = contentEnd;
  if (!isBlank(cursor.lineSuffix)) return { end: withLine };
  const line = completion.slice(start, end);
  const below = nextNonBlankLine(cursor);
  if (below === undefined || closerToken(below, cursor.languageId) !== closerToken(line, cursor.languageId)) return { end: withLine };
  const sameIndent = indentWidth(indentOf(below)) === indentWidth(indentOf(line));
  return sameIndent ? { end: withoutLine, alternative: withLine } : { end: withLine, alternative: withoutLine };
}

/** What a closing line starts with: its first character, or its keyword (`end` is not `else`). */
function closerToken(line: string, languageId: string): string | undefined {
  const trimmed = line.trimStart();
  return closesKeywordBlock(trimmed, languageId) ? /^\w+/.exec(trimmed)![0] : trimmed[0];
}
