#!/usr/bin/env node
// `npm run notices`: writes ThirdPartyNotices.txt (shipped in the .vsix) from the licences of what the package
// ships: every runtime dependency in package-lock.json (bundled into dist/ by esbuild, or its wasm copied
// there: node-sqlite3-wasm, web-tree-sitter) and the dev dependencies whose grammar wasm files dist/grammars
// holds. `npm run package` fails when the file is missing or out of date.
//
//   npm run notices [-- --check]
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(REPO, 'ThirdPartyNotices.txt');
/** Dev dependencies whose files ship anyway (src/syntax/grammarSources.mjs copies their grammar wasm). */
const SHIPPED_DEV = ['node_modules/@vscode/tree-sitter-wasm', 'node_modules/tree-sitter-c'];

export function notices() {
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8'));
  const entries = Object.entries(lock.packages)
    .filter(([path, p]) => path && ((!p.dev && !p.devOptional && !path.includes('node_modules/@types/')) || SHIPPED_DEV.includes(path)))
    .sort(([a], [b]) => a.localeCompare(b));
  const parts = [
    'Fathom ships (bundled into its scripts, or as WebAssembly files beside them) the third-party software below.',
    'Each is listed with its version, licence and licence text as its package provides them.',
  ];
  for (const [path, p] of entries) {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const dir = join(REPO, path);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^(licen[cs]e|copying|notice)/i.test(f)).sort() : [];
    const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
    parts.push(`${'='.repeat(78)}\n${name} ${p.version} (${p.license ?? 'see below'})\n${'='.repeat(78)}\n\n${texts.join('\n\n') || `Licence: ${p.license}`}`);
  }
  return parts.join('\n\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = notices();
  if (process.argv.includes('--check')) {
    const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
    if (current !== text) {
      console.error('ThirdPartyNotices.txt is out of date: run "npm run notices".');
      process.exit(1);
    }
  } else {
    writeFileSync(OUT, text);
    console.log(`wrote ${OUT}`);
  }
}
