/**
 * The import retriever: finds the imported names that matter at the cursor (symbols.ts), where they
 * are defined (lookup.ts), and turns the definitions into snippet candidates in several shapes. For a
 * module imported whole whose member at the cursor is not written yet, it also offers the module's
 * outline and the members whose vocabulary the code around the cursor shares.
 */
import type { Tree } from 'web-tree-sitter';
import type { DocumentSnapshot } from '../../workspace/document';
import type { WorkspaceFiles } from '../../workspace/files';
import { SecretSafeCutter } from '../../privacy/secretSafeCut';
import type { SnippetCandidate } from '../snippets/snippet';
import type { FileIndex } from './definitions';
import type { FileIndexCache, WorkBudget } from './fileIndexCache';
import { bindingOf, findDefinition, modulesOf, type LookupEnv } from './lookup';
import { projectConfig } from './projectConfig';
import type { ResolveContext } from './resolveImport';
import { renderShape } from './shapes';
import { rankImportedNames, type WantedName } from './symbols';
import type { Definition, ImportStatement, LineRanges } from './types';
import { inverseFrequencies, weighWords, weightedOverlap, wordParts, type WeightedWords } from './vocabulary';
import { NEAR_LINES } from '../../tunables/tunables';
import { VOCABULARY_WEIGHT } from '../../tunables/tunables';
import { MIN_MEMBER_OVERLAP } from '../../tunables/tunables';
import { MAX_LOOKUPS } from '../../tunables/tunables';


export interface ImportRequest {
  snapshot: DocumentSnapshot;
  tree: Tree;
  /** The document's lines, and the cursor's (0-based). */
  lines: readonly string[];
  cursorLine: number;
  /** Names in the enclosing functions' signatures. */
  rootPath: ReadonlySet<string>;
  files: WorkspaceFiles;
  cache: FileIndexCache;
  work: WorkBudget;
}

/** Definitions of the imported names that matter at the cursor, and outlines of modules used whole. */
export async function importCandidates(request: ImportRequest): Promise<SnippetCandidate[]> {
  const { snapshot, tree, lines, cursorLine, files, cache, work } = request;
  const imports = [...cache.importStatements.statements(snapshot.uri, tree, snapshot.languageId), ...implicitImports(snapshot)];
  if (imports.length === 0 || work.signal?.aborted) return [];
  const wanted = rankImportedNames({ languageId: snapshot.languageId, text: snapshot.text, cursorLine, imports, signatureNames: request.rootPath, outside: cache.outsideUses(snapshot.uri) }).slice(0, MAX_LOOKUPS);
  const env: LookupEnv = { files, cache, project: await projectConfig(files), work };
  const ctx: ResolveContext = { fromPath: snapshot.path, fromText: snapshot.text, languageId: snapshot.languageId, files, project: env.project };
  const near = wordParts(lines.slice(Math.max(0, cursorLine - NEAR_LINES), cursorLine + NEAR_LINES + 1).join('\n'));
  const out: SnippetCandidate[] = [];
  const modules = new Map<string, FileIndex>();
  const shown = new Set<Definition>();
  for (const w of wanted) {
    if (work.signal?.aborted) break;
    const found = await lookUp(w, ctx, env);
    if (!found) continue;
    if (found.definition) {
      shown.add(found.definition);
      const overlap = weightedOverlap(weighedWordsOf(found.index, found.definition), near);
      out.push(definitionCandidate(found.index, found.definition, w.score + VOCABULARY_WEIGHT * overlap));
    } else {
      out.push(outlineCandidate(found.index, w.score));
      modules.set(found.index.path, found.index);
    }
  }
  // Members of the modules imported whole, by how much of their vocabulary the cursor's neighbourhood uses.
  for (const index of modules.values()) {
    const { members, byWord } = membersOf(index);
    // A member sharing no word with the neighbourhood scores 0, under the threshold: only the ones sharing one are scored, in the module's order.
    for (const at of MIN_MEMBER_OVERLAP > 0 ? sharingAny(byWord, near) : members.keys()) {
      const [definition, words] = members[at];
      if (shown.has(definition)) continue;
      const overlap = weightedOverlap(words, near);
      if (overlap >= MIN_MEMBER_OVERLAP) out.push(definitionCandidate(index, definition, VOCABULARY_WEIGHT * overlap));
    }
  }
  return out;
}

const definitionWords = new WeakMap<Definition, Set<string>>();
const moduleRarity = new WeakMap<FileIndex, (word: string) => number>();
const weighedWords = new WeakMap<Definition, WeightedWords>();
/** A module's members with their weighed words, and for each word the members (their places in `members`, ascending) that hold it. */
interface Members {
  members: [Definition, WeightedWords][];
  byWord: Map<string, number[]>;
}
const moduleMembers = new WeakMap<FileIndex, Members>();

/**
 * A definition's words weighed by their rarity in its file, once: neither depends on the cursor (the index,
 * and so the definition, lives as long as the file is unchanged).
 */
function weighedWordsOf(index: FileIndex, definition: Definition): WeightedWords {
  let words = weighedWords.get(definition);
  if (!words) weighedWords.set(definition, (words = weighWords(wordsOf(index, definition), rarityIn(index))));
  return words;
}

/** A module's definitions a member may be offered from (dunder bookkeeping such as `__all__` left out), with their weighed words. */
function membersOf(index: FileIndex): Members {
  let kept = moduleMembers.get(index);
  if (!kept) {
    const members = index.ordered.filter((d) => !/^__\w+__$/.test(d.name)).map((d): [Definition, WeightedWords] => [d, weighedWordsOf(index, d)]);
    const byWord = new Map<string, number[]>();
    members.forEach(([, { words }], at) => {
      for (const word of words) {
        const list = byWord.get(word);
        if (!list) byWord.set(word, [at]);
        else if (list[list.length - 1] !== at) list.push(at);
      }
    });
    moduleMembers.set(index, (kept = { members, byWord }));
  }
  return kept;
}

/** The places of the members holding any of `words`, ascending. */
function sharingAny(byWord: ReadonlyMap<string, readonly number[]>, words: ReadonlySet<string>): number[] {
  const found = new Set<number>();
  for (const word of words) for (const at of byWord.get(word) ?? []) found.add(at);
  return [...found].sort((a, b) => a - b);
}

/** How rare each word is among a file's definitions (words every definition shares say little). */
function rarityIn(index: FileIndex): (word: string) => number {
  let rarity = moduleRarity.get(index);
  if (!rarity) moduleRarity.set(index, (rarity = inverseFrequencies(index.ordered.map((d) => wordsOf(index, d)))));
  return rarity;
}

/** The word parts of a definition's signature (a class's: its header and member signatures). */
function wordsOf(index: FileIndex, definition: Definition): Set<string> {
  let words = definitionWords.get(definition);
  if (!words) {
    const shape = definition.shapes[Math.min(1, definition.shapes.length - 1)];
    definitionWords.set(definition, (words = wordParts(renderShape(shape, index.lines).text)));
  }
  return words;
}

/** Finds what one wanted name stands for: a definition, or a whole module (for an outline). */
async function lookUp(w: WantedName, ctx: ResolveContext, env: LookupEnv): Promise<{ index: FileIndex; definition?: Definition } | undefined> {
  const modules = await modulesOf(w.statement, ctx, env);
  if (modules.length === 0) return undefined;
  if (!w.binding) return findDefinition(w.name, modules, env, 0, new Set([`${ctx.fromPath}\u0000${w.name}`]));
  const target = await bindingOf(w.statement, w.binding, modules, ctx, env);
  if (!target) return undefined;
  if (w.member) {
    // `tasks.sleep`: only a module has members worth a lookup (a class's members are in its summary).
    const module = target.name === '*' ? target : await moduleBehind(target.name, target.paths, env);
    return module ? findDefinition(w.name, module.paths, env) : undefined;
  }
  return findDefinition(target.name, target.paths, env);
}

/** When an imported name is itself a module (`from pkg import mod` through an `__init__`), its files. */
async function moduleBehind(name: string, paths: string[], env: LookupEnv): Promise<{ paths: string[] } | undefined> {
  const found = await findDefinition(name, paths, env);
  return found && !found.definition ? { paths: [found.index.path] } : undefined;
}

/** Names a language makes visible without an import statement: the rest of a Go package, Java/C# classes of the same folder. */
function implicitImports(snapshot: DocumentSnapshot): ImportStatement[] {
  const dir = snapshot.path.includes('/') ? snapshot.path.slice(0, snapshot.path.lastIndexOf('/')) : '';
  const here = { bindings: [], all: true, reexport: false, startLine: -1, endLine: -1 };
  if (snapshot.languageId === 'go') return [{ ...here, specifier: '.' }];
  if (snapshot.languageId === 'java') {
    const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(snapshot.text)?.[1];
    return pkg ? [{ ...here, specifier: pkg }] : [];
  }
  if (snapshot.languageId === 'csharp') return [{ ...here, specifier: dir.replace(/\//g, '.') }];
  return [];
}

const renderedForms = new WeakMap<Definition, SnippetCandidate['forms']>();
const outlines = new WeakMap<FileIndex, SnippetCandidate['forms']>();
const cutters = new WeakMap<FileIndex, SecretSafeCutter>();

function definitionCandidate(index: FileIndex, definition: Definition, score: number): SnippetCandidate {
  // Rendered once per definition: the index (and so the definition) lives as long as the file is unchanged.
  let forms = renderedForms.get(definition);
  if (!forms) {
    forms = definition.shapes.map((shape) => sentForm(index, shape));
    renderedForms.set(definition, forms);
  }
  return { path: index.path, source: 'imports', score, forms };
}

/** A module's outline: the line naming each of its definitions (dunder bookkeeping such as `__all__` left out). */
function outlineCandidate(index: FileIndex, score: number): SnippetCandidate {
  let forms = outlines.get(index);
  if (!forms) {
    const lines = [...new Set(index.ordered.filter((d) => !/^__\w+__$/.test(d.name)).map((d) => d.nameLine))].sort((a, b) => a - b);
    forms = lines.length === 0 ? [] : [sentForm(index, lines.map((l) => [l, l] as const))];
    outlines.set(index, forms);
  }
  return { path: index.path, source: 'module', score, forms };
}

/** A shape as the prompt shows it: its line ranges widened where a secret crosses their edges, then rendered. */
function sentForm(index: FileIndex, shape: LineRanges): SnippetCandidate['forms'][number] {
  let cutter = cutters.get(index);
  if (!cutter) cutters.set(index, (cutter = new SecretSafeCutter(index.text)));
  const r = renderShape(cutter.lines(index.lines, shape), index.lines);
  return { text: r.text, startLine: r.startLine + 1, endLine: r.endLine + 1 };
}

