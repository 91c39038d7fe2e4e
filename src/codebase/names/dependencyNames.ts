/**
 * The names a workspace's dependencies declare, for "is this name defined anywhere?": for JavaScript and
 * TypeScript, the identifiers of the packages package.json depends on (their .d.ts files and @types, or
 * their JavaScript when they ship no declarations), found the way Node resolves them (node_modules here or
 * in a parent folder); for Python, the importable top-level modules of the interpreter's package folders
 * (a virtual environment in the root first) and the identifiers of those packages the workspace or the
 * question names. Everything is read lazily, once, with caps so a huge package cannot stall a check.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { wordsOf } from './words';

/** Files and characters read per package at most. */
const MAX_FILES = 1500;
const MAX_CHARS = 16_000_000;

/**
 * A query name `module:<specifier>` asks whether a JavaScript module's package can be read (installed, with
 * declarations): names imported from one that cannot are not checked. No identifier contains `:`.
 */
export const MODULE_PREFIX = 'module:';

export interface DependencyOptions {
  /** Python package folders to use instead of looking for the interpreter's (tests, the bench). */
  sitePackages?: readonly string[];
}

export class DependencyNames {
  private jsWords: Promise<Set<string>> | undefined;
  private pythonModules: Promise<Map<string, string>> | undefined;
  private readonly pythonWords = new Map<string, Promise<Set<string>>>();
  /** Packages asked about by module (`module:zod/v3`): their words when installed with declarations. */
  private readonly modulePackages = new Map<string, Promise<Set<string> | undefined>>();

  constructor(
    private readonly root: string,
    private readonly options: DependencyOptions = {},
  ) {}

  /**
   * The subset of `names` some dependency declares. `used` are names the workspace itself holds: a Python
   * package among them (or among `names`) is read for its identifiers.
   */
  async known(names: readonly string[], used: (name: string) => boolean): Promise<Set<string>> {
    const found = new Set<string>();
    if (names.length === 0) return found;
    const js = await (this.jsWords ??= this.readJsDependencies());
    const modules = await (this.pythonModules ??= this.findPythonModules());
    const wanted = new Set(names);
    const packages = [...modules.keys()].filter((m) => wanted.has(m) || used(m));
    const packageWords = await Promise.all(packages.map((m) => this.wordsOfPythonPackage(m, modules.get(m)!)));
    const asked = names.filter((n) => n.startsWith(MODULE_PREFIX));
    const imported = await Promise.all(asked.map((m) => this.declaredPackage(m.slice(MODULE_PREFIX.length))));
    asked.forEach((m, i) => imported[i] && found.add(m));
    for (const name of names) {
      if (js.has(name) || modules.has(name) || packageWords.some((w) => w.has(name)) || imported.some((w) => w?.has(name))) found.add(name);
    }
    return found;
  }

  /** The words of the JavaScript package a module specifier names, when it is installed with declarations (its own or @types). */
  private declaredPackage(specifier: string): Promise<Set<string> | undefined> {
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    let words = this.modulePackages.get(name);
    if (!words) {
      const types = name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;
      words = (async () => {
        const found = new Set<string>();
        for (const pkg of [name, types]) {
          const dir = await resolvePackage(this.root, pkg);
          if (dir) for (const w of await wordsOfTree(dir, /\.d\.[cm]?ts$/, stripSlashComments)) found.add(w);
        }
        return found.size > 0 ? found : undefined;
      })();
      this.modulePackages.set(name, words);
    }
    return words;
  }

  private async readJsDependencies(): Promise<Set<string>> {
    const words = new Set<string>();
    const manifest = await readJson(join(this.root, 'package.json'));
    if (!manifest) return words;
    // The manifest's own keys are read as data (`require('./package.json').homepage`).
    for (const w of wordsOf(JSON.stringify(manifest))) words.add(w);
    const deps = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const listed = manifest[field];
      if (listed && typeof listed === 'object') for (const name of Object.keys(listed)) deps.add(name);
    }
    for (const name of deps) {
      const types = name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;
      for (const pkg of [name, types]) {
        const dir = await resolvePackage(this.root, pkg);
        if (dir) for (const w of await wordsOfPackage(dir)) words.add(w);
      }
    }
    return words;
  }

  private async findPythonModules(): Promise<Map<string, string>> {
    const modules = new Map<string, string>();
    for (const dir of this.options.sitePackages ?? (await sitePackageFolders(this.root))) {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const name = moduleName(entry.name, entry.isDirectory());
        if (name && !modules.has(name)) modules.set(name, join(dir, entry.name));
      }
    }
    return modules;
  }

  private wordsOfPythonPackage(module: string, path: string): Promise<Set<string>> {
    let words = this.pythonWords.get(module);
    if (!words) this.pythonWords.set(module, (words = wordsOfTree(path, /\.pyi?$/, stripPython)));
    return words;
  }
}

/** The importable module an entry of a package folder provides (`numpy/`, `six.py`, `_yaml.cpython-311….so`, `x-stubs/`). */
function moduleName(entry: string, isDirectory: boolean): string | undefined {
  if (isDirectory) {
    if (/\.(dist|egg)-info$|^__pycache__$/.test(entry)) return undefined;
    const name = entry.replace(/-stubs$/, '');
    return /^[A-Za-z_]\w*$/.test(name) ? name : undefined;
  }
  const match = /^([A-Za-z_]\w*)(?:\.py|\.pyi|\.[\w-]*\.(?:so|pyd)|\.so|\.pyd)$/.exec(entry);
  return match?.[1];
}

/** Where Python packages are installed: a virtual environment in the root, then the user's and the system's folders. */
async function sitePackageFolders(root: string): Promise<string[]> {
  const bases = ['.venv', 'venv', 'env'].map((v) => join(root, v, 'lib'));
  bases.push(join(homedir(), '.local', 'lib'), '/usr/local/lib', '/usr/lib');
  const folders: string[] = [];
  for (const base of bases) {
    for (const entry of await readdir(base).catch(() => [] as string[])) {
      if (/^python3(\.\d+)?$/.test(entry)) folders.push(join(base, entry, 'site-packages'), join(base, entry, 'dist-packages'));
    }
  }
  const present = await Promise.all(folders.map((f) => stat(f).then((s) => s.isDirectory(), () => false)));
  return folders.filter((_, i) => present[i]);
}

/** A package's folder as Node finds it from `root`: node_modules/<name> there or in a parent folder. */
async function resolvePackage(root: string, name: string): Promise<string | undefined> {
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (await stat(candidate).then((s) => s.isDirectory(), () => false)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A package's declared words: its .d.ts files, or its JavaScript when it ships none. */
async function wordsOfPackage(dir: string): Promise<Set<string>> {
  const declared = await wordsOfTree(dir, /\.d\.[cm]?ts$/, stripSlashComments);
  return declared.size > 0 ? declared : wordsOfTree(dir, /\.[cm]?js$/, stripSlashComments);
}

/** The words of the files under `dir` whose names match `pattern` (not in nested node_modules), within the caps. */
async function wordsOfTree(path: string, pattern: RegExp, strip: (text: string) => string): Promise<Set<string>> {
  const words = new Set<string>();
  const files = await listFiles(path, pattern);
  let chars = 0;
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '');
    chars += text.length;
    if (chars > MAX_CHARS) break;
    for (const w of wordsOf(strip(text))) words.add(w);
  }
  return words;
}

async function listFiles(path: string, pattern: RegExp, max = MAX_FILES): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) return pattern.test(path) ? [path] : [];
  const files: string[] = [];
  const queue = [path];
  while (queue.length > 0 && files.length < max) {
    const dir = queue.shift()!;
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '__pycache__' && !entry.name.startsWith('.')) queue.push(full);
      } else if (pattern.test(entry.name) && files.length < max) files.push(full);
    }
  }
  return files;
}

/** Comments name things in prose; only code declares names. */
function stripSlashComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function stripPython(text: string): string {
  return text.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''/g, ' ').replace(/#.*$/gm, ' ');
}

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
