#!/usr/bin/env node
// `npm run package`: a production build (minified, no source maps, dist/ emptied first) and fathom-<version>.vsix
// through @vscode/vsce. The runtime dependencies are bundled into dist/ by esbuild, so the package ships no
// node_modules (--no-dependencies); .vscodeignore keeps only what runs. Prints the .vsix size and its biggest
// files, and fails when a source map, node_modules, a file that does not run, or more than 8 MB got in.
//
//   npm run package [-- --out PATH]
//   code --install-extension fathom-<version>.vsix
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { notices } from './notices.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 8 * 1024 * 1024;
const TOP = 10;

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const { name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const vsix = resolve(REPO, outIndex >= 0 ? args[outIndex + 1] : `${name}-${version}.vsix`);

/** Runs vsce and returns its stdout; on failure prints what it said and exits. */
const vsce = (...vsceArgs) => {
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), ...vsceArgs], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 << 20,
  });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    console.error(`\npackage: FAILED (vsce ${vsceArgs[0]} exited with ${r.status ?? r.signal})`);
    process.exit(1);
  }
  return r.stdout;
};
mkdirSync(dirname(vsix), { recursive: true });

const started = Date.now();
// vsce runs the `vscode:prepublish` script first: `node esbuild.config.mjs --production`.
// No repository field yet (not published), so vsce must neither ask about it nor rewrite the README's
// relative links against it: the screenshots ship in the package, and VS Code's extension page resolves
// them inside the installed extension.
process.stdout.write(vsce('package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix));

// What went in: `vsce ls` lists exactly the files `vsce package` takes (same .vscodeignore, same flags).
const files = vsce('ls', '--no-dependencies')
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean)
  .map((path) => ({ path, bytes: statSync(join(REPO, path)).size }));

const problems = [];
const allowed = [/^dist\/extension\.js$/, /^dist\/composition\.js$/, /^dist\/codebaseWorker\.js$/, /^dist\/chunkWorker\.js$/, /^dist\/webview\/[^/]+\.js$/, /^dist\/grammars\/[^/]+\.wasm$/, /^dist\/node-sqlite3-wasm\.wasm$/, /^media\//, /^prompts\//, /^l10n\//, /^package(\.nls[^/]*)?\.json$/, /^(README|CHANGELOG)\.md$/, /^docs\/screenshots\/[^/]+\.png$/, /^LICENSE$/, /^ThirdPartyNotices\.txt$/];
for (const { path } of files) {
  if (path.endsWith('.map')) problems.push(`a source map: ${path}`);
  else if (path.includes('node_modules/')) problems.push(`node_modules: ${path}`);
  else if (!allowed.some((re) => re.test(path))) problems.push(`a file that does not run: ${path}`);
}
for (const needed of ['dist/extension.js', 'dist/composition.js', 'dist/codebaseWorker.js', 'dist/chunkWorker.js', 'dist/webview/panel.js', 'dist/webview/chat.js', 'dist/webview/doctor.js', 'dist/webview/statistics.js', 'dist/grammars/tree-sitter.wasm', 'dist/node-sqlite3-wasm.wasm', 'media/icon.png', 'media/panel.css', 'media/chat.css', 'media/doctor.css', 'media/statistics.css', 'media/page.css', 'media/controls.css', 'media/markdown.css', 'prompts/chat.md', 'LICENSE', 'ThirdPartyNotices.txt']) {
  if (!files.some((f) => f.path === needed)) problems.push(`missing: ${needed}`);
}
// The notices must cover what ships now (a dependency added or bumped: `npm run notices`).
if (readFileSync(join(REPO, 'ThirdPartyNotices.txt'), 'utf8') !== notices()) problems.push('ThirdPartyNotices.txt is out of date: run "npm run notices"');
const size = statSync(vsix).size;
if (size > MAX_BYTES) problems.push(`the .vsix is ${mb(size)}, over ${mb(MAX_BYTES)}`);

const unpacked = files.reduce((sum, f) => sum + f.bytes, 0);
console.log(`\n${vsix}: ${mb(size)} (${files.length} files, ${mb(unpacked)} unpacked; target < ${mb(MAX_BYTES)})`);
console.log(`biggest files (unpacked):`);
for (const f of [...files].sort((a, b) => b.bytes - a.bytes).slice(0, TOP)) console.log(`  ${kb(f.bytes).padStart(10)}  ${f.path}`);
console.log(`packaged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (problems.length) {
  console.error(`\npackage: FAILED\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
