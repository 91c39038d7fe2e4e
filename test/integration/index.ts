/**
 * The integration suite's entry point, loaded by the extension host through `extensionTestsPath` (VS Code
 * server + browser in scripts/run-integration.mjs, desktop VS Code in scripts/run-electron.mjs). It runs every
 * test/integration/**.test.ts with mocha inside the real extension host and reports out of it: progress lines
 * to `<result>.log` while it runs, then the whole result as JSON to `<result>` (FATHOM_TEST_RESULT; default
 * `fathom-integration-result.json` beside the workspace folder). `run()` rejects when a test failed, so the
 * extension host's exit code says it too.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { progressLogOf, writeResult, type IntegrationResult, type TestOutcome } from '../harness/results';
import { closeAllEditors, restoreSettings } from './helpers';
import { unhandledRejections, watchUnhandledRejections } from './rejections';

function resultPath(): string {
  if (process.env.FATHOM_TEST_RESULT) return process.env.FATHOM_TEST_RESULT;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('FATHOM_TEST_RESULT is not set and there is no workspace folder to put the result beside');
  return join(dirname(folder), 'fathom-integration-result.json');
}

export async function run(): Promise<void> {
  watchUnhandledRejections();
  const resultFile = resultPath();
  const logFile = progressLogOf(resultFile);
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(logFile, '');
  const say = (line: string) => {
    appendFileSync(logFile, line + '\n');
    console.log(line); // visible under @vscode/test-electron, which forwards the extension host's output
  };

  const tests: TestOutcome[] = [];
  const started = Date.now();
  const grep = process.env.FATHOM_TEST_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 90_000, // above PAGE_LOAD_MS (harness/wait.ts): a webview's first load can take 20 s on a loaded machine
    forbidOnly: Boolean(process.env.CI),
    reporter: collect(tests, say),
    ...(grep ? { grep } : {}),
  });

  // Every test starts from the same place: no open editors, settings as the user had them.
  mocha.rootHooks({
    afterEach: [async () => {
      await restoreSettings();
      await closeAllEditors();
    }],
  });

  let failures: number;
  try {
    // Define describe/it/before... as globals, then load the test files (bundled in by esbuild.config.mjs).
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'integration', mocha);
    await import('integration-tests:all');
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_POST_REQUIRE, globalThis, 'integration', mocha);
    if (mocha.suite.total() === 0) throw new Error('no integration tests were found');
    failures = await new Promise<number>((resolve) => mocha.run(resolve));
  } catch (err) {
    // A test file that throws while loading is a failure of the run, not a crash without a report.
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    tests.push({ title: 'loading the integration tests', state: 'failed', error: message });
    say(`  ✗ loading the integration tests\n${indent(message)}`);
    failures = 1;
  }

  // A rejection nobody handled is a bug even when every assertion held: it fails the run.
  const rejections = unhandledRejections();
  if (rejections.length > 0) {
    const error = rejections.map((r, i) => `${i + 1}) ${r}`).join('\n');
    tests.push({ title: 'no unhandled promise rejection reached the extension host', state: 'failed', error });
    say(`  ✗ ${rejections.length} unhandled promise rejection(s) reached the extension host\n${indent(error)}`);
  }

  const count = (state: TestOutcome['state']) => tests.filter((t) => t.state === state).length;
  const result: IntegrationResult = {
    passed: count('passed'),
    failed: Math.max(count('failed'), failures),
    pending: count('pending'),
    durationMs: Date.now() - started,
    tests,
    vscodeVersion: vscode.version,
  };
  say(`\n${result.passed} passing, ${result.failed} failing, ${result.pending} pending (${result.durationMs} ms, VS Code ${vscode.version})`);
  writeResult(resultFile, result);
  if (result.failed > 0) throw new Error(`${result.failed} integration test(s) failed`);
}

/** A mocha reporter that records every outcome and prints spec-like lines as they happen. */
function collect(tests: TestOutcome[], say: (line: string) => void) {
  const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
  return class CollectingReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
        if (suite.title) say(`${'  '.repeat(depth(suite) - 1)}${suite.title}`);
      });
      runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
        tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
        say(`${pad(test)}✓ ${test.title} (${test.duration ?? 0} ms)`);
      });
      runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
        const error = err?.stack ?? String(err);
        tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration, error });
        say(`${pad(test)}✗ ${test.title}\n${indent(error)}`);
      });
      runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
        tests.push({ title: test.fullTitle(), state: 'pending' });
        say(`${pad(test)}- ${test.title} (pending)`);
      });
    }
  };
}

function depth(suite: Mocha.Suite): number {
  let d = 0;
  for (let s: Mocha.Suite | undefined = suite; s && !s.root; s = s.parent) d++;
  return d;
}

function pad(test: Mocha.Runnable): string {
  return '  '.repeat(test.parent ? depth(test.parent) : 0);
}

function indent(text: string): string {
  return text.replace(/^/gm, '      ');
}
