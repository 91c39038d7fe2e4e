#!/usr/bin/env node
// The integration suite (test/integration/) inside a real VS Code 1.100 extension host, without internet:
// a VS Code server from the npm package code-server, its web client in headless Chromium, and Fathom plus the
// suite loaded through the URL's payload (extensionDevelopmentPath + extensionTestsPath). The suite writes its
// result to a file; this script prints it and exits non-zero when a test failed or no result came.
//
//   npm run test:integration [-- --grep TEXT] [-- --no-build] [-- --timeout SECONDS] [-- --locale zh-cn] [-- --multi-root] [-- --restricted] [-- --disk-index] [-- --git]
//
// --locale (or FATHOM_LOCALE) runs VS Code in that display language: the server's --locale and the browser's
// language; the suite sees it as FATHOM_TEST_LOCALE (test/integration/l10n.test.ts runs only then, and the
// English suite's assertions only hold without it: `npm run test:integration -- --locale zh-cn --grep l10n`).
//
// --multi-root opens a workspace of two folders (the fixture copy first, an empty `second` folder after it); the
// suite sees it as FATHOM_TEST_MULTI_ROOT (`npm run test:multiroot` runs the tests that need it, which skip otherwise).
//
// --restricted (npm run test:restricted) starts VS Code with workspace trust on, so the workspace opens untrusted in
// Restricted Mode; the suite sees FATHOM_TEST_RESTRICTED (test/integration/restricted.test.ts runs only then). When
// the suite writes the file named by FATHOM_TRUST_REQUEST, this script trusts the workspace through the UI
// ("Workspaces: Manage Workspace Trust", Trust) as a user would, and removes the file. The suite writes
// test-results/restricted-mode.json (FATHOM_RESTRICTED_RESULT), which npm run test:security prints.
//
// --disk-index (npm run test:diskindex) sets FATHOM_DISK_INDEX_FROM_FILES=1 for VS Code, so the index worker builds
// every folder's index on disk (the large-root tier, SQLite); the suite sees FATHOM_TEST_DISK_INDEX
// (test/integration/codebase-disk.test.ts runs only then).
//
// --git (npm run test:git) starts VS Code with the built-in Git extension on (`git.enabled`; the other runs keep it off, and
// it cannot be turned off again once on); the suite sees FATHOM_TEST_GIT (test/integration/commit-message.test.ts runs
// only then, against a repository it creates with the machine's `git`).
//
// FATHOM_EXTENSION_PATH=DIR tests the extension in DIR (e.g. an unpacked .vsix) instead of this repository.
// FATHOM_KEEP_TEMP=1 keeps the temporary profile/workspace; FATHOM_HEADED=1 shows the browser (needs a display).
// The fault matrix's counts (test/integration/faults-*.test.ts) go to test-results/fault-matrix.json.
// On failure, test-results/integration/ holds the server log, the extension host's logs, the browser's console
// (webviews included) and a screenshot.
import { cpSync, existsSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

await import('tsx');
const { default: h } = await import('../test/harness/index.ts');

const { values: opts } = parseArgs({
  options: {
    grep: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '1200' },
    locale: { type: 'string', default: process.env.FATHOM_LOCALE || undefined },
    'multi-root': { type: 'boolean', default: false },
    restricted: { type: 'boolean', default: false },
    'disk-index': { type: 'boolean', default: false },
    git: { type: 'boolean', default: false },
  },
});

const started = Date.now();
const outDir = join(h.RESULTS_DIR, 'integration');
const resultFile = join(outDir, 'result.json');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

await h.prepareTestEnv();
if (!opts['no-build']) await h.build();
const testsPath = join(h.REPO, 'out', 'test', 'integration', 'index.js');
if (!existsSync(testsPath)) throw new Error(`${testsPath} is missing: run npm run build`);
if (!existsSync(join(h.EXTENSION_PATH, 'dist', 'extension.js'))) throw new Error(`${h.EXTENSION_PATH}/dist/extension.js is missing: run npm run build`);

const locale = opts.locale?.toLowerCase();
const multiRoot = opts['multi-root'];
const trustRequest = join(outDir, 'grant-trust.request');
const restricted = opts.restricted
  ? { FATHOM_TEST_RESTRICTED: '1', FATHOM_TRUST_REQUEST: trustRequest, FATHOM_RESTRICTED_RESULT: join(h.RESULTS_DIR, 'restricted-mode.json') }
  : {};
const server = await h.startVSCodeServer({
  locale,
  workspaceTrust: opts.restricted,
  ...(multiRoot ? { extraFolders: ['second'] } : {}),
  ...(opts.git ? { settings: { 'git.enabled': true } } : {}),
  env: { FATHOM_TEST_RESULT: resultFile, ...(opts.grep ? { FATHOM_TEST_GREP: opts.grep } : {}), ...(locale ? { FATHOM_TEST_LOCALE: locale } : {}), ...(multiRoot ? { FATHOM_TEST_MULTI_ROOT: '1' } : {}), ...restricted, ...(opts['disk-index'] ? { FATHOM_DISK_INDEX_FROM_FILES: '1', FATHOM_TEST_DISK_INDEX: '1' } : {}), ...(opts.git ? { FATHOM_TEST_GIT: '1' } : {}) },
});
let browser;
let page;
let ok = false;
try {
  browser = await h.launchBrowser();
  page = await h.openWorkbench(browser, server.workbenchUrl({ extensionDevelopmentPath: h.EXTENSION_PATH, extensionTestsPath: testsPath }), { locale });
  if (locale) console.log(`display language: ${locale}`);
  if (multiRoot) console.log(`multi-root workspace: ${server.profile.workspaceFile}`);
  if (opts.restricted) console.log('workspace trust on: the workspace opens in Restricted Mode');
  const workbench = new h.Workbench(page);
  console.log(`VS Code is up after ${((Date.now() - started) / 1000).toFixed(1)} s; running the suite in its extension host\n`);

  const printProgress = h.progressPrinter(h.progressLogOf(resultFile));
  await h.waitFor('the integration suite to write its result', async () => {
    printProgress();
    if (existsSync(resultFile)) return true;
    if (opts.restricted && existsSync(trustRequest)) {
      await workbench.trustWorkspace();
      unlinkSync(trustRequest);
    }
    // The extension host exits once run() settles: without a result by then, it crashed or never ran the suite.
    const exit = server.process.tail(400).match(/Extension Host Process exited with code: (\S+)/);
    if (exit && !existsSync(resultFile)) throw new h.GiveUp(`the extension host exited (code ${exit[1]}) without a result; server log:\n${server.process.tail(40)}`);
    return false;
  }, { timeoutMs: Number(opts.timeout) * 1000, intervalMs: 200 });
  printProgress();

  const result = h.readResult(resultFile);
  console.log('\n' + h.summarize(result));
  const matrix = h.faultMatrix(result);
  if (matrix.run > 0) {
    // Machine-readable, for reports: cases run and passed per path (completion, commands, doctor).
    writeFileSync(join(h.RESULTS_DIR, 'fault-matrix.json'), JSON.stringify(matrix, null, 2) + '\n');
    console.log(h.describeFaultMatrix(matrix));
  }
  ok = result.failed === 0 && result.passed > 0;
} catch (err) {
  console.error(`\nintegration: ${err instanceof Error ? err.message : err}`);
} finally {
  if (!ok) {
    // Keep what explains the failure before the profile is removed.
    await page?.screenshot({ path: join(outDir, 'failure.png') }).catch(() => {});
    writeFileSync(join(outDir, 'server.log'), server.process.tail(400) + '\n');
    if (page) writeFileSync(join(outDir, 'browser-console.log'), h.consoleOf(page));
    const logs = join(server.profile.userDataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, join(outDir, 'vscode-logs'), { recursive: true });
    console.error(`diagnostics in ${outDir}`);
  }
  await browser?.close().catch(() => {});
  await server.stop();
}
console.log(`integration: ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s total`);
process.exit(ok ? 0 : 1);
