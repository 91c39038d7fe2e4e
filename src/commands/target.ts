/**
 * What a command works on: the selection when there is one, else the smallest function, method or
 * class around the cursor (tree-sitter), else an indentation block around the cursor or the whole
 * file when it is small; its edges never fall inside a secret. The adapter highlights the result so the
 * user sees what is sent.
 */
import { lineIndexAt, lineStarts } from '../text/lineStarts';
import type { Node, Tree } from 'web-tree-sitter';
import type { DocumentSnapshot } from '../workspace/document';
import { secretSafeRange } from '../privacy/secretSafeCut';
import type { CommandTarget } from './types';

/** A file up to this many lines is sent whole when the cursor is in no declaration. */
export const SMALL_FILE_LINES = 80;

/** Declarations that are methods wherever they appear. */
const METHODS = new Set(['method_definition', 'method_declaration', 'method', 'singleton_method', 'constructor_declaration', 'method_signature', 'abstract_method_signature']);

/** Declarations that are functions (methods when directly inside a class-like body). */
const FUNCTIONS = new Set([
  'function_declaration', 'generator_function_declaration', // TS / JS / Go
  'function_definition', // Python / C / C++ / PHP
  'function_item', // Rust
  'local_function_statement', // C#
]);

/** Functions written as values: a target only when they are named by what they are assigned to. */
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);

/** Class-like declarations. */
const CLASSES = new Set([
  'class_declaration', 'abstract_class_declaration', 'interface_declaration', 'enum_declaration', // TS / Java / C# / PHP
  'class_definition', // Python
  'class', 'module', // Ruby
  'type_declaration', // Go
  'impl_item', 'struct_item', 'enum_item', 'trait_item', // Rust
  'record_declaration', 'struct_declaration', 'trait_declaration', // Java / C# / PHP
  'class_specifier', 'struct_specifier', // C / C++
]);

/** Nodes a class's members sit in; a function directly inside one is a method. */
const CLASS_BODIES = /^(class_body|declaration_list|field_declaration_list|body_statement|block)$/;

/** Wrappers that belong to the declaration they hold (so `export`, decorators and templates come along). */
const WRAPPERS = new Set(['export_statement', 'decorated_definition', 'template_declaration']);

export function findTarget(snapshot: DocumentSnapshot, selection: { start: number; end: number } | undefined, tree: Tree | undefined): CommandTarget {
  const text = snapshot.text;
  if (selection && selection.end !== selection.start) {
    const start = Math.max(0, Math.min(selection.start, selection.end));
    const end = Math.min(text.length, Math.max(selection.start, selection.end));
    return rangeTarget(text, start, end, 'selection');
  }
  const declaration = tree ? declarationAt(tree, text, snapshot.offset) : undefined;
  if (declaration) return declaration.target(text);
  return fallbackTarget(text, snapshot.offset);
}

interface Found {
  target(text: string): CommandTarget;
}

/** The smallest declaration whose range holds the cursor (a cursor on its first or last character counts). */
function declarationAt(tree: Tree, text: string, offset: number): Found | undefined {
  const root = tree.rootNode;
  // At the end of a line (`}█`) the cursor is after the declaration's last character: that still counts.
  const atEnd = offset >= text.length || /\s/.test(text[offset]);
  const probe = offset > 0 && atEnd && !/\s/.test(text[offset - 1]) ? offset - 1 : offset;
  for (let node: Node | null = root.descendantForIndex(Math.max(0, probe)); node && !node.equals(root); node = node.parent) {
    const kind = kindOf(node);
    if (!kind) continue;
    const outer = wrapped(node);
    return { target: (text) => ({ ...rangeTarget(text, outer.startIndex, endWithoutNewline(text, outer), kind), name: nameOf(node) }) };
  }
  return undefined;
}

function kindOf(node: Node): CommandTarget['kind'] | undefined {
  // Go: a struct or interface type is class-like; `type ID int` is not worth a command of its own.
  if (node.type === 'type_declaration' && !node.namedChildren.some((c) => c?.type === 'type_spec' && /^(struct_type|interface_type)$/.test(c.childForFieldName('type')?.type ?? ''))) return undefined;
  if (METHODS.has(node.type)) return 'method';
  if (FUNCTIONS.has(node.type)) {
    return isMember(node) ? 'method' : 'function';
  }
  if (FUNCTION_VALUES.has(node.type)) {
    const holder = node.parent;
    if (holder && /^(variable_declarator|public_field_definition|field_definition|assignment_expression|pair)$/.test(holder.type)) return isMember(holder) ? 'method' : 'function';
    return undefined;
  }
  if (CLASSES.has(node.type)) {
    if ((node.type === 'struct_specifier' || node.type === 'class_specifier') && !node.childForFieldName('body')) return undefined;
    return 'class';
  }
  return undefined;
}

/** Whether a declaration sits directly in a class-like body (Rust: an impl or trait). */
function isMember(node: Node): boolean {
  let parent = node.parent;
  if (parent && WRAPPERS.has(parent.type)) parent = parent.parent;
  if (!parent || !CLASS_BODIES.test(parent.type)) return false;
  const owner = parent.parent;
  return !!owner && CLASSES.has(owner.type);
}

/** The declaration with what belongs to it: `export`, decorators, `const x =` of an arrow function. */
function wrapped(node: Node): Node {
  let outer = node;
  if (FUNCTION_VALUES.has(node.type) && node.parent) {
    outer = node.parent;
    if (outer.type === 'variable_declarator' && outer.parent && /^(lexical_declaration|variable_declaration)$/.test(outer.parent.type)) outer = outer.parent;
  }
  while (outer.parent && WRAPPERS.has(outer.parent.type)) outer = outer.parent;
  return outer;
}

/** Some grammars (Python, Ruby) end a block after its trailing newline; the target stops before it. */
function endWithoutNewline(text: string, node: Node): number {
  let end = node.endIndex;
  while (end > node.startIndex && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

function nameOf(node: Node): string | undefined {
  const direct = node.childForFieldName('name');
  if (direct) return direct.text;
  if (FUNCTION_VALUES.has(node.type)) return node.parent?.childForFieldName('name')?.text ?? node.parent?.childForFieldName('left')?.text ?? node.parent?.childForFieldName('key')?.text;
  if (node.type === 'type_declaration') return node.namedChildren.find((c) => c?.type === 'type_spec')?.childForFieldName('name')?.text;
  if (node.type === 'impl_item') return node.childForFieldName('type')?.text;
  // C / C++: the name sits inside nested declarators (`int *f(int a)`, `Foo::bar()`).
  for (let d = node.childForFieldName('declarator'); d; d = d.childForFieldName('declarator')) {
    if (/identifier$|^qualified_identifier$|^destructor_name$|^operator_name$/.test(d.type)) return d.text;
  }
  return undefined;
}

/**
 * Without a declaration around the cursor: the whole file when it is small, else the block the cursor's
 * line belongs to by indentation (with the header line above it and a closing line below it).
 */
function fallbackTarget(text: string, offset: number): CommandTarget {
  const lines = text.split('\n');
  if (lines.length <= SMALL_FILE_LINES) return rangeTarget(text, 0, text.replace(/\s+$/, '').length, 'file');
  const starts = lineStarts(lines);
  let line = lineIndexAt(starts, offset);
  while (line > 0 && !lines[line].trim()) line--;
  const base = indentOf(lines[line]);
  const within = (i: number) => !lines[i].trim() || indentOf(lines[i]) >= base;
  let first = line;
  while (first > 0 && within(first - 1)) first--;
  let last = line;
  while (last < lines.length - 1 && within(last + 1)) last++;
  // A block indented under a header (`def f():`, `if (x) {`) comes with the header and its closing line.
  if (base > 0 && first > 0) first--;
  if (base > 0 && last < lines.length - 1 && /^\s*[)\]}]/.test(lines[last + 1]) && indentOf(lines[last + 1]) < base) last++;
  while (last > first && !lines[last].trim()) last--;
  while (first < last && !lines[first].trim()) first++;
  return rangeTarget(text, starts[first], starts[last] + lines[last].replace(/\r$/, '').length, 'block');
}

/** The target [start, end) of `text`, widened where a secret crosses its edges (the target is what is sent). */
function rangeTarget(text: string, from: number, to: number, kind: CommandTarget['kind']): CommandTarget {
  const { start, end } = from < to ? secretSafeRange(text, { start: from, end: to }) : { start: from, end: to };
  return { start, end, startLine: lineOf(text, start) + 1, endLine: lineOf(text, Math.max(start, end - 1)) + 1, text: text.slice(start, end), kind };
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
}

export function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
