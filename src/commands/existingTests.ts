/**
 * Generate Tests writes tests the way the project already does: this finds the existing tests of the
 * module — test files whose path names it (`foo.ts` → `foo.test.ts`, `foo.spec.ts`, `__tests__/foo.ts`,
 * `test_foo.py`, `tests/…/test_foo.py`, `foo_test.go`, `FooTest.java`, …), then, through the codebase index,
 * test files that import the module or the target's name — so the prompt can carry one or two of them
 * (their framework, style and helpers) and the new tests go where the module's tests already are.
 */
import type { Codebase } from '../codebase/codebase';
import type { WorkspaceFiles } from '../workspace/files';
import { withTimeout, USAGES_TIMEOUT_MS } from './usageContext';

export interface ExistingTest {
  /** Workspace-relative path. */
  path: string;
  /** How it was found: its path names the module, it imports the module, or it imports the target's name. */
  found: 'path' | 'imports' | 'uses';
}

/** Existing tests shown to the model at most (one or two show the style; more would crowd the code out). */
export const MAX_EXISTING_TESTS = 2;
/** Test-file usages asked of the index per name. */
const USAGES_ASKED = 24;

/** Folders that hold tests, and file names that mark a test, across the languages Fathom knows. */
const TEST_FOLDER = /(^|\/)(__tests__|__test__|tests?|specs?|testing)\//;
const TEST_FILE = [
  /\.(test|spec)\.[cm]?[jt]sx?$/, // foo.test.ts, foo.spec.js
  /(^|\/)test_[^/]+\.py$/, // test_foo.py
  /_test\.(py|go|rb|exs?|c|cc|cpp)$/, // foo_test.py, foo_test.go
  /_spec\.rb$/, // foo_spec.rb
  /Tests?\.(java|kt|cs|php|swift)$/, // FooTest.java, FooTests.cs
];

/** Whether a workspace path looks like a test file (by its folder or its name). */
export function isTestPath(path: string): boolean {
  return TEST_FOLDER.test(path) || TEST_FILE.some((p) => p.test(path));
}

/** The module a test file's name points at: `foo.test.ts`, `test_foo.py`, `foo_test.go`, `FooTest.java` → `foo`/`Foo`. */
export function testedStem(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const stem = file.replace(/\.[^.]+$/, '');
  return stem.replace(/\.(test|spec)$/, '').replace(/^test_/, '').replace(/_(test|spec)$/, '').replace(/(?<=\w)Tests?$/, '');
}

/**
 * Where the tests of `sourcePath` conventionally are, most likely first: beside it, in `__tests__/`, in a
 * `test`/`tests` tree mirroring the source's folders (with or without its leading `src/` or `lib/`), and
 * Maven's `src/test/java`. `conventional` (testFramework.ts's choice for a new file) comes first.
 */
export function testPathCandidates(sourcePath: string, conventional?: string): string[] {
  const slash = sourcePath.lastIndexOf('/');
  const dir = slash === -1 ? '' : sourcePath.slice(0, slash);
  const file = sourcePath.slice(slash + 1);
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const ext = dot > 0 ? file.slice(dot) : '';
  const names = testNames(stem, ext);
  const inner = dir.replace(/^(src|lib|app|pkg)(\/|$)/, '');
  const folders = [dir, join(dir, '__tests__'), join(dir, 'tests'), join(dir, 'test')];
  for (const top of ['tests', 'test', 'spec', '__tests__']) folders.push(join(top, dir), join(top, inner), join(join(top, 'unit'), inner), top);
  if (/(^|\/)src\/main\/(java|kotlin)\//.test(sourcePath)) folders.unshift(dir.replace(/(^|\/)src\/main\//, '$1src/test/'));
  const out = conventional ? [conventional] : [];
  for (const folder of folders) for (const name of names) out.push(join(folder, name));
  // `__tests__/foo.ts` names its module without a marker.
  out.push(join(join(dir, '__tests__'), file));
  return [...new Set(out)].filter((p) => p !== sourcePath);
}

/** The names a test of `stem` takes in the languages whose extension is `ext`. */
function testNames(stem: string, ext: string): string[] {
  switch (ext) {
    case '.py':
      return [`test_${stem}.py`, `${stem}_test.py`];
    case '.go':
      return [`${stem}_test.go`];
    case '.rb':
      return [`${stem}_spec.rb`, `test_${stem}.rb`, `${stem}_test.rb`];
    case '.java':
    case '.kt':
    case '.cs':
    case '.php':
    case '.swift':
      return [`${stem}Test${ext}`, `${stem}Tests${ext}`];
    case '':
      return [];
    default: {
      // JavaScript and TypeScript tests are often written in a sibling dialect (`foo.js` tested by `foo.test.ts`).
      const js = /^\.[cm]?[jt]sx?$/.test(ext) ? [ext, '.ts', '.js', '.tsx', '.jsx'] : [ext];
      return [...new Set(js)].flatMap((e) => [`${stem}.test${e}`, `${stem}.spec${e}`]);
    }
  }
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

export interface ExistingTestsInput {
  sourcePath: string;
  /** The name of what the tests are for (the target's function or class), when it has one. */
  targetName?: string;
  /** testFramework.ts's path for a new test file (checked first). */
  conventionalPath?: string;
  files: WorkspaceFiles;
  codebase?: Codebase;
  signal?: AbortSignal;
}

/**
 * The module's existing tests, best first, at most MAX_EXISTING_TESTS: those whose path names the module,
 * then (with an index) test files that import the module, then test files that import the target's name.
 */
export async function findExistingTests(input: ExistingTestsInput): Promise<ExistingTest[]> {
  const { sourcePath, files } = input;
  const found: ExistingTest[] = [];
  const add = (path: string, how: ExistingTest['found']) => {
    if (found.length < MAX_EXISTING_TESTS && path !== sourcePath && !found.some((t) => t.path === path)) found.push({ path, found: how });
  };
  for (const path of testPathCandidates(sourcePath, input.conventionalPath)) {
    if (found.length >= MAX_EXISTING_TESTS) break;
    if (await files.exists(path)) add(path, 'path');
  }
  if (!input.codebase || found.length >= MAX_EXISTING_TESTS) return found;
  const stem = moduleStem(sourcePath);
  const ask = (name: string) => withTimeout(input.codebase!.usages(name, USAGES_ASKED, sourcePath), USAGES_TIMEOUT_MS, input.signal).then((hits) => (hits ?? []).filter((h) => isTestPath(h.path)));
  const [ofModule, ofName] = await Promise.all([ask(stem), input.targetName && input.targetName !== stem ? ask(input.targetName) : Promise.resolve([])]);
  // A test elsewhere whose name is the module's (a layout the candidates above do not list).
  for (const hit of ofModule) if (testedStem(hit.path).toLowerCase() === stem.toLowerCase()) add(hit.path, 'path');
  for (const hit of ofModule) if (importLine(stem).test(hit.text)) add(hit.path, 'imports');
  // Only a test that imports the name: a mere mention (a comment, a local of the same name) is not a test of it.
  if (input.targetName) for (const hit of ofName) if (importLine(input.targetName).test(hit.text) || importLine(stem).test(hit.text)) add(hit.path, 'uses');
  return found;
}

/** A line that imports `name` or a module of that name (`import`, `from … import`, `require(…)`, `use`, `#include`). */
function importLine(name: string): RegExp {
  const word = `(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`;
  // The last form is the closing line of an import written over several lines (`}` then from and the module).
  return new RegExp(`^\\s*(import|from|using|use|#include)\\b.*${word}|^.*\\brequire\\(.*${word}|^\\s*(const|let|var)\\s*\\{[^}]*${word}[^}]*\\}\\s*=\\s*require|\\bfrom\\s+['"][^'"\\n]*${word}`, 'm');
}

/** A source file's module name as tests and imports write it: `src/cart/price.ts` → `price`. */
export function moduleStem(sourcePath: string): string {
  const file = sourcePath.slice(sourcePath.lastIndexOf('/') + 1);
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}
