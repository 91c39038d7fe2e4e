/**
 * Decides, chunk by chunk, when the streamed text holds everything the completion will show, so the
 * engine stops reading (which aborts the HTTP stream and frees the model for the next request):
 * - a control token (end of text, file separator) ends it;
 * - a single line ends at the first line break (at a line end, the next line's: keepFirstLine.ts);
 * - a block ends once its end is known (blockEnd.ts), once the model starts repeating the code below the
 *   cursor, or after MAX_BLOCK_LINES lines (or the user's `fathom.completion.maxLines`, shape.maxLines).
 * Post-processing then cuts the text exactly; stopping reads at most one line more than it keeps.
 */
import { findBlockEnd } from '../analysis/blockEnd';
import type { CursorContext } from '../analysis/cursorContext';
import type { CompletionShape } from '../analysis/multiline';
import { suffixRepeatStart } from '../postprocess/cutAtSuffixRepeat';
import { singleLineEnd } from '../postprocess/keepFirstLine';
import { lineLimit } from '../postprocess/keepMaxLines';
import { stripFence } from '../postprocess/stripMarkdownFence';
import { cutAtSpecialToken, endsWithSpecialToken } from '../postprocess/stripSpecialTokens';
import { MAX_BLOCK_LINES } from '../../tunables/tunables';

export { MAX_BLOCK_LINES };

export class StreamStop {
  private raw = '';

  constructor(
    private readonly cursor: CursorContext,
    private readonly shape: CompletionShape,
  ) {}

  /** Everything received so far. */
  get text(): string {
    return this.raw;
  }

  /** Adds a chunk; true when the completion is decided and reading should stop. */
  push(chunk: string): boolean {
    this.raw += chunk;
    // Every control token ends with '>': look for one only when such a chunk arrives.
    if (chunk.includes('>') && endsWithSpecialToken(this.raw)) return true;
    if (!chunk.includes('\n')) return false;
    const text = stripFence(cutAtSpecialToken(this.raw));
    const newline = text.indexOf('\n');
    if (newline === -1) return false;
    if (!this.shape.multiline) return singleLineEnd(text, this.shape) !== undefined;
    // Complete lines only: the last one may still grow.
    const complete = text.slice(0, text.lastIndexOf('\n')).split('\n');
    const maxLines = this.shape.maxLines ? Math.min(MAX_BLOCK_LINES, lineLimit(this.shape.maxLines, complete[0])) : MAX_BLOCK_LINES;
    if (complete.length >= maxLines) return true;
    if (findBlockEnd(text, this.cursor, this.shape, false) !== undefined) return true;
    return suffixRepeatStart(complete, this.cursor, false) !== undefined;
  }
}
