/**
 * The index of one file: the definitions it offers (found with tree-sitter queries, each with its
 * shapes), the names it exports under another name, and its imports (for re-exports). Built once per
 * file version and kept as plain data, so the tree can be freed right away.
 */
import type { Tree } from 'web-tree-sitter';
import { definitionPatterns } from './definitionQueries';
import { parseImports } from './imports';
import { languageFacts } from '../../syntax/languages';
import { queryFor } from './queries';
import { mergeShapes, shapesOf } from './shapes';
import type { Definition, ImportStatement } from './types';
import { MAX_DEFINITIONS } from '../../tunables/tunables';

export interface FileIndex {
  path: string;
  languageId: string;
  /** The text the index was built from (compared to decide whether it is still valid). */
  text: string;
  lines: string[];
  /** Definitions by name, in file order. */
  definitions: Map<string, Definition[]>;
  /** Every definition in file order (a module outline). */
  ordered: Definition[];
  /** Names exported under another name: exported → local (`default` → the default export's name). */
  exportAliases: Map<string, string>;
  imports: ImportStatement[];
}


export function indexFile(tree: Tree, path: string, languageId: string, text: string): FileIndex {
  const lines = text.split('\n');
  const index: FileIndex = { path, languageId, text, lines, definitions: new Map(), ordered: [], exportAliases: new Map(), imports: parseImports(tree, languageId) };
  const query = queryFor(tree.language, `definitions:${languageId}`, definitionPatterns(languageId));
  if (query) {
    for (const match of query.matches(tree.rootNode)) {
      if (index.ordered.length >= MAX_DEFINITIONS) break;
      const def = match.captures.find((c) => c.name === 'def')?.node;
      const nameNode = match.captures.find((c) => c.name === 'name')?.node;
      if (!def || !nameNode) continue;
      const target = match.captures.find((c) => c.name === 'target')?.node;
      if (target && !/^(module\.)?exports\.\w+$/.test(target.text)) continue; // only CommonJS exports
      const name = nameNode.text.replace(/^.*(::|\.)/, '');
      add(index, { name, kind: (nameNode.parent ?? def).type, startLine: def.startPosition.row, endLine: def.endPosition.row, nameLine: nameNode.startPosition.row, shapes: shapesOf(def, nameNode, lines) });
      if (def.type === 'export_statement' && def.children.some((c) => c?.type === 'default')) index.exportAliases.set('default', name);
    }
  }
  if (languageFacts(languageId)?.imports === 'js') readJsExports(tree, index);
  return index;
}

function add(index: FileIndex, def: Definition): void {
  const same = index.definitions.get(def.name);
  const previous = same?.[same.length - 1];
  // Overloads (and `const a = 1, b = 2` seen twice) arrive as neighbours: merge or skip.
  if (previous && previous.startLine === def.startLine) return;
  if (previous && previous.kind === 'function_signature' && def.startLine - previous.endLine <= 2 && index.ordered[index.ordered.length - 1] === previous) {
    const merged: Definition = { ...previous, kind: def.kind, endLine: def.endLine, shapes: mergeShapes(previous.shapes, def.shapes) };
    same![same!.length - 1] = merged;
    index.ordered[index.ordered.length - 1] = merged;
    return;
  }
  if (same) same.push(def);
  else index.definitions.set(def.name, [def]);
  index.ordered.push(def);
}

/** `export default X;`, `export { a as b };`, `module.exports = X`. */
function readJsExports(tree: Tree, index: FileIndex): void {
  for (const node of tree.rootNode.namedChildren) {
    if (node?.type === 'export_statement' && !node.childForFieldName('source')) {
      const value = node.childForFieldName('value');
      if (value?.type === 'identifier') index.exportAliases.set('default', value.text);
      const clause = node.namedChildren.find((c) => c?.type === 'export_clause');
      for (const s of clause?.namedChildren ?? []) {
        const name = s?.childForFieldName('name')?.text;
        const alias = s?.childForFieldName('alias')?.text;
        if (name && alias && alias !== name) index.exportAliases.set(alias, name);
      }
    } else if (node?.type === 'expression_statement') {
      const assignment = node.namedChildren[0];
      const left = assignment?.type === 'assignment_expression' ? assignment.childForFieldName('left')?.text : undefined;
      const right = assignment?.childForFieldName('right');
      if (left === 'module.exports' && right?.type === 'identifier') index.exportAliases.set('default', right.text);
    }
  }
}
