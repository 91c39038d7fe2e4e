/**
 * Some models start by repeating what is already there: the cursor line typed so far (`return ` →
 * `return x`), or, on an empty line, the line that opened the block. The repeat is dropped so it is not
 * inserted twice.
 */
import { isBlank, previousNonBlankLine } from '../analysis/cursorContext';
import type { Filter } from './types';
import { MIN_LINE_ECHO } from '../../tunables/tunables';
import { MIN_BLOCK_ECHO } from '../../tunables/tunables';


export const dropEchoedPrefix: Filter = (draft, { cursor }) => {
  const text = draft.text;
  const typed = cursor.linePrefix.trim();
  if (typed.length >= MIN_LINE_ECHO) {
    const lead = /^[ \t]*/.exec(text)![0];
    if (text.startsWith(typed, lead.length)) {
      let rest = text.slice(lead.length + typed.length);
      // The cursor is after `return ` and the echo was `return x`: keep one space, the document's.
      if (/[ \t]$/.test(cursor.linePrefix)) rest = rest.replace(/^[ \t]+/, '');
      return { ...draft, text: rest };
    }
    return draft;
  }
  if (isBlank(cursor.linePrefix)) {
    const opener = previousNonBlankLine(cursor)?.trim();
    const newline = text.indexOf('\n');
    const first = (newline === -1 ? text : text.slice(0, newline)).trim();
    if (opener && opener.length >= MIN_BLOCK_ECHO && first === opener && newline !== -1) {
      return { ...draft, text: text.slice(newline + 1).replace(/^[ \t]+/, '') };
    }
  }
  return draft;
};
