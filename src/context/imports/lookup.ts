/**
 * Finds where an imported name is defined: in the module it is imported from, or further along the
 * re-exports (`export * from`, `export { x } from`, an `__init__.py` importing from its submodules, a
 * header including another). Bounded in depth, and in files through the request's WorkBudget.
 */
import { languageFacts } from '../../syntax/languages';
import type { WorkspaceFiles } from '../../workspace/files';
import type { FileIndex } from './definitions';
import type { FileIndexCache, WorkBudget } from './fileIndexCache';
import type { ProjectConfig } from './projectConfig';
import { resolveBinding, resolveModule, type ResolveContext, type ResolvedName } from './resolveImport';
import type { Definition, ImportBinding, ImportStatement } from './types';
import { REEXPORT_MAX_DEPTH as MAX_DEPTH } from '../../tunables/tunables';

/** What a name stands for: a definition in a file, or (no definition) the whole module. */
export interface Found {
  index: FileIndex;
  definition?: Definition;
}

export interface LookupEnv {
  files: WorkspaceFiles;
  cache: FileIndexCache;
  work: WorkBudget;
  project: ProjectConfig;
}


export function modulesOf(statement: ImportStatement, ctx: ResolveContext, env: LookupEnv): Promise<string[]> {
  return env.cache.resolve(`${ctx.languageId}\u0000${ctx.fromPath}\u0000${statement.specifier}\u0000${statement.all}`, () => resolveModule(statement, ctx));
}

/** Where one binding of a statement is defined (cached like module resolutions). */
export function bindingOf(statement: ImportStatement, binding: ImportBinding, modules: string[], ctx: ResolveContext, env: LookupEnv): Promise<ResolvedName | undefined> {
  return env.cache.resolve(`${ctx.languageId}\u0000${ctx.fromPath}\u0000${statement.specifier}\u0000${binding.local}\u0000${binding.imported}`, () => resolveBinding(statement, binding, modules, ctx));
}

export function contextOf(index: FileIndex, env: LookupEnv): ResolveContext {
  return { fromPath: index.path, fromText: index.text, languageId: index.languageId, files: env.files, project: env.project };
}

/** The definition of `name` (`*` for the module itself) as seen from the files `paths`. */
export async function findDefinition(name: string, paths: readonly string[], env: LookupEnv, depth = 0, visited = new Set<string>()): Promise<Found | undefined> {
  for (const path of paths) {
    const key = `${path}\u0000${name}`;
    if (visited.has(key) || depth > MAX_DEPTH) continue;
    visited.add(key);
    const index = await env.cache.get(path, env.files, env.work);
    if (!index) continue;
    if (name === '*') return { index };
    const found = (await findIn(index, name, env, depth, visited)) ?? undefined;
    if (found) return found;
  }
  return undefined;
}

async function findIn(index: FileIndex, name: string, env: LookupEnv, depth: number, visited: Set<string>): Promise<Found | undefined> {
  const local = index.exportAliases.get(name) ?? name;
  const own = preferred(index.definitions.get(local));
  if (own) return { index, definition: own };
  const ctx = contextOf(index, env);
  // Languages whose imports make the imported names visible to the importer's own importers.
  const passThrough = languageFacts(index.languageId)?.importsPassThrough === true;
  // A name this file imports and passes on.
  for (const statement of index.imports) {
    const binding = statement.bindings.find((b) => b.local === local);
    if (!binding || !(statement.reexport || passThrough || local !== name || isJsReexported(index, local))) continue;
    const modules = await modulesOf(statement, ctx, env);
    const target = await bindingOf(statement, binding, modules, ctx, env);
    if (!target) continue;
    const found = await findDefinition(target.name, target.paths, env, depth + 1, visited);
    if (found) return found;
  }
  // Star re-exports: `export * from`, `from .x import *`, `#include`.
  for (const statement of index.imports) {
    if (!statement.all || !(statement.reexport || passThrough)) continue;
    const found = await findDefinition(name, await modulesOf(statement, ctx, env), env, depth + 1, visited);
    if (found) return found;
  }
  return undefined;
}

/** `import { x } from './y'; export { x };` passes x on without an `export … from`. */
function isJsReexported(index: FileIndex, local: string): boolean {
  if ([...index.exportAliases.values()].includes(local)) return true;
  const escaped = local.replace(/[$]/g, '\\$');
  return new RegExp(`export\\s*\\{[^}]*(?<![\\w$])${escaped}(?![\\w$])`).test(index.text);
}

/** Among same-named definitions, the one that declares the thing (a struct before its impl blocks). */
function preferred(definitions: Definition[] | undefined): Definition | undefined {
  if (!definitions?.length) return undefined;
  return definitions.find((d) => !/^impl_item$/.test(d.kind)) ?? definitions[0];
}
