/**
 * How each language writes a comment, so context snippets can sit at the top of a prompt as comments the
 * model reads as "code from elsewhere" without them becoming part of the file it continues.
 * The syntax itself is a fact in the language table (syntax/languages.ts).
 */
import { languageFacts, type CommentSyntax } from '../syntax/languages';
import type { ContextSnippet } from './snippets/snippet';

export type { CommentSyntax };

const SLASH: CommentSyntax = { line: '//' };

/** The comment syntax of a language; `//` for languages Fathom does not know (the most common form in code). */
export function commentSyntax(languageId: string): CommentSyntax {
  return languageFacts(languageId)?.comment ?? SLASH;
}

/** `text` as a comment: every line behind the line marker, or the whole inside one block with its closer defused. */
export function asComment(text: string, languageId: string): string {
  const syntax = commentSyntax(languageId);
  if ('line' in syntax) {
    return text
      .split('\n')
      .map((line) => (line === '' ? syntax.line : `${syntax.line} ${line}`))
      .join('\n');
  }
  // A closer inside the text would end the comment early: break it with a space.
  const closer = syntax.close;
  const safe = text.split(closer).join(`${closer.slice(0, -1)} ${closer.slice(-1)}`);
  return `${syntax.open} ${safe}\n${closer}`;
}

/** One snippet as a comment headed by its path, e.g. "// Path: src/util.ts" then the code, commented. */
export function snippetComment(snippet: Pick<ContextSnippet, 'path' | 'text'>, languageId: string): string {
  return asComment(`Path: ${snippet.path}\n${snippet.text.replace(/\n+$/, '')}`, languageId);
}

/**
 * Context for the top of a prefix: each snippet as a comment, then the current file's path, so the model sees
 * where the other files end and the file it continues begins. Empty without snippets (nothing to separate).
 */
export function contextHeader(snippets: readonly Pick<ContextSnippet, 'path' | 'text'>[], languageId: string, currentPath: string): string {
  if (snippets.length === 0) return '';
  const blocks = snippets.map((s) => snippetComment(s, languageId));
  return `${blocks.join('\n\n')}\n\n${asComment(`Path: ${currentPath}`, languageId)}\n`;
}
