/**
 * How the workspace chunks given to a chat question are written into it: each headed by its path and line
 * range (so the model can cite `path:line` and the answer's links land on real lines), in a fence its code
 * cannot close; and, when the index could not give everything, a sentence that tells the model so rather
 * than letting it guess that the workspace holds nothing more.
 */
import { fenced } from '../commands/promptVars';
import { languageOfPath } from '../syntax/languages';
import type { CodebaseChunk, CodebaseContext, CodebaseNote } from './codebaseContext';

export function codebasePromptText(context: CodebaseContext): string {
  const parts: string[] = [];
  if (context.chunks.length > 0) {
    parts.push('Code from this workspace, found by searching its index (cite it as path:line):');
    parts.push(...context.chunks.map(chunkText));
  }
  const note = context.note && noteForModel(context.note);
  if (note) parts.push(note);
  return parts.join('\n\n');
}

export function chunkText(chunk: CodebaseChunk): string {
  const what = chunk.symbol ? `, ${chunk.symbol}` : '';
  return `\`${chunk.path}\` (lines ${chunk.startLine}-${chunk.endLine}${what}):\n${fenced(chunk.text, languageOfPath(chunk.path, chunk.text) ?? '')}`;
}

function noteForModel(note: CodebaseNote): string {
  switch (note.kind) {
    case 'building':
      if (note.total === 0) return '(The workspace index is still being built, so code elsewhere may be missing.)';
      return `(The workspace index is still being built: ${note.indexed} of ${note.total} files are indexed, so code elsewhere may be missing.)`;
    case 'off':
      return '(The workspace index is off, so no code from the workspace could be looked up.)';
    case 'failed':
      return '(The workspace index could not be searched, so no code from the workspace could be looked up.)';
  }
}
