/**
 * Builds the next-edit development set from real code Fathom did not write (the shared bench trees: rxjs
 * 7.8.1 and three 0.170.0 sources, Python's asyncio, email and json): for each kind of change, the document
 * just after the user's first edit, the edit, and the document once the change is complete.
 *   rename-local     a parameter or local variable renamed at its declaration; `after` renames it in its function
 *   rename-function  a function renamed at its definition; `after` renames its uses in the file
 *   param-added      a parameter added at the end of a definition; `after` passes it at the calls in the file
 *   signature-swap   the first two parameters swapped; `after` swaps the first two arguments at the calls
 *   rename-at-use    a local renamed first at its last use; `after` renames it in its function
 *   param-removed    the last parameter removed at a definition; `after` drops the last argument at the calls
 *   repeated-edit    the same change on a run of alike lines (a declaration keyword, a member made private)
 *   repeated-insert  the same insertion on a run of alike assignments (`= await …`)
 * Generation is deterministic (files sorted, a seeded choice), with at most a few cases per file and kind.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import type { NextEditCase } from '../src/nextEdit/runCase';
import { languageOfPath } from '../src/syntax/languages';
import type { Parsers } from '../src/syntax/parsers';
import { lineStarts } from '../src/text/lineStarts';

export interface BenchCase extends NextEditCase {
  kind: string;
}

const PER_FILE_AND_KIND = 2;
const MAX_FILE_LINES = 3000;

export async function buildCases(root: string, parsers: Parsers, perKind = 60): Promise<BenchCase[]> {
  const files = listFiles(root).filter((f) => /\.(ts|js|py)$/.test(f) && !/\.d\.ts$|\.spec\.|test/.test(f)).sort();
  const byKind = new Map<string, BenchCase[]>();
  for (const file of files) {
    const languageId = languageOfPath(file);
    if (!languageId) continue;
    const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    if (text.split('\n').length > MAX_FILE_LINES) continue;
    const tree = await parsers.parseText(languageId, text);
    if (!tree) continue;
    try {
      const path = relative(root, file);
      const doc: Doc = { path, languageId, text, lines: text.split('\n'), tree };
      for (const [kind, make] of Object.entries(GENERATORS)) {
        const list = byKind.get(kind) ?? [];
        byKind.set(kind, list);
        if (list.length >= perKind * 4) continue;
        list.push(...make(doc).slice(0, PER_FILE_AND_KIND).map((c, i) => ({ ...c, id: `${kind}:${path}:${i}`, kind })));
      }
    } finally {
      tree.delete();
    }
  }
  // Spread each kind over the trees: a seeded sample rather than the first files alphabetically.
  return [...byKind.values()].flatMap((list) => sample(list, perKind));
}

interface Doc {
  path: string;
  languageId: string;
  text: string;
  lines: string[];
  tree: Tree;
}

type Draft = Omit<BenchCase, 'id' | 'kind'>;
type Replacement = { start: number; end: number; text: string };

const GENERATORS: Record<string, (doc: Doc) => Draft[]> = {
  'rename-local': renameLocal,
  'rename-function': renameFunction,
  'param-added': paramAdded,
  'signature-swap': signatureSwap,
  'repeated-edit': repeatedEdit,
  'rename-at-use': (doc) => renameLocal(doc, true),
  'param-removed': paramRemoved,
  'repeated-insert': repeatedInsert,
};

const FUNCTION = /^(function_declaration|generator_function_declaration|method_definition|arrow_function|function_expression|function_definition|function)$/;

/** A case from the first replacement (the user's edit) and all of them (the complete change). */
function caseOf(doc: Doc, all: Replacement[]): Draft | undefined {
  const sorted = [...all].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return undefined;
  const first = all[0];
  const text = apply(doc.text, [first]);
  const after = apply(doc.text, sorted);
  if (text.split('\n').length !== doc.lines.length || after.split('\n').length !== doc.lines.length || after === text) return undefined;
  const line = doc.text.slice(0, first.start).split('\n').length - 1;
  const character = first.start - (doc.text.lastIndexOf('\n', first.start - 1) + 1) + first.text.length;
  if (first.text.includes('\n') || doc.text.slice(first.start, first.end).includes('\n')) return undefined;
  return { languageId: doc.languageId, path: doc.path, text, cursor: { line, character }, edit: { line, from: doc.text.slice(first.start, first.end), to: first.text }, after };
}

function apply(text: string, replacements: Replacement[]): string {
  let out = text;
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

function renameLocal(doc: Doc, atLastUse = false): Draft[] {
  const out: Draft[] = [];
  for (const fn of nodesOf(doc.tree.rootNode, (n) => FUNCTION.test(n.type) && n.endPosition.row - n.startPosition.row >= 3)) {
    for (const name of declaredNames(fn)) {
      const uses = identifiers(fn).filter((n) => n.text === name.text && isPlainReference(n));
      if (uses.length < 2 || uses.length > 20 || shadowed(fn, name.text) || usedAsShorthand(fn, name.text)) continue;
      const renamed = newName(doc, name.text, 'Value');
      if (!renamed) continue;
      const first = atLastUse ? uses[uses.length - 1] : (uses.find((n) => n.startIndex === name.startIndex) ?? uses[0]);
      const reps = [first, ...uses.filter((n) => n !== first)].map((n) => ({ start: n.startIndex, end: n.endIndex, text: renamed }));
      const c = caseOf(doc, reps);
      if (c) out.push(c);
      if (out.length >= PER_FILE_AND_KIND) return out;
    }
  }
  return out;
}

function renameFunction(doc: Doc): Draft[] {
  const out: Draft[] = [];
  for (const fn of namedFunctions(doc)) {
    const name = fn.childForFieldName('name')!;
    const uses = identifiers(doc.tree.rootNode).filter((n) => n.text === name.text && n.startIndex !== name.startIndex && isPlainReference(n));
    if (uses.length < 1 || uses.length > 25 || usedAsShorthand(doc.tree.rootNode, name.text)) continue;
    const renamed = newName(doc, name.text, 'Renamed');
    if (!renamed) continue;
    const c = caseOf(doc, [name, ...uses].map((n) => ({ start: n.startIndex, end: n.endIndex, text: renamed })));
    if (c) out.push(c);
  }
  return out;
}

function paramAdded(doc: Doc): Draft[] {
  const out: Draft[] = [];
  const python = doc.languageId === 'python';
  for (const fn of namedFunctions(doc)) {
    const params = fn.childForFieldName('parameters');
    const calls = callsOf(doc, fn.childForFieldName('name')!.text);
    if (!params || params.startPosition.row !== params.endPosition.row || calls.length === 0) continue;
    const named = params.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
    if (named.some((n) => /rest|splat|dictionary_splat/.test(n.type))) continue;
    const extra = newName(doc, python ? 'extra_arg' : 'extraArg', '');
    if (!extra) continue;
    const declared = doc.languageId === 'typescript' ? `${extra}?: unknown` : python ? `${extra}=None` : extra;
    const reps = [insertArgument(params, named, declared), ...calls.map((args) => insertArgument(args, args.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment'), extra))];
    if (reps.some((r) => !r)) continue;
    const c = caseOf(doc, reps as Replacement[]);
    if (c) out.push(c);
  }
  return out;
}

function paramRemoved(doc: Doc): Draft[] {
  const out: Draft[] = [];
  for (const fn of namedFunctions(doc)) {
    const params = fn.childForFieldName('parameters');
    const calls = callsOf(doc, fn.childForFieldName('name')!.text);
    if (!params || params.startPosition.row !== params.endPosition.row || calls.length === 0) continue;
    const named = params.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
    if (named.length < 2 || named.some((n) => /rest|splat/.test(n.type))) continue;
    const reps: Replacement[] = [{ start: named[named.length - 2].endIndex, end: named[named.length - 1].endIndex, text: '' }];
    let ok = true;
    for (const args of calls) {
      const items = args.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
      if (items.length !== named.length || items.some((n) => /spread|splat|keyword_argument/.test(n.type)) || items[items.length - 1].startPosition.row !== items[items.length - 2].endPosition.row) {
        ok = false;
        break;
      }
      reps.push({ start: items[items.length - 2].endIndex, end: items[items.length - 1].endIndex, text: '' });
    }
    if (!ok) continue;
    const c = caseOf(doc, reps);
    if (c) out.push(c);
  }
  return out;
}

/** Runs of 3+ alike assignments (`x = call(…)`) each given `await`. */
function repeatedInsert(doc: Doc): Draft[] {
  const out: Draft[] = [];
  const test = doc.languageId === 'python' ? /^(\s*)[a-z_]\w* = (?!await )[a-zA-Z_][\w.]*\(/ : /^(\s*)(?:const|let|var) \w+ = (?!await )[a-zA-Z_][\w.]*\(/;
  const starts = lineStarts(doc.lines);
  for (let i = 0; i < doc.lines.length; i++) {
    const indent = test.exec(doc.lines[i])?.[1];
    if (indent === undefined) continue;
    let j = i;
    while (j + 1 < doc.lines.length && test.exec(doc.lines[j + 1])?.[1] === indent) j++;
    if (j - i >= 2) {
      const reps = [];
      for (let k = i; k <= j; k++) {
        const at = doc.lines[k].indexOf(' = ') + 3;
        reps.push({ start: starts[k] + at, end: starts[k] + at, text: 'await ' });
      }
      const c = caseOf(doc, reps);
      if (c) out.push(c);
    }
    i = j;
  }
  return out;
}

/** `, value` after the last item of a parameter or argument list, or `value` in an empty one. */
function insertArgument(list: Node, items: Node[], value: string): Replacement | undefined {
  if (items.some((n) => /spread|splat/.test(n.type))) return undefined;
  const last = items[items.length - 1];
  const at = last ? last.endIndex : list.startIndex + 1;
  return { start: at, end: at, text: last ? `, ${value}` : value };
}

function signatureSwap(doc: Doc): Draft[] {
  const out: Draft[] = [];
  for (const fn of namedFunctions(doc)) {
    const params = fn.childForFieldName('parameters');
    const calls = callsOf(doc, fn.childForFieldName('name')!.text);
    if (!params || calls.length === 0) continue;
    const [a, b] = params.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
    if (!a || !b || a.startPosition.row !== b.endPosition.row || [a, b].some((n) => /rest|splat|default|optional|typed_default/.test(n.type)) || a.text === 'self') continue;
    const reps: Replacement[] = [{ start: a.startIndex, end: b.endIndex, text: `${b.text}${doc.text.slice(a.endIndex, b.startIndex)}${a.text}` }];
    let ok = true;
    for (const args of calls) {
      const [x, y] = args.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
      if (!x || !y || [x, y].some((n) => n.startPosition.row !== n.endPosition.row || /spread|splat|keyword_argument/.test(n.type))) {
        ok = false;
        break;
      }
      reps.push({ start: x.startIndex, end: x.endIndex, text: y.text }, { start: y.startIndex, end: y.endIndex, text: x.text });
    }
    if (!ok) continue;
    const c = caseOf(doc, reps);
    if (c) out.push(c);
  }
  return out;
}

/** Runs of 3+ consecutive alike lines: a declaration keyword changed, or `this.x =` / `self.x =` made `_x`. */
function repeatedEdit(doc: Doc): Draft[] {
  const out: Draft[] = [];
  const python = doc.languageId === 'python';
  const patterns: { test: RegExp; change: (line: string) => string | undefined }[] = python
    ? [{ test: /^(\s*)self\.([a-z]\w*) = /, change: (l) => l.replace(/^(\s*)self\.([a-z]\w*)/, '$1self._$2') }]
    : [
        { test: /^(\s*)const /, change: (l) => l.replace(/^(\s*)const /, '$1let ') },
        { test: /^(\s*)var /, change: (l) => l.replace(/^(\s*)var /, '$1let ') },
        { test: /^(\s*)this\.([a-zA-Z]\w*) = /, change: (l) => l.replace(/^(\s*)this\.([a-zA-Z]\w*)/, '$1this._$2') },
      ];
  const starts = lineStarts(doc.lines);
  for (const { test, change } of patterns) {
    for (let i = 0; i < doc.lines.length; i++) {
      const indent = test.exec(doc.lines[i])?.[1];
      if (indent === undefined) continue;
      let j = i;
      while (j + 1 < doc.lines.length && test.exec(doc.lines[j + 1])?.[1] === indent) j++;
      if (j - i >= 2) {
        const reps = [];
        for (let k = i; k <= j; k++) {
          const changed = change(doc.lines[k])!;
          const p = commonPrefix(doc.lines[k], changed);
          const s = commonSuffix(doc.lines[k].slice(p), changed.slice(p));
          reps.push({ start: starts[k] + p, end: starts[k] + doc.lines[k].length - s, text: changed.slice(p, changed.length - s) });
        }
        const c = caseOf(doc, reps);
        if (c) out.push(c);
      }
      i = j;
    }
  }
  return out;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function commonSuffix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}


/** Functions with a name field (declarations, Python defs at the top of the module). */
function namedFunctions(doc: Doc): Node[] {
  return nodesOf(doc.tree.rootNode, (n) => {
    if (!/^(function_declaration|function_definition)$/.test(n.type) || !n.childForFieldName('name')) return false;
    if (doc.languageId !== 'python') return true;
    const parent = n.parent?.type === 'decorated_definition' ? n.parent.parent : n.parent;
    return parent?.type === 'module';
  });
}

/** Argument lists of the calls of `name` as a plain function. */
function callsOf(doc: Doc, name: string): Node[] {
  return nodesOf(doc.tree.rootNode, (n) => /^(call_expression|call)$/.test(n.type) && n.childForFieldName('function')?.type === 'identifier' && n.childForFieldName('function')?.text === name)
    .map((n) => n.childForFieldName('arguments'))
    .filter((n): n is Node => !!n && n.type !== 'template_string' && n.type !== 'generator_expression');
}

function declaredNames(fn: Node): Node[] {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  const names: Node[] = [];
  if (params) {
    if (params.type === 'identifier') names.push(params);
    for (const p of params.namedChildren) {
      if (!p) continue;
      const id = p.type === 'identifier' ? p : (p.childForFieldName('pattern') ?? p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'));
      if (id?.type === 'identifier' && id.text !== 'self' && id.text !== 'cls') names.push(id);
    }
  }
  const body = fn.childForFieldName('body');
  if (body) {
    for (const d of nodesOf(body, (n) => n.type === 'variable_declarator' || (n.type === 'assignment' && n.parent?.type === 'expression_statement'), (n) => n !== body && FUNCTION.test(n.type))) {
      const id = d.childForFieldName('name') ?? d.childForFieldName('left');
      if (id?.type === 'identifier') names.push(id);
    }
  }
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(n.text) && seen.add(n.text) && n.text.length > 1);
}

function identifiers(root: Node): Node[] {
  return nodesOf(root, (n) => n.type === 'identifier');
}

/** Not a keyword argument's name, an attribute after a dot, or a property key. */
function isPlainReference(n: Node): boolean {
  const parent = n.parent;
  if (!parent) return true;
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.equals(n)) return false;
  if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.equals(n)) return false;
  return true;
}

/** A nested function declaring the same name would make the rename ambiguous. */
function shadowed(fn: Node, name: string): boolean {
  return nodesOf(fn, (n) => n !== fn && FUNCTION.test(n.type)).some((inner) => declaredNames(inner).some((d) => d.text === name));
}

function usedAsShorthand(root: Node, name: string): boolean {
  return nodesOf(root, (n) => /shorthand_property_identifier/.test(n.type) && n.text === name).length > 0;
}

/** `name` + suffix, or undefined when that name is already in the file. */
function newName(doc: Doc, name: string, suffix: string): string | undefined {
  const renamed = doc.languageId === 'python' && suffix ? `${name}_${suffix.toLowerCase()}` : name + suffix;
  return new RegExp(`\\b${renamed}\\b`).test(doc.text) ? undefined : renamed;
}

function nodesOf(root: Node, keep: (n: Node) => boolean, skip?: (n: Node) => boolean): Node[] {
  const out: Node[] = [];
  const visit = (n: Node) => {
    if (keep(n)) out.push(n);
    for (const c of n.namedChildren) if (c && !skip?.(c)) visit(c);
  };
  visit(root);
  return out;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** A deterministic sample of `n` (a fixed-seed shuffle). */
function sample<T>(list: T[], n: number): T[] {
  let seed = 16;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}
