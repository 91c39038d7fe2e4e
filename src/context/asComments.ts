/**
 * How each language writes a comment, so context snippets can sit at the top of a prompt as comments the
 * model reads as "code from elsewhere" without them becoming part of the file it continues.
 * Keyed by VS Code language id.
 */
import type { ContextSnippet } from './snippets/snippet';

export type CommentSyntax = { line: string } | { open: string; close: string };

const SLASH = { line: '//' };
const HASH = { line: '#' };
const DASH = { line: '--' };
const SEMI = { line: ';;' };
const PERCENT = { line: '%' };
const STAR_BLOCK = { open: '/*', close: '*/' };
const MARKUP = { open: '<!--', close: '-->' };

const BY_LANGUAGE: Readonly<Record<string, CommentSyntax>> = {
  typescript: SLASH, typescriptreact: SLASH, javascript: SLASH, javascriptreact: SLASH,
  java: SLASH, c: SLASH, cpp: SLASH, csharp: SLASH, go: SLASH, rust: SLASH, php: SLASH,
  swift: SLASH, kotlin: SLASH, scala: SLASH, dart: SLASH, groovy: SLASH, fsharp: SLASH,
  'objective-c': SLASH, 'objective-cpp': SLASH, cuda: SLASH, 'cuda-cpp': SLASH, hlsl: SLASH, glsl: SLASH,
  zig: SLASH, solidity: SLASH, proto: SLASH, proto3: SLASH, jsonc: SLASH, scss: SLASH, less: SLASH,
  python: HASH, ruby: HASH, shellscript: HASH, perl: HASH, r: HASH, yaml: HASH, toml: HASH,
  dockerfile: HASH, makefile: HASH, cmake: HASH, powershell: HASH, elixir: HASH, julia: HASH,
  coffeescript: HASH, nim: HASH, graphql: HASH, properties: HASH, tcl: HASH, crystal: HASH,
  sql: DASH, lua: DASH, haskell: DASH, elm: DASH, ada: DASH, purescript: DASH,
  clojure: SEMI, lisp: SEMI, scheme: SEMI, racket: SEMI, ini: { line: ';' },
  latex: PERCENT, tex: PERCENT, bibtex: PERCENT, erlang: PERCENT, matlab: PERCENT, prolog: PERCENT,
  vb: { line: "'" }, bat: { line: 'REM' }, vim: { line: '"' }, fortran: { line: '!' },
  css: STAR_BLOCK, ocaml: { open: '(*', close: '*)' },
  html: MARKUP, xml: MARKUP, xsl: MARKUP, markdown: MARKUP, vue: MARKUP, svelte: MARKUP, razor: MARKUP,
};

/** The comment syntax of a language; `//` for languages Fathom does not know (the most common form in code). */
export function commentSyntax(languageId: string): CommentSyntax {
  return BY_LANGUAGE[languageId] ?? SLASH;
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
