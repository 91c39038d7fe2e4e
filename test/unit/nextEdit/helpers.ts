/** Shared by the next-edit tests: a case built from the document before and after, run with the dev grammars. */
import { Parsers } from '../../../src/syntax/parsers';
import type { NextEditCase } from '../../../src/nextEdit/runCase';
import { devGrammar } from '../syntax/grammars';

export const parsers = new Parsers(devGrammar);

/**
 * A case: `original` edited at `line` (`from` → `to`, first occurrence on the line), `after` the complete
 * change; the cursor right after `to`.
 */
export function caseOf(id: string, languageId: string, original: string[], line: number, from: string, to: string, after: string[]): NextEditCase {
  const text = [...original];
  const at = text[line].indexOf(from);
  if (at === -1) throw new Error(`"${from}" is not on line ${line}`);
  text[line] = text[line].slice(0, at) + to + text[line].slice(at + from.length);
  const path = `src/${id}.${languageId === 'python' ? 'py' : languageId === 'javascript' ? 'js' : 'ts'}`;
  return { id, languageId, path, text: text.join('\n'), cursor: { line, character: at + to.length }, edit: { line, from, to }, after: after.join('\n') };
}
