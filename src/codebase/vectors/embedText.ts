/**
 * What is sent to the embedding model for a chunk: its file's path on the first line (models place code
 * better knowing where it lives) and then the chunk's lines, redacted (src/privacy/redactor.ts) and capped,
 * so a secret never reaches the model and one huge chunk cannot fill a request.
 */
import type { Redactor } from '../../privacy/redactor';
import type { Chunk } from '../chunk';

/** Characters of a chunk sent at most (about 1,500 tokens: within every common embedding model's window). */
export const MAX_EMBED_CHARS = 6000;

/** The text embedded for `chunk`, from its file's `lines` (the file as split on '\n'). */
export function embedTextOf(chunk: Chunk, lines: readonly string[], redactor: Redactor): string {
  const body = lines.slice(chunk.startLine - 1, chunk.endLine).join('\n');
  // Redacted before the cut, so the cut never leaves half a secret that redaction would no longer recognise.
  return redactor.redact(`${chunk.path}\n${body}`).text.slice(0, MAX_EMBED_CHARS);
}
