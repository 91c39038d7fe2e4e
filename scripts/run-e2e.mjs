#!/usr/bin/env node
// UI tests (test/e2e/): mocha drives Debian's Chromium (playwright-core) against the VS Code 1.100 web client,
// with Fathom loaded from this repository and pointed at the fake LLM server. Screenshots go to
// test-results/screenshots/ (emptied at the start of a run, kept after it).
//
//   npm run test:e2e [-- --no-build] [-- any mocha option, e.g. --grep Doctor]
//
// FATHOM_EXTENSION_PATH=DIR tests the extension in DIR instead of this repository.
//
//   npm run test:vsix [-- --no-build]   `npm run package`, then test/e2e/vsix-smoke.test.ts against that .vsix
//                                       installed into the VS Code server (--no-build: the existing .vsix;
//                                       FATHOM_VSIX=PATH: another one). The other UI tests leave it out.
// FATHOM_HEADED=1 shows the browser (needs a display); FATHOM_KEEP_TEMP=1 keeps the temporary workspaces.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

await import('tsx');
const { default: h } = await import('../test/harness/index.ts');

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const vsixMode = args.includes('--vsix');
const mochaArgs = args.filter((a) => a !== '--no-build' && a !== '--vsix');
const SMOKE = 'test/e2e/vsix-smoke.test.ts';

const started = Date.now();
await h.prepareTestEnv();
const env = { ...process.env };
if (vsixMode) {
  const { name, version } = JSON.parse(readFileSync(join(h.REPO, 'package.json'), 'utf8'));
  env.FATHOM_VSIX ??= join(h.REPO, `${name}-${version}.vsix`);
  if (!noBuild) execFileSync(process.execPath, ['scripts/package.mjs', '--out', env.FATHOM_VSIX], { cwd: h.REPO, stdio: 'inherit' });
} else {
  if (!noBuild) await h.build();
  rmSync(h.SCREENSHOTS_DIR, { recursive: true, force: true });
}

// mocha runs in a child with tsx loaded; its sessions stop their own processes (also on failure and Ctrl-C).
const mocha = join(h.REPO, 'node_modules', 'mocha', 'bin', 'mocha.js');
const child = spawn(
  process.execPath,
  ['--import', 'tsx', mocha, '--no-config', '--reporter', 'spec', '--timeout', '90000', '--slow', '15000', ...(process.env.CI ? ['--forbid-only'] : []), ...mochaArgs, ...(vsixMode ? [SMOKE] : ['--ignore', SMOKE, 'test/e2e/**/*.test.ts'])],
  { cwd: h.REPO, stdio: 'inherit', env },
);
// Ctrl-C reaches the child by itself (same process group) and it cleans up; a SIGTERM for us is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
const code = await new Promise((resolve) => child.once('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
console.log(`${vsixMode ? 'vsix smoke' : 'e2e'}: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s total; screenshots in ${h.SCREENSHOTS_DIR}`);
process.exit(code);
