/**
 * Development sets for the search benchmark, built from real code Fathom did not write (npm packages'
 * sources in node_modules, the system's Python library when there is one). Each function with a doc
 * comment becomes a case: the query is the doc comment's first sentence(s), the doc comment is removed
 * from the copy that gets indexed, and the expected answer is that function's lines in the copy. The last
 * set, Python packages from the system's dist-packages, is held out: it is reported, never tuned on.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { definitionOf } from '../src/codebase/definitions';
import { walkRoot } from '../src/codebase/walk';
import { languageOfPath } from '../src/syntax/languages';
import type { Parsers } from '../src/syntax/parsers';

export interface SearchCase {
  id: string;
  query: string;
  path: string;
  /** The function's lines in the indexed copy (1-based, inclusive; its doc comment is gone). */
  startLine: number;
  endLine: number;
}

export interface SetSource {
  name: string;
  /** Folders copied into the set's tree, under the given names. */
  trees: { from: string; as: string }[];
  /** A check set: measured and reported, never looked at while tuning (its misses are not listed). */
  heldOut?: boolean;
}

export interface BuiltSet {
  name: string;
  root: string;
  files: number;
  heldOut?: boolean;
  cases: SearchCase[];
  /** Cases dropped because another function's doc comment said the same thing. */
  duplicates: number;
}

/** Cases kept per set, picked evenly by a fixed hash so the set is the same on every machine. */
export const MAX_CASES = 500;
const MIN_WORDS = 3;
const MAX_QUERY_CHARS = 300;

const NODE_MODULES = join(__dirname, '..', 'node_modules');

/** The sets this machine can build: TypeScript and JavaScript from node_modules always, Python when the system has it. */
export function setSources(): SetSource[] {
  const sets: SetSource[] = [
    { name: 'typescript (openai/src, cheerio/src, htmlparser2/src)', trees: ['openai/src', 'cheerio/src', 'htmlparser2/src'].map((p) => ({ from: join(NODE_MODULES, p), as: p.replace('/src', '') })) },
    { name: 'javascript (eslint/lib, mocha/lib)', trees: ['eslint/lib', 'mocha/lib'].map((p) => ({ from: join(NODE_MODULES, p), as: p.replace('/lib', '') })) },
  ];
  const python = pythonLib();
  if (python) sets.push({ name: `python (${python})`, trees: [{ from: python, as: 'python' }] });
  // Held out: Python packages the ranking was never tuned on, to tell a general gain from one fitted to the sets above.
  const packages = HELD_OUT_PYTHON.map((p) => join(DIST_PACKAGES, p));
  if (packages.every((p) => existsSync(p))) {
    sets.push({ name: `held-out (python: ${HELD_OUT_PYTHON.join(', ')} from ${DIST_PACKAGES})`, trees: HELD_OUT_PYTHON.map((p, i) => ({ from: packages[i], as: p })), heldOut: true });
  }
  return sets.filter((s) => s.trees.every((t) => existsSync(t.from)));
}

const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
const HELD_OUT_PYTHON = ['setuptools', 'pygments', 'oauthlib', 'pyparsing', 'yaml', 'jwt'];

function pythonLib(): string | undefined {
  try {
    const dir = readdirSync('/usr/lib').filter((d) => /^python3\.\d+$/.test(d)).sort().pop();
    return dir && existsSync(join('/usr/lib', dir, 'json', 'decoder.py')) ? join('/usr/lib', dir) : undefined;
  } catch {
    return undefined;
  }
}

/** Folders of the Python library that are tests, tools or other packages: left out of the set. */
const PYTHON_SKIP = new Set(['test', 'tests', 'idlelib', 'lib2to3', 'site-packages', 'dist-packages', 'config-3', 'ensurepip', 'tkinter', 'turtledemo']);

/** Copies the set's trees under `root` with the cases' doc comments removed; returns the cases. */
export async function buildSet(source: SetSource, root: string, parsers: Parsers): Promise<BuiltSet> {
  for (const tree of source.trees) {
    cpSync(tree.from, join(root, tree.as), {
      recursive: true,
      // Judged below the tree's own folder (a held-out tree lives under dist-packages itself).
      filter: (src) => !src.slice(tree.from.length).split('/').some((seg) => PYTHON_SKIP.has(seg) || seg.startsWith('config-3')),
    });
  }
  const files = await walkRoot(root);
  const all: SearchCase[] = [];
  for (const file of files) {
    const languageId = languageOfPath(file.path);
    if (!languageId || !['typescript', 'javascript', 'python'].includes(languageId)) continue;
    const abs = join(root, file.path);
    const text = readFileSync(abs, 'utf8');
    const tree = await parsers.parseText(languageId, text);
    if (!tree) continue;
    try {
      const found = documented(tree.rootNode, languageId === 'python');
      if (!found.length) continue;
      const { text: stripped, cases } = strip(text, found, file.path);
      writeFileSync(abs, stripped);
      all.push(...cases);
    } finally {
      tree.delete();
    }
  }
  const counts = new Map<string, number>();
  for (const c of all) counts.set(c.query.toLowerCase(), (counts.get(c.query.toLowerCase()) ?? 0) + 1);
  const unique = all.filter((c) => counts.get(c.query.toLowerCase()) === 1);
  const picked = unique
    .map((c) => ({ c, key: hash(`${c.path}:${c.startLine}`) }))
    .sort((a, b) => a.key - b.key)
    .slice(0, MAX_CASES)
    .map(({ c }) => c)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.startLine - b.startLine))
    .map((c, i) => ({ ...c, id: `${source.name.split(' ')[0]}-${i + 1}` }));
  return { name: source.name, root, files: files.length, cases: picked, duplicates: all.length - unique.length, heldOut: source.heldOut };
}

interface Documented {
  /** The function's node (its export wrapper included). */
  node: Node;
  query: string;
  /** The characters to remove: the doc comment (JS/TS: up to the function; Python: the docstring's lines). */
  remove: [number, number];
}

/** Every function with a doc comment, in order. */
function documented(rootNode: Node, python: boolean): Documented[] {
  const out: Documented[] = [];
  // The definition inside a wrapper (export, decorators) is the wrapper's: not a second case.
  const wrapped = new Set<number>();
  const visit = (node: Node) => {
    for (let child = node.firstNamedChild; child; child = child.nextNamedSibling) {
      const def = wrapped.has(child.id) ? undefined : definitionOf(child);
      if (def?.kind === 'function') {
        const found = python ? docstringOf(child) : jsDocOf(child);
        if (found) out.push(found);
        for (let inner = child.firstNamedChild; inner; inner = inner.nextNamedSibling) if (definitionOf(inner)) wrapped.add(inner.id);
      }
      visit(child);
    }
  };
  visit(rootNode);
  return out;
}

function jsDocOf(node: Node): Documented | undefined {
  const prev = node.previousNamedSibling;
  if (!prev || prev.type !== 'comment' || !prev.text.startsWith('/**') || prev.endPosition.row < node.startPosition.row - 1) return undefined;
  const body = prev.text
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''));
  const query = firstSentences(body);
  return query ? { node, query, remove: [prev.startIndex, node.startIndex] } : undefined;
}

function docstringOf(node: Node): Documented | undefined {
  const fn = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  const block = fn?.childForFieldName('body');
  const first = block?.firstNamedChild;
  if (!block || !first || first.type !== 'expression_statement' || first.firstNamedChild?.type !== 'string') return undefined;
  // A function whose only statement is its docstring would have no body left.
  if (!first.nextNamedSibling) return undefined;
  const raw = first.text.replace(/^[rRuUbB]*("""|'''|"|')/, '').replace(/("""|'''|"|')$/, '');
  const query = firstSentences(raw.split('\n'));
  if (!query) return undefined;
  const text = node.tree.rootNode.text;
  const lineStart = text.lastIndexOf('\n', first.startIndex - 1) + 1;
  const nextLine = text.indexOf('\n', first.endIndex);
  return { node, query, remove: [lineStart, nextLine === -1 ? text.length : nextLine + 1] };
}

/** The doc's first sentence (two when the first is short), before any tag or blank line, plain words. */
function firstSentences(lines: string[]): string | undefined {
  const paragraph: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t.startsWith('@') || t.startsWith(':param') || t.startsWith('Args:') || t.startsWith('```')) break;
    if (!t) {
      if (paragraph.length) break;
      continue;
    }
    paragraph.push(t);
  }
  const prose = paragraph
    .join(' ')
    .replace(/\{@link\s+([^}|\s]+)[^}]*\}/g, '$1')
    .replace(/[`*]/g, '')
    .trim();
  const sentences = prose.split(/(?<=[.!?])\s+/);
  let query = sentences[0] ?? '';
  if (query.split(/\s+/).length < 6 && sentences[1]) query += ' ' + sentences[1];
  query = query.slice(0, MAX_QUERY_CHARS).trim();
  return query.split(/\s+/).filter((w) => /\w/.test(w)).length >= MIN_WORDS ? query : undefined;
}

/** The text without the cases' doc comments, and each case's function lines in it. */
function strip(text: string, found: Documented[], path: string): { text: string; cases: SearchCase[] } {
  const removals = found.map((f) => f.remove).sort((a, b) => a[0] - b[0]);
  let out = '';
  let last = 0;
  for (const [start, end] of removals) {
    out += text.slice(last, start);
    last = end;
  }
  out += text.slice(last);
  const moved = (offset: number) => offset - removals.reduce((sum, [s, e]) => sum + (e <= offset ? e - s : 0), 0);
  const lineOf = (offset: number) => out.slice(0, offset).split('\n').length;
  const cases = found.map((f) => ({ id: '', query: f.query, path, startLine: lineOf(moved(f.node.startIndex)), endLine: lineOf(moved(f.node.endIndex)) }));
  return { text: out, cases };
}

/** FNV-1a: a fixed, machine-independent order for sampling. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function writeQueries(file: string, cases: readonly SearchCase[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, cases.map((c) => JSON.stringify({ id: c.id, query: c.query })).join('\n') + '\n');
}

/** Copies of the sets' trees under `root` until it holds `files` files (the search bench's 10,000-file tree). */
export function copySetsUntil(sets: readonly BuiltSet[], root: string, files: number): void {
  mkdirSync(root, { recursive: true });
  let copied = 0;
  for (let copy = 0; copied < files; copy++) {
    for (const set of sets) {
      if (copied >= files) break;
      cpSync(set.root, join(root, `copy${copy}`, set.name.split(' ')[0]), { recursive: true });
      copied += set.files;
    }
  }
}
