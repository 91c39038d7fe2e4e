/**
 * Test documents read like what the user sees: `█` marks the cursor. Helpers turn such a document into
 * the pipeline's inputs, and a result back into the document the user would get after pressing Tab.
 */
import { cursorContext, type CursorContext } from '../../../src/completion/analysis/cursorContext';
import { decideShape } from '../../../src/completion/analysis/multiline';
import type { FilterContext } from '../../../src/completion/postprocess';
import type { CompletionResult } from '../../../src/completion/engine/result';
import type { DocumentSnapshot } from '../../../src/workspace/document';

export const CURSOR = '█';

/** The snapshot of a document written with one `█`. */
export function snapshotOf(doc: string, languageId = 'typescript'): DocumentSnapshot {
  const offset = doc.indexOf(CURSOR);
  if (offset === -1 || doc.indexOf(CURSOR, offset + 1) !== -1) throw new Error('a fixture needs exactly one █');
  const text = doc.slice(0, offset) + doc.slice(offset + 1);
  return { uri: `file:///fixture.${languageId}`, path: `fixture.${languageId}`, languageId, text, offset, version: 1 };
}

export function cursorAt(doc: string, languageId = 'typescript', inCommentOrString = false): CursorContext {
  return cursorContext(snapshotOf(doc, languageId), inCommentOrString);
}

/** What a filter sees at the cursor of `doc`. */
export function contextAt(doc: string, languageId = 'typescript'): FilterContext {
  const cursor = cursorAt(doc, languageId);
  return { cursor, shape: decideShape(cursor) };
}

/** The document after accepting `result` at the cursor of `doc`, the cursor (`█`) after the inserted text. */
export function accepted(doc: string, result: CompletionResult | undefined): string {
  const { text, offset } = snapshotOf(doc);
  if (!result) return doc;
  return text.slice(0, offset) + result.insert + CURSOR + text.slice(offset + result.replaceLength);
}
