#!/usr/bin/env node
// The same integration suite (test/integration/, bundled to out/test/integration/index.js) in desktop VS Code
// through @vscode/test-electron, for a machine with internet: it downloads VS Code 1.100.3 into
// .cache/vscode-test-electron/ on first use. On Linux without a display, run it under `xvfb-run -a`.
// Without internet, use `npm run test:integration` (VS Code server + Chromium) instead: same suite, same report.
//
//   npm run test:electron [-- --grep TEXT] [-- --no-build] [-- --vscode VERSION]
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

await import('tsx');
const { default: h } = await import('../test/harness/index.ts');

const { values: opts } = parseArgs({
  options: {
    grep: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    vscode: { type: 'string', default: process.env.FATHOM_VSCODE_VERSION ?? '1.100.3' },
  },
});

const started = Date.now();
const outDir = join(h.RESULTS_DIR, 'electron');
const resultFile = join(outDir, 'result.json');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
if (!opts['no-build']) await h.build();

const profile = h.createProfile();
let ok = false;
try {
  await runTests({
    version: opts.vscode,
    cachePath: join(h.REPO, '.cache', 'vscode-test-electron'),
    extensionDevelopmentPath: h.EXTENSION_PATH,
    extensionTestsPath: join(h.REPO, 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv: { FATHOM_TEST_RESULT: resultFile, ...(opts.grep ? { FATHOM_TEST_GREP: opts.grep } : {}) },
    launchArgs: [
      profile.workspace,
      '--user-data-dir', profile.userDataDir,
      '--extensions-dir', profile.extensionsDir,
      '--disable-extensions', // other installed extensions; Fathom under development still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-gpu',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), // Electron refuses to run as root with its sandbox
    ],
  });
} catch (err) {
  // runTests rejects when VS Code exits non-zero (a failed test) or cannot be downloaded/started.
  console.error(`electron: ${err instanceof Error ? err.message : err}`);
} finally {
  profile.dispose();
}
if (existsSync(resultFile)) {
  const result = h.readResult(resultFile);
  console.log('\n' + h.summarize(result));
  ok = result.failed === 0 && result.passed > 0;
} else {
  console.error('electron: the suite wrote no result');
}
console.log(`electron: ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s total`);
process.exit(ok ? 0 : 1);
