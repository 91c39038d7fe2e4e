/**
 * What Generate Tests knows before it asks: where the tests go and in which framework (testFramework.ts's
 * conventions, overruled by the module's existing tests: an existing test file of the module is where the
 * new tests are added, in its framework; without one, a new file goes beside the tests that import the
 * module), and the existing tests themselves, as a prompt section the model
 * is told to follow (style, framework, helpers to reuse).
 */
import type { Codebase } from '../codebase/codebase';
import { secretSafeLines } from '../privacy/secretSafeCut';
import { languageFacts, languageOfPath } from '../syntax/languages';
import { estimateTokens } from '../text/tokens';
import type { WorkspaceFiles } from '../workspace/files';
import type { CodePlace } from '../codebase/codebase';
import { findExistingTests, type ExistingTest } from './existingTests';
import { fenced } from './promptVars';
import { detectTestSetup, frameworkInTest, type TestSetup } from './testFramework';

export interface ReadTest extends ExistingTest {
  text: string;
}

export interface TestsContext {
  setup: TestSetup;
  /** The module's existing tests, best first (one or two), with their text as read now. */
  existing: ReadTest[];
}

export const EXISTING_TESTS_HEADING = 'Existing tests of this module in the workspace';

export interface TestsContextInput {
  sourcePath: string;
  languageId: string;
  targetName?: string;
  files: WorkspaceFiles;
  codebase?: Codebase;
  signal?: AbortSignal;
}

export async function testsContext(input: TestsContextInput): Promise<TestsContext> {
  const conventional = await detectTestSetup(input.sourcePath, input.languageId, input.files);
  const found = await findExistingTests({ ...input, conventionalPath: conventional.inline ? undefined : conventional.testPath });
  const existing: ReadTest[] = [];
  for (const test of found) {
    const text = await input.files.read(test.path);
    if (text?.trim()) existing.push({ ...test, text });
  }
  return { setup: setupFrom(conventional, existing, input.languageId), existing };
}

/**
 * The conventional setup, unless the module has a test file already (found by its path): then the tests
 * are added to it, in the framework it imports. Tests kept in the source (Rust) stay there.
 */
function setupFrom(conventional: TestSetup, existing: readonly ReadTest[], languageId: string): TestSetup {
  if (conventional.inline) return conventional;
  const own = existing.find((t) => t.found === 'path');
  const framework = existing.map((t) => frameworkInTest(t.text, languageId)).find((f) => f !== undefined) ?? conventional.framework;
  return { framework, testPath: own?.path ?? besideTests(conventional.testPath, existing[0]?.path, languageId), inline: false };
}

/**
 * Where a new test file goes when the module has none but other tests import it: in their folder (a project
 * that keeps `test/unit/…` beside `src/…`), named as the conventions say, with their `.spec`/`.test` marker.
 * JavaScript and Python only: a Go or Rust test belongs to its package, Java's tree is conventional already.
 */
function besideTests(conventionalPath: string, testPath: string | undefined, languageId: string): string {
  const style = languageFacts(languageId)?.tests;
  if (!testPath || (style !== 'js' && style !== 'python')) return conventionalPath;
  let name = conventionalPath.slice(conventionalPath.lastIndexOf('/') + 1);
  if (/\.spec\.[^./]+$/.test(testPath)) name = name.replace(/\.test(\.[^./]+)$/, '.spec$1');
  const dir = testPath.lastIndexOf('/') === -1 ? '' : testPath.slice(0, testPath.lastIndexOf('/'));
  return dir ? `${dir}/${name}` : name;
}

/**
 * The existing tests as a prompt section of at most `budget` tokens: each test file from its start (its
 * imports, helpers and first tests are what show the style), cut at a line; the first gets two thirds of
 * the budget when there are two. '' when there is none or nothing fits.
 */
export function existingTestsSection(existing: readonly ReadTest[], budget: number): string {
  return existingTestsContext(existing, budget).text;
}

/** The existing-tests section and the lines of each test file it shows (the answer lists them). */
export function existingTestsContext(existing: readonly ReadTest[], budget: number): { text: string; places: CodePlace[] } {
  const heading = `${EXISTING_TESTS_HEADING} (write the new tests in the same style and framework, and reuse their helpers and fixtures):`;
  let left = budget - estimateTokens(heading) - 2;
  const parts: string[] = [];
  const places: CodePlace[] = [];
  existing.forEach((test, i) => {
    const share = i === existing.length - 1 ? left : Math.floor((left * 2) / 3);
    const part = testPart(test, share);
    if (!part) return;
    left -= estimateTokens(part) + 2;
    parts.push(part);
    // The part is a title line, then the file's first lines in one fence (an opening and a closing line).
    places.push({ path: test.path, startLine: 1, endLine: part.split('\n').length - 3, symbol: '' });
  });
  return parts.length ? { text: [heading, ...parts].join('\n\n'), places } : { text: '', places: [] };
}

/** One test file, from its start, as many whole lines as fit in `budget` tokens (never ending inside a secret). */
function testPart(test: ReadTest, budget: number): string {
  const text = test.text.replace(/\s+$/, '');
  const lines = text.split('\n');
  const languageId = languageOfPath(test.path) ?? '';
  const render = (last: number) => {
    const whole = last >= lines.length - 1;
    const title = whole ? `\`${test.path}\`:` : `\`${test.path}\` (lines 1-${last + 1} of ${lines.length}):`;
    return `${title}\n${fenced(lines.slice(0, last + 1).join('\n'), languageId)}`;
  };
  if (estimateTokens(render(lines.length - 1)) <= budget) return render(lines.length - 1);
  // The largest prefix of whole lines that fits, then widened past any secret it would cut (which may
  // not fit: then one line less, until it does).
  let low = -1;
  let high = lines.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (estimateTokens(render(mid)) <= budget) low = mid;
    else high = mid - 1;
  }
  for (let last = low; last >= 0; last--) {
    const [[, safe]] = secretSafeLines(text, lines, [[0, last]]);
    if (estimateTokens(render(safe)) <= budget) return render(safe);
  }
  return '';
}
