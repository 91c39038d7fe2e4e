/**
 * The scopes enclosing the cursor (functions, methods, classes, modules) and their signatures. The
 * signatures go into the prompt when the prefix no longer reaches them, and the names in the
 * signatures of enclosing functions (parameter and return types) are looked up in other files: the
 * "root path" of the code being written.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { signatureRange } from './imports/shapes';

export interface Scope {
  /** Syntax node type (function_declaration, class_definition, …). */
  kind: string;
  /** 0-based lines of the signature, inclusive. */
  startLine: number;
  endLine: number;
  startOffset: number;
  text: string;
}

/** The document the tree was parsed from, and the cursor. */
export interface ScopeDocument {
  text: string;
  offset: number;
  lines: readonly string[];
  /** 0-based line of the cursor, when the caller knows it. */
  cursorLine?: number;
}

const SCOPE = /function|method|class|interface|impl_item|trait|module|namespace|struct|arrow|lambda|closure|constructor|enum|record|object_declaration/;
const FUNCTION = /function|method|arrow|lambda|closure|constructor/;

/**
 * Scopes around `offset`, outermost first. On a blank line after a block's last statement the tree
 * has already closed the block (Python, Ruby); the cursor's indentation then says it is still inside.
 */
export function enclosingScopes(tree: Tree, doc: ScopeDocument): Scope[] {
  const { text, offset, lines } = doc;
  const scopes: Scope[] = [];
  const root = tree.rootNode;
  let anchor = offset - 1;
  while (anchor > 0 && /\s/.test(text[anchor])) anchor--;
  const cursorLine = doc.cursorLine ?? lineOf(text, offset);
  const cursorIndent = /^[ \t]*/.exec(lines[cursorLine] ?? '')![0].length;
  let node: Node | null = root.descendantForIndex(Math.max(0, anchor));
  for (; node && !node.equals(root); node = node.parent) {
    if (!SCOPE.test(node.type) || /_body$|^body_statement$/.test(node.type) || !node.childForFieldName('body')) continue;
    if (node.endPosition.row === node.startPosition.row || offset <= node.startIndex) continue;
    const inside = offset <= node.endIndex || cursorIndent > /^[ \t]*/.exec(lines[node.startPosition.row] ?? '')![0].length;
    if (!inside) continue;
    const [startLine, endLine] = signatureRange(node);
    scopes.push({ kind: node.type, startLine, endLine, startOffset: node.startIndex, text: lines.slice(startLine, endLine + 1).join('\n') });
  }
  return scopes.reverse();
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Names in the signatures of the enclosing functions (their parameter and return types). */
export function signatureNames(scopes: readonly Scope[]): Set<string> {
  const names = new Set<string>();
  for (const s of scopes) if (FUNCTION.test(s.kind)) for (const m of s.text.matchAll(/[A-Za-z_$][\w$]*/g)) names.add(m[0]);
  return names;
}
