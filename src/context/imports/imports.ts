/**
 * The import statements of a file, per language, found with tree-sitter queries and read into plain
 * ImportStatements: which names each statement binds, and from which module as written. Resolving the
 * module to a workspace file is resolveImport.ts's job.
 */
import type { Language, Node, Query, Tree } from 'web-tree-sitter';
import { languageFacts } from '../../syntax/languages';
import { queryFor } from './queries';
import type { ImportBinding, ImportStatement } from './types';
import { IMPORT_STATEMENT_MAX_DEPTH as MAX_DEPTH } from '../../tunables/tunables';

/** Statement patterns per language; each match's `@statement` is read by the family's reader. */
const STATEMENT_PATTERNS: Record<string, string[]> = {
  js: [
    '(import_statement source: (string)) @statement',
    '(export_statement source: (string)) @statement',
    '(variable_declarator value: (call_expression function: (identifier) @fn arguments: (arguments (string))) (#eq? @fn "require")) @statement',
  ],
  python: ['(import_statement) @statement', '(import_from_statement) @statement'],
  go: ['(import_spec) @statement'],
  rust: ['(use_declaration) @statement', '(mod_item !body) @statement'],
  java: ['(import_declaration) @statement'],
  c: ['(preproc_include) @statement'],
  csharp: ['(using_directive) @statement'],
  ruby: ['(call method: (identifier) @fn arguments: (argument_list (string)) (#match? @fn "^(require|require_relative|load)$")) @statement'],
  php: [
    '(namespace_use_declaration) @statement',
    '(require_expression) @statement',
    '(require_once_expression) @statement',
    '(include_expression) @statement',
    '(include_once_expression) @statement',
  ],
};


export function parseImports(tree: Tree, languageId: string): ImportStatement[] {
  const found = statementQuery(tree, languageId);
  return found ? statementsUnder(found.query, tree.rootNode, found.family, MAX_DEPTH) : [];
}

/** The query for the import statements of `languageId`'s family in `tree`'s grammar; undefined when it has none. */
function statementQuery(tree: Tree, languageId: string): { query: Query; family: string } | undefined {
  const family = languageFacts(languageId)?.imports;
  const query = family ? queryFor(tree.language, `imports:${family}`, STATEMENT_PATTERNS[family]) : undefined;
  return family && query ? { query, family } : undefined;
}

/** The statements `query` finds in `node` and below, down to `depth` levels under it. */
function statementsUnder(query: Query, node: Node, family: string, depth: number): ImportStatement[] {
  const statements: ImportStatement[] = [];
  for (const capture of query.captures(node, { maxStartDepth: depth })) {
    if (capture.name !== 'statement') continue;
    const found = capture.node;
    for (const read of READERS[family](found)) statements.push({ ...read, startLine: found.startPosition.row, endLine: found.endPosition.row });
  }
  return statements;
}

const NONE: readonly ImportStatement[] = [];

/** Statements with their lines moved by `rows`. */
function shifted(statements: readonly ImportStatement[], rows: number): ImportStatement[] {
  return statements.map((s) => ({ ...s, startLine: s.startLine + rows, endLine: s.endLine + rows }));
}

/** Documents whose import statements are kept (the ones asked most recently). */
const KEPT_DOCUMENTS = 16;
/** A changed node smaller than this (characters) is queried whole; a larger one child by child, so its unchanged children are not walked again. */
const QUERY_WHOLE_CHARS = 4096;

interface KeptDocument {
  language: Language;
  /** A copy of the tree the statements were read from: it keeps that tree's nodes alive, so no other node can take their ids. */
  tree: Tree;
  /** Per node (by id) down to the query's depth: the statements in it, lines counted from the node's first line. */
  byNode: Map<number, readonly ImportStatement[]>;
}

/**
 * parseImports for the documents being typed in, kept between requests per node. An edit leaves most of a
 * file's nodes as they were, and tree-sitter's incremental parse reuses them: a node of the new tree with
 * the id of a node of the kept tree is that very node (the kept copy holds it alive, so its id cannot go to
 * another), with the same text and children, so it holds the same statements, only shifted by the lines
 * inserted or removed above it. Only the nodes on the path to an edit are read again: each is matched
 * itself (the query's matches starting at it) and its children in turn, or, when small, queried whole with
 * the depth left. The answer equals parseImports' on the whole tree, in the same order.
 */
export class ImportStatementsCache {
  private readonly documents = new Map<string, KeptDocument>();

  constructor(private readonly maxDocuments = KEPT_DOCUMENTS) {}

  /** The import statements of `tree`, the tree of the document `uri` (the caller's tree is not kept: a copy is). */
  statements(uri: string, tree: Tree, languageId: string): ImportStatement[] {
    const found = statementQuery(tree, languageId);
    if (!found) return [];
    const { query, family } = found;
    const kept = this.documents.get(uri);
    const before = kept && kept.language === tree.language ? kept.byNode : undefined;
    const byNode = new Map<number, readonly ImportStatement[]>();
    const root = tree.rootNode;
    // The root is never reused (an edit changes it); matches starting at it first, as the whole query reports them.
    const statements = statementsUnder(query, root, family, 0);
    const read = (node: Node, depth: number): readonly ImportStatement[] => {
      let own = before?.get(node.id);
      if (!own) {
        let found: ImportStatement[];
        if (depth === MAX_DEPTH || node.childCount === 0 || node.endIndex - node.startIndex < QUERY_WHOLE_CHARS) {
          found = statementsUnder(query, node, family, MAX_DEPTH - depth);
        } else {
          found = statementsUnder(query, node, family, 0);
          for (const child of node.children) if (child) found.push(...read(child, depth + 1));
        }
        own = found.length === 0 ? NONE : shifted(found, -node.startPosition.row);
      }
      byNode.set(node.id, own);
      return own.length === 0 ? NONE : shifted(own, node.startPosition.row);
    };
    for (const child of root.children) if (child) statements.push(...read(child, 1));
    this.forget(uri);
    this.documents.set(uri, { language: tree.language, tree: tree.copy(), byNode });
    while (this.documents.size > this.maxDocuments) this.forget(this.documents.keys().next().value!);
    return statements;
  }

  /** Drops a document's statements (and frees its tree copy). */
  forget(uri: string): void {
    this.documents.get(uri)?.tree.delete();
    this.documents.delete(uri);
  }

  get size(): number {
    return this.documents.size;
  }

  clear(): void {
    for (const uri of [...this.documents.keys()]) this.forget(uri);
  }
}

type Read = Omit<ImportStatement, 'startLine' | 'endLine'>;

/** Each reader turns one statement node into the imports it makes (several for `import a, b`). */
const READERS: Record<string, (node: Node) => Read[]> = {
  js: readJs,
  python: readPython,
  go: readGo,
  rust: readRust,
  java: readJava,
  c: (node) => {
    const path = node.childForFieldName('path');
    return path ? [{ specifier: unquote(path.text), bindings: [], all: true, reexport: false }] : [];
  },
  csharp: (node) => {
    // `using A.B;` brings the namespace's types; `using X = A.B;` names one of them.
    const names = node.namedChildren.filter((c): c is Node => !!c && (c.type === 'qualified_name' || c.type === 'identifier'));
    if (names.length === 0) return [];
    const target = names[names.length - 1].text;
    if (names.length === 2) return [{ specifier: target, bindings: [{ local: names[0].text, imported: lastPart(target, '.') }], all: false, reexport: false }];
    return [{ specifier: target, bindings: [], all: true, reexport: false }];
  },
  ruby: (node) => {
    const method = node.childForFieldName('method')?.text;
    const arg = node.childForFieldName('arguments')?.namedChildren[0];
    if (!arg) return [];
    const path = unquote(arg.text);
    return [{ specifier: method === 'require_relative' && !path.startsWith('.') ? `./${path}` : path, bindings: [], all: true, reexport: false }];
  },
  php: readPhp,
};

function readJs(node: Node): Read[] {
  if (node.type === 'variable_declarator') {
    // CommonJS: `const x = require('m')` binds the module, `const { a, b: c } = require('m')` its members.
    const source = node.descendantsOfType('string')[0];
    const name = node.childForFieldName('name');
    if (!source || !name) return [];
    const bindings: ImportBinding[] = [];
    if (name.type === 'identifier') bindings.push({ local: name.text, imported: '*' });
    for (const c of name.type === 'object_pattern' ? name.namedChildren : []) {
      if (c?.type === 'shorthand_property_identifier_pattern') bindings.push({ local: c.text, imported: c.text });
      else if (c?.type === 'pair_pattern') {
        const key = c.childForFieldName('key')?.text;
        const value = c.childForFieldName('value');
        if (key && value?.type === 'identifier') bindings.push({ local: value.text, imported: key });
      }
    }
    return [{ specifier: unquote(source.text), bindings, all: false, reexport: false }];
  }
  const source = node.childForFieldName('source');
  if (!source) return [];
  const specifier = unquote(source.text);
  const bindings: ImportBinding[] = [];
  const reexport = node.type === 'export_statement';
  let all = false;
  if (reexport) {
    const clause = node.namedChildren.find((c) => c?.type === 'export_clause');
    const namespace = node.namedChildren.find((c) => c?.type === 'namespace_export');
    if (clause) for (const s of clause.namedChildren) if (s?.type === 'export_specifier') bindings.push(specifierBinding(s));
    if (namespace) bindings.push({ local: namespace.namedChildren[0]?.text ?? '', imported: '*' });
    all = !clause && !namespace;
  } else {
    const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
    for (const c of clause?.namedChildren ?? []) {
      if (c?.type === 'identifier') bindings.push({ local: c.text, imported: 'default' });
      else if (c?.type === 'namespace_import') bindings.push({ local: c.namedChildren[0]?.text ?? '', imported: '*' });
      else if (c?.type === 'named_imports') {
        for (const s of c.namedChildren) if (s?.type === 'import_specifier') bindings.push(specifierBinding(s));
      }
    }
  }
  return [{ specifier, bindings: bindings.filter((b) => b.local), all, reexport }];
}

function specifierBinding(s: Node): ImportBinding {
  const name = s.childForFieldName('name')?.text ?? '';
  const alias = s.childForFieldName('alias')?.text;
  return { local: alias ?? name, imported: name };
}

function readPython(node: Node): Read[] {
  if (node.type === 'import_statement') {
    // `import a.b` binds the dotted module (used as `a.b.x`), `import a.b as c` binds it as `c`.
    return node.namedChildren.flatMap((c): Read[] => {
      if (c?.type === 'dotted_name') return [{ specifier: c.text, bindings: [{ local: c.text, imported: '*' }], all: false, reexport: false }];
      if (c?.type !== 'aliased_import') return [];
      const name = c.childForFieldName('name')?.text ?? '';
      const alias = c.childForFieldName('alias')?.text ?? name;
      return [{ specifier: name, bindings: [{ local: alias, imported: '*' }], all: false, reexport: false }];
    });
  }
  const module = node.childForFieldName('module_name');
  if (!module) return [];
  const bindings: ImportBinding[] = [];
  let all = false;
  for (const c of node.namedChildren) {
    if (!c || c.equals(module)) continue;
    if (c.type === 'wildcard_import') all = true;
    else if (c.type === 'dotted_name') bindings.push({ local: c.text, imported: c.text });
    else if (c.type === 'aliased_import') {
      const name = c.childForFieldName('name')?.text ?? '';
      bindings.push({ local: c.childForFieldName('alias')?.text ?? name, imported: name });
    }
  }
  return [{ specifier: module.text.replace(/\s+/g, ''), bindings, all, reexport: false }];
}

function readGo(node: Node): Read[] {
  const path = node.childForFieldName('path');
  if (!path) return [];
  const specifier = unquote(path.text);
  const name = node.childForFieldName('name');
  if (name?.type === 'blank_identifier') return [];
  if (name?.type === 'dot') return [{ specifier, bindings: [], all: true, reexport: false }];
  // Without an alias the package name is, by convention, the last path element.
  const local = name?.text ?? lastPart(specifier, '/').replace(/^go-|[.-]go$/g, '');
  return [{ specifier, bindings: [{ local, imported: '*' }], all: false, reexport: false }];
}

function readRust(node: Node): Read[] {
  if (node.type === 'mod_item') {
    const name = node.childForFieldName('name')?.text;
    return name ? [{ specifier: `self::${name}`, bindings: [{ local: name, imported: '*' }], all: false, reexport: false }] : [];
  }
  const argument = node.childForFieldName('argument');
  if (!argument) return [];
  const reexport = node.namedChildren.some((c) => c?.type === 'visibility_modifier');
  // `use a::{b::{C, D}, e::*}` flattens to one import per path.
  const reads: Read[] = [];
  const add = (path: string, alias?: string) => {
    const name = lastPart(path, '::');
    const module = path.slice(0, Math.max(0, path.length - name.length - 2));
    reads.push({ specifier: module, bindings: [{ local: alias ?? name, imported: name }], all: false, reexport });
  };
  const walk = (n: Node, prefix: string) => {
    const join = (p: string) => (prefix && p ? `${prefix}::${p}` : prefix || p);
    switch (n.type) {
      case 'scoped_use_list': {
        const inner = join(n.childForFieldName('path')?.text ?? '');
        for (const c of n.childForFieldName('list')?.namedChildren ?? []) if (c) walk(c, inner);
        break;
      }
      case 'use_list':
        for (const c of n.namedChildren) if (c) walk(c, prefix);
        break;
      case 'use_as_clause':
        add(join(n.childForFieldName('path')?.text ?? ''), n.childForFieldName('alias')?.text);
        break;
      case 'use_wildcard':
        reads.push({ specifier: join(n.namedChildren[0]?.text ?? ''), bindings: [], all: true, reexport });
        break;
      default:
        add(join(n.text));
    }
  };
  walk(argument, '');
  return reads;
}

function readJava(node: Node): Read[] {
  const name = node.namedChildren.find((c) => c?.type === 'scoped_identifier' || c?.type === 'identifier');
  if (!name) return [];
  if (node.namedChildren.some((c) => c?.type === 'asterisk')) return [{ specifier: name.text, bindings: [], all: true, reexport: false }];
  const last = lastPart(name.text, '.');
  // `import static a.B.f` imports a member of class B: the file is B's, the name is f.
  const isStatic = node.children.some((c) => c?.type === 'static');
  return [{ specifier: isStatic ? name.text.slice(0, -last.length - 1) : name.text, bindings: [{ local: last, imported: last }], all: false, reexport: false }];
}

function readPhp(node: Node): Read[] {
  if (node.type !== 'namespace_use_declaration') {
    const literal = node.descendantsOfType(['string', 'encapsed_string'])[0];
    return literal ? [{ specifier: unquote(literal.text), bindings: [], all: true, reexport: false }] : [];
  }
  // `use A\B\C;`, `use A\B as X;`, `use A\{B, C as D};` — each class lives in its own file (PSR-4).
  const group = node.childForFieldName('body');
  const prefix = group ? (node.namedChildren.find((c) => c?.type === 'namespace_name')?.text ?? '') : '';
  const clauses = (group ?? node).namedChildren.filter((c): c is Node => c?.type === 'namespace_use_clause');
  return clauses.map((clause) => {
    const alias = clause.childForFieldName('alias')?.text;
    const target = clause.namedChildren.find((c) => c && (c.type === 'qualified_name' || c.type === 'name'))?.text ?? '';
    const full = (prefix ? `${prefix}\\${target}` : target).replace(/^\\/, '');
    const name = lastPart(full, '\\');
    return { specifier: full, bindings: [{ local: alias ?? name, imported: name }], all: false, reexport: false };
  });
}

function unquote(text: string): string {
  return text.replace(/^[<'"`]+|[>'"`]+$/g, '');
}

function lastPart(path: string, separator: string): string {
  const i = path.lastIndexOf(separator);
  return i === -1 ? path : path.slice(i + separator.length);
}
