/**
 * The check behind "not found in this workspace": the names a piece of proposed code refers to that are
 * defined nowhere — not declared by the code itself, not in the file it goes into, not in the language's
 * standard library, not in any workspace file or dependency declaration (Codebase.unknownNames). A model
 * that invents `fs.readFileAsync` or a helper the project never had is caught before the code is applied.
 * Member names (`x.foo`) are checked the same way, against every name anywhere, because the receiver's type
 * is unknown: a member is flagged only when no file, dependency or standard module has that name at all.
 * It stays quiet where it cannot know: private `_names`, names read from data (`process.env.X`, a word of
 * the code's own strings), and everything from a module it cannot read (a package that is not installed,
 * another platform's standard module).
 */
import { builtinModules } from 'node:module';
import type { Parsers } from '../../syntax/parsers';
import type { Codebase } from '../codebase';
import { MODULE_PREFIX } from './dependencyNames';
import { nameFamily, namesOfTree, type CodeNames, type NameFamily, type NameUse } from './references';
import { PYTHON_OPAQUE_MODULES } from './standard/python';
import { standardNames } from './standardNames';
import { wordsOf } from './words';

export interface NameCheckInput {
  code: string;
  languageId: string;
  /** The text of the file the code goes into (without the code): its own names count as known. */
  fileText?: string;
}

const NODE_MODULES = new Set(builtinModules);
const OPAQUE_PYTHON = new Set(PYTHON_OPAQUE_MODULES.split(' '));

/** Where the code refers to names found nowhere, in order; empty for languages that are not checked. */
export async function findUnknownNames(input: NameCheckInput, deps: { parsers: Parsers; codebase: Pick<Codebase, 'unknownNames'> }): Promise<NameUse[]> {
  const family = nameFamily(input.languageId);
  if (!family) return [];
  const tree = await deps.parsers.parseText(input.languageId, input.code);
  if (!tree) return [];
  let names: CodeNames;
  try {
    names = namesOfTree(tree, family);
  } finally {
    tree.delete();
  }
  const standard = standardNames(family);
  const fileWords = input.fileText ? wordsOf(input.fileText) : new Set<string>();
  const candidates = names.uses.filter(
    (u) => !u.name.startsWith('_') && u.receiver !== '' && !names.declared.has(u.name) && !standard.has(u.name) && !fileWords.has(u.name) && !names.mentioned.has(u.name),
  );
  if (candidates.length === 0) return [];
  const modules = new Set([...names.imports.values(), ...candidates.flatMap((u) => (u.module === undefined ? [] : [u.module]))]);
  const packages = family === 'js' ? [...modules].filter(isPackage).map((m) => MODULE_PREFIX + m) : [];
  const unknown = new Set(await deps.codebase.unknownNames([...new Set(candidates.map((u) => u.name)), ...packages]));
  const unreadable = unreadableModules(family, modules, unknown);
  // A name from such a module: imported, used under the name its import binds, or a member of that binding.
  const fromUnreadable = (u: NameUse) => [u.module, names.imports.get(u.member ? (u.receiver ?? '') : u.name)].some((m) => m !== undefined && unreadable.has(m));
  return candidates.filter((u) => unknown.has(u.name) && !fromUnreadable(u));
}

/** A JavaScript module that is an npm package: not a relative or absolute path, not one of Node's. */
function isPackage(module: string): boolean {
  return !/^[./]/.test(module) && !module.startsWith('node:') && !NODE_MODULES.has(module);
}

/**
 * Modules whose names cannot be known here. Python: another platform's standard module, or a top-level
 * module no workspace file, installed package or standard module provides. JavaScript: a package that is not
 * installed with declarations (Codebase.unknownNames answers `module:<specifier>`).
 */
function unreadableModules(family: NameFamily, modules: ReadonlySet<string>, unknown: ReadonlySet<string>): Set<string> {
  const unreadable = new Set<string>();
  for (const module of modules) {
    if (family === 'python') {
      const top = module.split('.')[0];
      if (top && (OPAQUE_PYTHON.has(top) || unknown.has(top))) unreadable.add(module);
    } else if (isPackage(module) && unknown.has(MODULE_PREFIX + module)) {
      unreadable.add(module);
    }
  }
  return unreadable;
}

/** The distinct names of the uses, in order of first appearance. */
export function distinctNames(uses: readonly NameUse[]): string[] {
  return [...new Set(uses.map((u) => u.name))];
}
