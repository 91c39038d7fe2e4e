// Bundles: the extension host (dist/extension.js, which activates, and dist/composition.js, the rest it loads), the codebase index's worker (dist/codebaseWorker.js), the CLI (dist/cli.js), the answer panel's webview script
// (dist/webview/panel.js), the chat view's (dist/webview/chat.js), and the test payload that runs inside the real extension host (out/test/integration/index.js).
//   node esbuild.config.mjs            development build (source maps)
//   node esbuild.config.mjs --watch    rebuild on change
//   node esbuild.config.mjs --production   minified, no source maps (what the .vsix ships)
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { grammarSources } from './src/syntax/grammarSources.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// web-tree-sitter looks for its wasm with createRequire(import.meta.url), which a CommonJS bundle lacks:
// give it the bundle's own file URL.
const importMetaUrl = "const __fathomImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";

const loadStart = `const __fathomLoadStart = [performance.now(), process.cpuUsage()];\n${importMetaUrl}`;

const node = {
  bundle: true,
  define: { 'import.meta.url': '__fathomImportMetaUrl' },
  banner: { js: importMetaUrl },
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  external: ['vscode'],
};

/** @type {esbuild.BuildOptions[]} */
export const builds = [
  // The extension loads in two steps: the small activation bundle (src/extension.ts: placeholders only) and the
  // rest (src/composition.ts), which the first loads on first use. Each notes when it started to run, for the
  // activation figures (src/vscode/activation/activationTimes.ts).
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', banner: { js: loadStart } },
  { ...node, entryPoints: { composition: 'src/composition.ts' }, outdir: 'dist', banner: { js: loadStart } },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` } },
  // The codebase index's worker thread (src/codebase/worker/main.ts), started by the extension host.
  { ...node, entryPoints: { codebaseWorker: 'src/codebase/worker/main.ts' }, outdir: 'dist' },
  // The chunk workers a large build parses files in (src/codebase/chunkWorker.ts), started by the index worker and the CLI.
  { ...node, entryPoints: { chunkWorker: 'src/codebase/chunkWorker.ts' }, outdir: 'dist' },
  // The webview scripts run in browser pages: the answer panel's (src/vscode/panel/html.ts) and the chat view's
  // (src/vscode/chat/html.ts).
  {
    bundle: true,
    entryPoints: { panel: 'src/webview/panel/panel.ts', chat: 'src/webview/chat/chat.ts', doctor: 'src/webview/doctor/doctor.ts', statistics: 'src/webview/statistics/statistics.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'info',
  },
];

if (!production) {
  builds.push({
    ...node,
    entryPoints: ['test/integration/index.ts'],
    outdir: 'out/test/integration',
    // mocha stays a normal require: it finds its own files at run time.
    external: ['vscode', 'mocha'],
    plugins: [integrationTestList()],
  });
}

/**
 * `import('integration-tests:all')` in test/integration/index.ts becomes one module that imports every
 * `*.test.ts` under test/integration/, so a new test file needs no registration.
 * @returns {esbuild.Plugin}
 */
function integrationTestList() {
  return {
    name: 'integration-test-list',
    setup(build) {
      build.onResolve({ filter: /^integration-tests:all$/ }, (args) => ({ path: args.path, namespace: 'integration-tests' }));
      build.onLoad({ filter: /.*/, namespace: 'integration-tests' }, async () => {
        const { readdirSync } = await import('node:fs');
        const { resolve } = await import('node:path');
        const dir = resolve('test/integration');
        const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts')).sort();
        return {
          contents: files.map((f) => `import ${JSON.stringify(resolve(dir, f))};`).join('\n'),
          resolveDir: dir,
          watchDirs: [dir],
          loader: 'ts',
        };
      });
    },
  };
}

const active = builds.filter((b) => Object.values(b.entryPoints).every((e) => existsSync(e)));

// A production build starts from an empty dist/, so no source map or stale file of a development build
// can end up in the .vsix.
if (production) rmSync('dist', { recursive: true, force: true });

// The tree-sitter runtime and grammars (wasm) ship beside the bundles, loaded on first use.
mkdirSync('dist/grammars', { recursive: true });
for (const [name, source] of Object.entries(grammarSources)) copyFileSync(source, `dist/grammars/${name}`);
// SQLite (node-sqlite3-wasm) for a large root's index, in the worker and the CLI: its loader, bundled into them,
// reads the wasm beside the bundle (__dirname).
copyFileSync('node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm', 'dist/node-sqlite3-wasm.wasm');

if (watch) {
  for (const b of active) (await esbuild.context(b)).watch();
} else {
  await Promise.all(active.map((b) => esbuild.build(b)));
}
