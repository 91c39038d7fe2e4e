/**
 * Where "Apply" puts a code block from the chat: over the user's selection when there is one; else over the
 * declaration in the file with the same name as the block's first declaration (the model rewrote that
 * function or class); else over the whole file (a diff still shows every change before anything is written).
 * Pure text logic; the adapter widens the found name to its whole declaration with the syntax tree.
 */

export type ApplyPlan =
  | { kind: 'selection'; start: number; end: number }
  /** The declaration named `name` whose name starts at `offset`: the adapter finds its extent. */
  | { kind: 'declaration'; name: string; offset: number }
  | { kind: 'file' };

const DECLARATION =
  /\b(?:func\s*\([^)]*\)\s*|(?:function\*?|def|class|interface|type|enum|struct|trait|fn|func|fun|const|let|var|module|record|object)\s+)([A-Za-z_$][\w$]*)|^\s*(?:(?:public|private|protected|static|async|override|export|default)\s+)*([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?::[^{]*)?\{/m;

/** The first name the code block declares, if any. */
export function declaredName(code: string): string | undefined {
  const match = DECLARATION.exec(withoutComments(code));
  const name = match?.[1] ?? match?.[2];
  return name && !KEYWORDS.has(name) ? name : undefined;
}

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'with']);

export function planApply(documentText: string, selection: { start: number; end: number } | undefined, code: string): ApplyPlan {
  if (selection && selection.end > selection.start) return { kind: 'selection', start: selection.start, end: selection.end };
  const name = declaredName(code);
  if (name) {
    const offset = declarationOffset(documentText, name);
    if (offset !== undefined) return { kind: 'declaration', name, offset };
  }
  return { kind: 'file' };
}

/** Offset of `name` where the document declares it (the first such place). */
export function declarationOffset(text: string, name: string): number | undefined {
  const escaped = name.replace(/[$]/g, '\\$');
  const pattern = new RegExp(
    `\\b(?:func\\s*\\([^)]*\\)\\s*|(?:function\\*?|def|class|interface|type|enum|struct|trait|fn|func|fun|const|let|var|module|record|object)\\s+)(${escaped})\\b|^[ \\t]*(?:(?:public|private|protected|static|async|override|export|default)\\s+)*(${escaped})\\s*\\([^)]*\\)\\s*(?::[^{\\n]*)?\\{`,
    'm',
  );
  const match = pattern.exec(withoutComments(text));
  if (!match) return undefined;
  const found = match[1] ?? match[2];
  return match.index + match[0].indexOf(found);
}

/**
 * `text` with its comments blanked out (same length, so offsets still hold): "// This function computes…" or
 * a doc comment naming "the class Stats" is not a declaration. Only comments that start a line or follow
 * whitespace, so "http://" in a string and "src/*.ts" globs are left alone; `#[` (Rust attributes) is code.
 */
function withoutComments(text: string): string {
  return text.replace(/^[ \t]*\/\*[\s\S]*?\*\/|(?:^|[ \t])\/\/[^\n]*|^[ \t]*#(?!\[)[^\n]*/gm, (comment) => comment.replace(/[^\n]/g, ' '));
}
