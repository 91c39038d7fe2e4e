/**
 * Maps an import statement to the workspace files that define its names, per language, without a
 * language server: the candidates a compiler would try (extensions, index files, packages, source
 * roots), checked with WorkspaceFiles.exists. Packages outside the workspace (node_modules, the
 * standard library) resolve to nothing, which is what we want: their definitions are not worth tokens.
 */
import { posix } from 'node:path';
import { languageFacts } from '../../syntax/languages';
import type { WorkspaceFiles } from '../../workspace/files';
import type { ImportBinding, ImportStatement } from './types';
import type { ProjectConfig } from './projectConfig';
import { MAX_MODULE_FILES } from '../../tunables/tunables';

/** Where one imported name is defined: its files, and its name there (`*` for a whole module). */
export interface ResolvedName {
  paths: string[];
  name: string;
}

export interface ResolveContext {
  /** Workspace-relative path of the importing file. */
  fromPath: string;
  /** Its text (Java reads its package to find the source root). */
  fromText: string;
  languageId: string;
  files: WorkspaceFiles;
  project: ProjectConfig;
}


const JS_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** The files of the module a statement imports (empty when it is not in the workspace). */
export async function resolveModule(statement: ImportStatement, ctx: ResolveContext): Promise<string[]> {
  const spec = statement.specifier;
  const dir = posix.dirname(ctx.fromPath);
  // Each import style (a fact of the language table) has its own resolution rules.
  switch (languageFacts(ctx.languageId)?.imports) {
    case 'python':
      return firstExisting(ctx.files, await pythonCandidates(spec, ctx));
    case 'go':
      return goPackage(spec, ctx);
    case 'rust':
      return firstExisting(ctx.files, rustModuleCandidates(spec, ctx.fromPath));
    case 'java':
      return statement.all ? listSources(ctx.files, joinPath(javaSourceRoot(ctx), spec.replace(/\./g, '/')), '.java') : firstExisting(ctx.files, javaCandidates(spec, ctx));
    case 'csharp':
      return csharpNamespace(spec, ctx);
    case 'c':
      return firstExisting(ctx.files, [joinPath(dir, spec), spec, `include/${spec}`, `src/${spec}`]);
    case 'ruby':
      return firstExisting(ctx.files, rubyCandidates(spec, dir));
    case 'php':
      return firstExisting(ctx.files, phpCandidates(spec, statement, ctx));
    case 'js':
      return firstExisting(ctx.files, jsCandidates(spec, ctx));
    default:
      return [];
  }
}

/**
 * Where one binding of a statement is defined. Mostly the statement's module and the binding's name;
 * Python `from pkg import mod` and Rust `use crate::a::b` may name a submodule instead.
 */
export async function resolveBinding(statement: ImportStatement, binding: ImportBinding, modulePaths: string[], ctx: ResolveContext): Promise<ResolvedName | undefined> {
  const style = languageFacts(ctx.languageId)?.imports;
  if (style === 'python' && binding.imported !== '*') {
    const pkg = modulePaths[0]?.endsWith('__init__.py') ? posix.dirname(modulePaths[0]) : undefined;
    const base = pkg ?? (statement.specifier.replace(/^\.+/, '') === '' ? posix.dirname(ctx.fromPath) : undefined);
    if (base !== undefined) {
      const sub = await firstExisting(ctx.files, [joinPath(base, `${binding.imported}.py`), joinPath(base, `${binding.imported}/__init__.py`)]);
      if (sub.length) return { paths: sub, name: '*' };
    }
  }
  if (style === 'rust' && binding.imported !== '*') {
    const sub = await firstExisting(ctx.files, rustModuleCandidates(`${statement.specifier}::${binding.imported}`, ctx.fromPath));
    if (sub.length) return { paths: sub, name: '*' };
  }
  return modulePaths.length ? { paths: modulePaths, name: binding.imported } : undefined;
}

async function firstExisting(files: WorkspaceFiles, candidates: string[]): Promise<string[]> {
  for (const c of candidates) {
    if (!c || c.startsWith('../') || c === '..') continue;
    if (await files.exists(c)) return [c];
  }
  return [];
}

function joinPath(...parts: string[]): string {
  const joined = posix.normalize(posix.join(...parts));
  return joined === '.' ? '' : joined.replace(/^\.\//, '');
}

function jsCandidates(spec: string, ctx: ResolveContext): string[] {
  const bases: string[] = [];
  if (spec.startsWith('.')) bases.push(joinPath(posix.dirname(ctx.fromPath), spec));
  else if (spec.startsWith('/')) return [];
  else bases.push(...ctx.project.aliasTargets(spec));
  return bases.flatMap((base) => {
    const ext = posix.extname(base);
    // TypeScript sources import their siblings by the emitted name (`./map.js` is map.ts).
    if (/^\.[mc]?jsx?$/.test(ext)) {
      const stem = base.slice(0, -ext.length);
      return [`${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, base, `${stem}.d.ts`];
    }
    // A dot in a module name is not an extension (`./user.service` is user.service.ts): the file as named
    // (`./data.json`) comes first, then the sources it may stand for.
    return [base, ...JS_EXTENSIONS.map((e) => base + e), ...JS_EXTENSIONS.map((e) => `${base}/index${e}`)];
  });
}

async function pythonCandidates(spec: string, ctx: ResolveContext): Promise<string[]> {
  const dots = /^\.*/.exec(spec)![0].length;
  const rest = spec.slice(dots).split('.').filter(Boolean).join('/');
  const module = (base: string) => (rest ? [joinPath(base, `${rest}.py`), joinPath(base, rest, '__init__.py'), joinPath(base, `${rest}.pyi`)] : [joinPath(base, '__init__.py')]);
  if (dots > 0) {
    let base = posix.dirname(ctx.fromPath);
    for (let i = 1; i < dots; i++) base = posix.dirname(base);
    return module(base === '.' ? '' : base);
  }
  // Absolute: from the folder that holds the top-level package, then the usual source folders; when
  // the workspace is itself the package, its name is the first part of the path and is dropped.
  const top = await pythonPackageTop(ctx);
  const bases = [top.parent, '', 'src', 'lib'].filter((b, i, all): b is string => b !== undefined && all.indexOf(b) === i);
  const candidates = bases.flatMap(module);
  const parts = rest.split('/');
  if (parts.length > 1) candidates.push(...[top.dir, ''].flatMap((b) => [joinPath(b, `${parts.slice(1).join('/')}.py`), joinPath(b, ...parts.slice(1), '__init__.py')]));
  return candidates;
}

/** The outermost package folder above the importing file (folders with __init__.py), and its parent. */
async function pythonPackageTop(ctx: ResolveContext): Promise<{ dir: string; parent: string | undefined }> {
  let dir = posix.dirname(ctx.fromPath);
  if (dir === '.') dir = '';
  let top = dir;
  for (let depth = 0; depth < 8; depth++) {
    if (!(await ctx.files.exists(joinPath(dir, '__init__.py')))) break;
    top = dir;
    if (dir === '') return { dir: '', parent: undefined };
    dir = posix.dirname(dir) === '.' ? '' : posix.dirname(dir);
  }
  const parent = posix.dirname(top);
  return { dir: top, parent: top === '' ? undefined : parent === '.' ? '' : parent };
}

async function goPackage(spec: string, ctx: ResolveContext): Promise<string[]> {
  const module = ctx.project.goModule;
  let dir: string | undefined;
  if (spec.startsWith('.')) dir = joinPath(posix.dirname(ctx.fromPath), spec);
  else if (module && (spec === module || spec.startsWith(`${module}/`))) dir = spec.slice(module.length + 1);
  if (dir === undefined) return [];
  return listSources(ctx.files, dir, '.go');
}

async function listSources(files: WorkspaceFiles, dir: string, ext: string): Promise<string[]> {
  if (!files.list) return [];
  const names = await files.list(dir);
  return names
    .filter((n) => n.endsWith(ext) && !n.endsWith(`_test${ext}`))
    .sort()
    .slice(0, MAX_MODULE_FILES)
    .map((n) => joinPath(dir, n));
}

/** Rust module files for a path like `crate::a::b`, `self::x` or `super::y`. */
function rustModuleCandidates(spec: string, fromPath: string): string[] {
  const parts = spec.split('::').filter(Boolean);
  const head = parts[0];
  const fromDir = posix.dirname(fromPath);
  const stem = posix.basename(fromPath, '.rs');
  const isModRoot = ['mod', 'lib', 'main'].includes(stem);
  let dir: string;
  if (head === 'crate') {
    const i = fromPath.lastIndexOf('src/');
    dir = i === -1 ? '' : fromPath.slice(0, i + 3);
  } else if (head === 'self') dir = isModRoot ? fromDir : joinPath(fromDir, stem);
  else if (head === 'super') dir = isModRoot ? posix.dirname(fromDir) : fromDir;
  else return [];
  let rest = parts.slice(1);
  while (rest[0] === 'super') {
    dir = posix.dirname(dir);
    rest = rest.slice(1);
  }
  if (rest.length === 0) return head === 'crate' ? [joinPath(dir, 'lib.rs'), joinPath(dir, 'main.rs')] : [joinPath(dir, 'mod.rs'), `${dir}.rs`];
  const path = rest.join('/');
  return [joinPath(dir, `${path}.rs`), joinPath(dir, path, 'mod.rs')];
}

/** The Java source root: the file's folder minus its package (`package a.b;` in `src/main/java/a/b/X.java`). */
function javaSourceRoot(ctx: ResolveContext): string {
  const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(ctx.fromText)?.[1];
  const dir = posix.dirname(ctx.fromPath);
  if (!pkg) return dir === '.' ? '' : dir;
  const pkgPath = pkg.replace(/\./g, '/');
  return dir.endsWith(pkgPath) ? dir.slice(0, dir.length - pkgPath.length).replace(/\/$/, '') : dir;
}

function javaCandidates(spec: string, ctx: ResolveContext): string[] {
  if (spec.startsWith('./')) return [joinPath(posix.dirname(ctx.fromPath), `${spec.slice(2)}.java`)];
  const path = spec.replace(/\./g, '/');
  // A nested class (`a.B.Inner`) lives in its outer class's file.
  const outer = path.replace(/\/[^/]+$/, '');
  return [joinPath(javaSourceRoot(ctx), `${path}.java`), joinPath(javaSourceRoot(ctx), `${outer}.java`)];
}

/** A C# namespace maps to a folder only by convention: try its trailing parts under the importing project. */
async function csharpNamespace(spec: string, ctx: ResolveContext): Promise<string[]> {
  if (spec.startsWith('./')) return firstExisting(ctx.files, [joinPath(posix.dirname(ctx.fromPath), `${spec.slice(2)}.cs`)]);
  const parts = spec.split('.');
  for (let i = 0; i < parts.length; i++) {
    const found = await listSources(ctx.files, parts.slice(i).join('/'), '.cs');
    if (found.length) return found;
  }
  return [];
}

function rubyCandidates(spec: string, dir: string): string[] {
  const file = spec.endsWith('.rb') ? spec : `${spec}.rb`;
  if (spec.startsWith('.')) return [joinPath(dir, file)];
  return [joinPath('lib', file), file, joinPath('app', file), joinPath(dir, file)];
}

function phpCandidates(spec: string, statement: ImportStatement, ctx: ResolveContext): string[] {
  if (statement.all) {
    const path = spec.replace(/^\/+/, '');
    return [joinPath(posix.dirname(ctx.fromPath), path), path];
  }
  // PSR-4: the composer prefix maps to a folder, the rest of the namespace to sub-folders.
  const candidates = ctx.project.phpTargets(spec);
  const parts = spec.split('\\');
  for (let i = 0; i < parts.length - 1; i++) {
    const rest = parts.slice(i).join('/');
    candidates.push(`${rest}.php`, `src/${rest}.php`, `app/${rest}.php`, `lib/${rest}.php`);
  }
  return candidates;
}
