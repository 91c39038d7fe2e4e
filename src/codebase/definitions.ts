/**
 * Which syntax nodes define something worth its own chunk, across the grammars Fathom ships: functions,
 * methods, classes and their kin (interfaces, structs, impls, modules), plus the JavaScript idioms that
 * define a function without the keyword (`const f = () => …`, `obj.f = function …`, `{ f: function … }`).
 * One table by node type instead of one per language: the grammars share most names.
 */
import type { Node } from 'web-tree-sitter';

export interface Definition {
  /** The node whose lines the chunk covers (the export or decorator around a definition included). */
  node: Node;
  /** The definition itself, inside any wrapper: where its nested definitions are looked for. */
  inner: Node;
  name: string;
  kind: 'function' | 'class';
  /** A function's parameter list as written (names, types, defaults), at most MAX_PARAMS characters; '' for a class. */
  params: string;
  /**
   * The type a method belongs to when it is declared outside it: Go's receiver (`func (s *Server) Handle` →
   * `Server`). The chunker names it as a class around the method would be.
   */
  owner?: string;
}

/** A parameter list longer than this is cut here: past it, it is mostly inline types and defaults. */
const MAX_PARAMS = 400;
/** The receiver every method of a class is given (`self`, `cls`, `this`) says nothing about it: left out. */
const RECEIVERS = /\b(?:self|cls|this)\b/g;

const FUNCTIONS = new Set([
  'function_declaration', 'generator_function_declaration', 'function_definition', 'method_definition', 'method_declaration',
  'constructor_declaration', 'function_item', 'method', 'singleton_method', 'function_signature', 'abstract_method_signature',
  'operator_declaration', 'destructor_declaration', 'local_function_statement',
]);

const CLASSES = new Set([
  'class_declaration', 'abstract_class_declaration', 'class_definition', 'class', 'module', 'interface_declaration',
  'enum_declaration', 'struct_item', 'enum_item', 'trait_item', 'impl_item', 'mod_item', 'class_specifier', 'struct_specifier',
  'namespace_definition', 'namespace_declaration', 'struct_declaration', 'record_declaration', 'type_declaration',
  'trait_declaration', 'internal_module', 'object_declaration', 'union_specifier',
]);

/** Nodes that only wrap a definition; the chunk takes the wrapper's lines (and so its decorators). */
const WRAPPERS = new Set(['export_statement', 'decorated_definition', 'template_declaration', 'ambient_declaration']);

/** Values that make a variable, property or field a function (or class) definition. */
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function', 'lambda']);
const CLASS_VALUES = new Set(['class', 'class_expression']);

const NAME_TYPES = new Set(['identifier', 'field_identifier', 'qualified_identifier', 'type_identifier', 'property_identifier', 'destructor_name', 'operator_name', 'constant', 'name']);

/** The definition `node` makes, if any. */
export function definitionOf(node: Node): Definition | undefined {
  const type = node.type;
  if (WRAPPERS.has(type)) {
    const inner = node.childForFieldName('declaration') ?? node.childForFieldName('definition') ?? lastNamedChild(node);
    if (!inner || inner.type === 'comment') return undefined;
    const def = definitionOf(inner);
    return def && { ...def, node };
  }
  if (FUNCTIONS.has(type)) {
    const owner = receiverType(node);
    return { node, inner: node, name: nameOf(node), kind: 'function', params: paramsOf(node), ...(owner ? { owner } : {}) };
  }
  if (CLASSES.has(type)) {
    // `struct point p;` in C is a use, not a definition: only a struct with a body defines one.
    if ((type === 'struct_specifier' || type === 'union_specifier' || type === 'class_specifier') && !node.childForFieldName('body')) return undefined;
    return { node, inner: node, name: nameOf(node), kind: 'class', params: '' };
  }
  if (type === 'lexical_declaration' || type === 'variable_declaration') {
    const declarators = node.namedChildren.filter((c) => c?.type === 'variable_declarator');
    if (declarators.length !== 1) return undefined;
    const value = declarators[0]!.childForFieldName('value');
    const kind = valueKind(value);
    return kind && { node, inner: node, name: declarators[0]!.childForFieldName('name')?.text ?? '', kind, params: valueParams(value) };
  }
  if (type === 'expression_statement') {
    const expr = node.namedChild(0);
    if (expr?.type !== 'assignment_expression') return undefined;
    const right = expr.childForFieldName('right');
    const kind = valueKind(right);
    return kind && { node, inner: node, name: lastSegment(expr.childForFieldName('left')), kind, params: valueParams(right) };
  }
  if (type === 'pair' || type === 'public_field_definition' || type === 'field_definition') {
    const value = node.childForFieldName('value');
    const kind = valueKind(value);
    const key = node.childForFieldName('key') ?? node.childForFieldName('name') ?? node.childForFieldName('property');
    return kind && { node, inner: node, name: key ? key.text.replace(/^['"`]|['"`]$/g, '') : '', kind, params: valueParams(value) };
  }
  return undefined;
}

function valueKind(value: Node | null): 'function' | 'class' | undefined {
  if (!value) return undefined;
  if (FUNCTION_VALUES.has(value.type)) return 'function';
  if (CLASS_VALUES.has(value.type)) return 'class';
  return undefined;
}

/** A definition's name: its `name` field, or the identifier at the end of a C-style declarator chain. */
function nameOf(node: Node): string {
  const named = node.childForFieldName('name');
  if (named) return named.text;
  let declarator = node.childForFieldName('declarator');
  for (let depth = 0; declarator && depth < 8; depth++) {
    if (NAME_TYPES.has(declarator.type)) return declarator.text;
    declarator = declarator.childForFieldName('declarator') ?? declarator.childForFieldName('name') ?? declarator.namedChild(0);
  }
  // Rust's `impl Trait for Type`, Go's `type X struct`: the type (spec) names it.
  const typed = node.childForFieldName('type') ?? node.namedChildren.find((c) => c?.type === 'type_spec')?.childForFieldName('name');
  return typed?.text ?? '';
}

/**
 * A function's parameter list as written: its `parameters` field (`parameter` for an arrow function's one
 * bare parameter), or the one in its C-style declarator chain (`int f(int n)`); '' when it has none.
 */
function paramsOf(node: Node): string {
  let found = node.childForFieldName('parameters') ?? node.childForFieldName('parameter');
  let declarator = node.childForFieldName('declarator');
  for (let depth = 0; !found && declarator && depth < 8; depth++) {
    found = declarator.childForFieldName('parameters');
    declarator = declarator.childForFieldName('declarator');
  }
  return found ? found.text.slice(0, MAX_PARAMS).replace(RECEIVERS, ' ') : '';
}

/** Go's method receiver type (`(s *Server)`, `(l List[T])` → `Server`, `List`); undefined for other functions. */
function receiverType(node: Node): string | undefined {
  const receiver = node.childForFieldName('receiver');
  if (!receiver) return undefined;
  const declared = receiver.namedChildren.find((c) => c?.type === 'parameter_declaration')?.childForFieldName('type');
  if (!declared) return undefined;
  if (declared.type === 'type_identifier') return declared.text;
  return declared.descendantsOfType('type_identifier')[0]?.text;
}

/** The parameters of a function value (`const f = (a, b) => …`); '' for a class or no value. */
function valueParams(value: Node | null): string {
  return value && valueKind(value) === 'function' ? paramsOf(value) : '';
}

function lastSegment(left: Node | null): string {
  if (!left) return '';
  const property = left.childForFieldName('property') ?? left.childForFieldName('attribute');
  return (property ?? left).text;
}

function lastNamedChild(node: Node): Node | null {
  return node.namedChildCount ? node.namedChild(node.namedChildCount - 1) : null;
}
