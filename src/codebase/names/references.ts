/**
 * Which names a piece of code refers to and which it declares itself, from its syntax tree: a call,
 * a variable read, an import, a type annotation or a member access (`x.foo`) refers to a name that must
 * exist somewhere; a parameter, a local, a function, class or property the code defines does not. Only
 * the families whose grammars are read here (JavaScript / TypeScript, Python) are checked: for any other
 * language nothing is extracted, so there is no check rather than noise.
 */
import type { Node, Tree } from 'web-tree-sitter';

export type NameFamily = 'js' | 'python';

/** One place the code refers to a name: `member` for `x.name` (and `from m import name`), else a free name. */
export interface NameUse {
  name: string;
  start: number;
  end: number;
  member: boolean;
  /** For a member: the name at the root of its receiver (`os` in `os.path.exist`), when that is a plain name. */
  receiver?: string;
  /** For a name an import brings in, or the imported module's own name: the module, as written. */
  module?: string;
}

export interface CodeNames {
  uses: NameUse[];
  /** Every name the code declares anywhere (scope is ignored: a name declared once counts everywhere). */
  declared: Set<string>;
  /** Local names bound to an import, and the module each comes from (`fs` → `node:fs`, `np` → `numpy`). */
  imports: Map<string, string>;
  /** Words of the code's strings and comments (`--json-lines` also as `json_lines`): names made from data. */
  mentioned: Set<string>;
}

type Role = 'declare' | 'use' | 'member' | 'skip';

const FAMILIES: Readonly<Record<string, NameFamily>> = { typescript: 'js', typescriptreact: 'js', javascript: 'js', javascriptreact: 'js', python: 'python' };

/** The family whose names are checked for a VS Code language id; undefined for languages not checked. */
export function nameFamily(languageId: string): NameFamily | undefined {
  return FAMILIES[languageId];
}

/** The names `tree` (of a language in `family`) refers to and declares. */
export function namesOfTree(tree: Tree, family: NameFamily): CodeNames {
  const uses: NameUse[] = [];
  const declared = new Set<string>();
  const imports = new Map<string, string>();
  const mentioned = new Set<string>();
  const roleOf = family === 'js' ? jsRole : pythonRole;
  const cursor = tree.walk();
  for (;;) {
    const node = cursor.currentNode;
    // A name the parser made up to recover from an error (code cut out of its class) is no name at all.
    if (node.namedChildCount === 0 && IDENTIFIERS.has(node.type) && !node.isMissing && node.text) {
      const role = roleOf(node, cursor.currentFieldName);
      const module = importedFrom(node, family);
      if (role === 'declare') declared.add(node.text);
      else if (role !== 'skip') {
        const use: NameUse = { name: node.text, start: node.startIndex, end: node.endIndex, member: role === 'member' };
        if (role === 'member') use.receiver = receiverOf(node);
        if (module) use.module = module;
        uses.push(use);
      }
      if (module && node.previousSibling?.type !== '.') imports.set(localNameOf(node), module);
    } else if (TEXT_NODES.has(node.type)) {
      for (const m of node.text.matchAll(/[A-Za-z_$][\w$]*(?:-[A-Za-z_$][\w$]*)*/g)) {
        for (const part of m[0].split('-')) mentioned.add(part);
        mentioned.add(m[0].replace(/-/g, '_'));
      }
    }
    if (cursor.gotoFirstChild() || cursor.gotoNextSibling()) continue;
    let done = true;
    while (cursor.gotoParent()) {
      if (cursor.gotoNextSibling()) {
        done = false;
        break;
      }
    }
    if (done) break;
  }
  cursor.delete();
  return { uses, declared, imports, mentioned };
}

/** Strings and comments, whose words may name data a member is read by (`options.json_lines`). */
const TEXT_NODES = new Set(['string_fragment', 'string_content', 'comment']);

/** `process.env.X`, `import.meta.env.X`: any name is fine there. */
const ANY_MEMBER = /^(?:process\.env|import\.meta\.env|os\.environ)$/;

/** The plain name at the root of a member's receiver; '' for receivers whose members are anyone's (process.env). */
function receiverOf(member: Node): string | undefined {
  let object = member.parent?.childForFieldName('object') ?? member.parent?.childForFieldName('module') ?? null;
  if (object && ANY_MEMBER.test(object.text)) return '';
  while (object && (object.type === 'member_expression' || object.type === 'attribute')) object = object.childForFieldName('object');
  return object && object.type === 'identifier' ? object.text : undefined;
}

/** The module an identifier inside an import statement refers to, or undefined outside imports. */
function importedFrom(node: Node, family: NameFamily): string | undefined {
  let statement: Node | null = node.parent;
  for (let depth = 0; statement && depth < 5; depth++, statement = statement.parent) {
    if (family === 'js' && statement.type === 'import_statement') {
      return statement.childForFieldName('source')?.text.replace(/^['"]|['"]$/g, '');
    }
    if (family === 'python' && statement.type === 'import_from_statement') return statement.childForFieldName('module_name')?.text;
    if (family === 'python' && statement.type === 'import_statement') {
      const dotted = node.parent?.type === 'dotted_name' ? node.parent : undefined;
      return dotted?.text ?? node.parent?.childForFieldName('name')?.text;
    }
  }
  return undefined;
}

/** The name an import binds for this identifier: the alias when there is one. */
function localNameOf(node: Node): string {
  const parent = node.parent?.type === 'dotted_name' ? node.parent.parent : node.parent;
  const alias = parent?.childForFieldName('alias');
  if (alias && (parent?.type === 'import_specifier' || parent?.type === 'aliased_import')) return alias.text;
  return node.text;
}

const IDENTIFIERS = new Set(['identifier', 'property_identifier', 'type_identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern']);

/** Nodes whose `name` field declares the name (functions, classes, types, modules, variables). */
const JS_NAMED_DECLARATIONS = new Set([
  'variable_declarator', 'function_declaration', 'function_expression', 'function', 'generator_function_declaration', 'generator_function',
  'class_declaration', 'class', 'abstract_class_declaration', 'function_signature', 'method_definition', 'method_signature',
  'abstract_method_signature', 'property_signature', 'public_field_definition', 'field_definition', 'interface_declaration',
  'type_alias_declaration', 'enum_declaration', 'internal_module', 'module', 'type_parameter', 'enum_assignment',
]);

/** Patterns: every identifier directly inside declares a binding. */
const JS_PATTERNS = new Set(['array_pattern', 'rest_pattern', 'object_pattern', 'formal_parameters', 'import_clause', 'namespace_import', 'enum_body']);

function jsRole(node: Node, field: string | null): Role {
  const parent = node.parent;
  if (!parent) return 'use';
  const p = parent.type;
  switch (node.type) {
    case 'shorthand_property_identifier_pattern':
      return 'declare';
    case 'shorthand_property_identifier':
      return 'use';
    case 'property_identifier':
      if (p === 'member_expression') return isAssigned(parent) ? 'declare' : 'member';
      if (p === 'pair_pattern') return 'member';
      if (p === 'jsx_attribute') return 'skip';
      // Object keys, methods, fields, signatures, enum members: the code declares them.
      return 'declare';
    case 'type_identifier':
      if (field === 'name' && JS_NAMED_DECLARATIONS.has(p)) return 'declare';
      if (p === 'nested_type_identifier') return 'member';
      return 'use';
  }
  // identifier
  if (field === 'name' && JS_NAMED_DECLARATIONS.has(p)) return 'declare';
  if (JS_PATTERNS.has(p) || p === 'namespace_export') return 'declare';
  if ((p === 'required_parameter' || p === 'optional_parameter') && field === 'pattern') return 'declare';
  if ((p === 'arrow_function' && field === 'parameter') || (p === 'catch_clause' && field === 'parameter')) return 'declare';
  if ((p === 'pair_pattern' && field === 'value') || (p === 'assignment_pattern' && field === 'left') || (p === 'for_in_statement' && field === 'left')) return 'declare';
  if (p === 'import_specifier' || p === 'export_specifier') return field === 'alias' ? (p === 'import_specifier' ? 'declare' : 'skip') : 'use';
  if (p === 'nested_identifier' && node.previousSibling?.type === '.') return 'member';
  // `<div>` is an element, `<Widget>` a component the code must have.
  if ((p === 'jsx_opening_element' || p === 'jsx_closing_element' || p === 'jsx_self_closing_element') && /^[a-z]/.test(node.text)) return 'skip';
  if (p === 'labeled_statement' || p === 'break_statement' || p === 'continue_statement') return 'skip';
  return 'use';
}

/** `x.foo = …` creates `foo`: the left of an assignment declares the member. */
function isAssigned(member: Node): boolean {
  const parent = member.parent;
  if (!parent) return false;
  const assigns = parent.type === 'assignment_expression' || parent.type === 'augmented_assignment_expression' || parent.type === 'assignment' || parent.type === 'augmented_assignment';
  return assigns && parent.childForFieldName('left')?.id === member.id;
}

/** Python nodes inside which an identifier binds a name. */
const PY_BINDING_PARENTS = new Set([
  'parameters', 'lambda_parameters', 'typed_parameter', 'list_splat_pattern', 'dictionary_splat_pattern', 'pattern_list',
  'tuple_pattern', 'list_pattern', 'as_pattern_target', 'global_statement', 'nonlocal_statement', 'case_pattern',
  'keyword_pattern', 'splat_pattern', 'class_pattern',
]);

function pythonRole(node: Node, field: string | null): Role {
  if (node.type !== 'identifier') return 'skip';
  const parent = node.parent;
  if (!parent) return 'use';
  const p = parent.type;
  if (p === 'attribute') {
    if (field !== 'attribute') return 'use';
    return isAssigned(parent) || inAssignedPattern(parent) ? 'declare' : 'member';
  }
  if (field === 'name' && (p === 'function_definition' || p === 'class_definition' || p === 'default_parameter' || p === 'typed_default_parameter' || p === 'named_expression')) return 'declare';
  if (PY_BINDING_PARENTS.has(p)) return 'declare';
  if ((p === 'assignment' || p === 'augmented_assignment' || p === 'for_statement' || p === 'for_in_clause') && field === 'left') return 'declare';
  if (p === 'aliased_import') return field === 'alias' ? 'declare' : 'use';
  if (p === 'keyword_argument' && field === 'name') return 'skip';
  if (p === 'dotted_name') return node.previousSibling?.type === '.' || inFromImportList(parent) ? 'member' : 'use';
  return 'use';
}

/** `from m import name`: the imported name is a member of `m`. */
function inFromImportList(dotted: Node): boolean {
  const parent = dotted.parent?.type === 'aliased_import' ? dotted.parent.parent : dotted.parent;
  return parent?.type === 'import_from_statement' && parent.childForFieldName('module_name')?.id !== dotted.id && dotted.parent?.type !== 'relative_import';
}

/** `self.a, self.b = …`: attributes inside an assigned tuple are declared too. */
function inAssignedPattern(attribute: Node): boolean {
  const parent = attribute.parent;
  return (parent?.type === 'pattern_list' || parent?.type === 'tuple_pattern') && parent.parent?.type === 'assignment' && parent.parent.childForFieldName('left')?.id === parent.id;
}
