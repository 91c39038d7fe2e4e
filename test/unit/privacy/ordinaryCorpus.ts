/**
 * Ordinary content that holds no secret but looks like it might: real source files, minified bundles and
 * source maps from this repository's node_modules (pinned by its package-lock.json), the lockfile itself,
 * a yarn.lock written from it, and generated hashes, UUIDs, git logs, image data URIs and SRI attributes.
 * Shared by the false-positive unit test and the security suite's figure. Every redaction found in it is a
 * false positive (or a documentation example of a credential, listed as such by the tests).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redactor } from '../../../src/privacy/redactor';
import { fake } from './fake';

const ROOT = resolve(__dirname, '../../..');
const MODULES = join(ROOT, 'node_modules');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Files from node_modules, by kind. Missing ones (another install) are skipped and reported. */
const FILES: readonly { kind: string; path: string }[] = [
  { kind: 'source', path: 'openai/src/resources/chat/completions/completions.ts' },
  { kind: 'source', path: 'ollama/dist/index.cjs' },
  { kind: 'source', path: 'typescript/lib/lib.es5.d.ts' },
  { kind: 'source', path: '@types/node/crypto.d.ts' },
  { kind: 'source', path: '@types/node/http.d.ts' },
  { kind: 'source', path: '@types/node/tls.d.ts' },
  { kind: 'source', path: 'highlight.js/lib/core.js' },
  { kind: 'source', path: 'esbuild/lib/main.js' },
  { kind: 'bundle', path: 'mocha/mocha.js' },
  { kind: 'bundle', path: 'web-tree-sitter/tree-sitter.js' },
  { kind: 'minified', path: 'markdown-it/dist/browser/markdown-it.umd.min.js' },
  { kind: 'minified', path: 'dompurify/dist/purify.min.js' },
  { kind: 'minified', path: 'lodash/lodash.min.js' },
  { kind: 'minified', path: 'ajv/dist/ajv.min.js' },
  { kind: 'minified', path: 'jszip/dist/jszip.min.js' },
  { kind: 'minified', path: '@azure/msal-browser/lib/msal-browser.min.js' },
  { kind: 'source map', path: 'dompurify/dist/purify.min.js.map' },
  { kind: 'source map', path: 'markdown-it/dist/browser/markdown-it.umd.min.js.map' },
];

export interface OrdinaryText {
  name: string;
  kind: string;
  text: string;
}

interface LockPackage {
  version?: string;
  resolved?: string;
  integrity?: string;
}

/** A yarn.lock written from this repository's package-lock.json: the same integrity hashes, yarn's layout. */
function yarnLock(lock: { packages?: Record<string, LockPackage> }): string {
  const entries = Object.entries(lock.packages ?? {}).filter(([path, p]) => path && p.version && p.integrity);
  return entries
    .map(([path, p]) => {
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      return `"${name}@^${p.version}":\n  version "${p.version}"\n  resolved "${p.resolved}"\n  integrity ${p.integrity}\n`;
    })
    .join('\n');
}

/** Hashes, ids and encoded data that ordinary files are full of. */
function generated(): OrdinaryText[] {
  const digest = (alg: string, i: number, enc: 'hex' | 'base64') => createHash(alg).update(`file-${i}`).digest(enc);
  const gitLog = Array.from({ length: 200 }, (_, i) => `commit ${digest('sha1', i, 'hex')}\nAuthor: Dev <dev@example.com>\nDate:   Mon Jan ${(i % 28) + 1} 10:00:00 2024 +0000\n\n    Fix issue #${i}\n`).join('\n');
  const sums = Array.from({ length: 300 }, (_, i) => `${digest('sha256', i, 'hex')}  dist/file-${i}.tgz`).join('\n');
  const digests = Array.from({ length: 100 }, (_, i) => `image: registry.example.com/app@sha256:${digest('sha256', i, 'hex')}`).join('\n');
  const uuids = Array.from({ length: 300 }, (_, i) => (i % 2 ? `const requestId = "${randomUUID()}";` : `id: ${randomUUID()}`)).join('\n');
  const sri = Array.from({ length: 50 }, (_, i) => `<script src="https://cdn.example.com/lib-${i}.js" integrity="sha384-${digest('sha384', i, 'base64')}" crossorigin="anonymous"></script>`).join('\n');
  const sha512s = Array.from({ length: 100 }, (_, i) => `"integrity": "sha512-${digest('sha512', i, 'base64')}",`).join('\n');
  // Images inlined as data URIs: one long line, and split over string pieces as bundlers and CSS do.
  const png = (i: number, n: number) => fake(B64, n, 7000 + i);
  const dataUris = [
    `.logo { background: url("data:image/png;base64,${png(1, 3000)}=="); }`,
    `const icon = "data:image/svg+xml;base64,${png(2, 400)}" +\n  "${png(3, 76)}" +\n  "${png(4, 76)}" +\n  "${png(5, 20)}";`,
    `<img src="data:image/jpeg;base64,${png(6, 76)}\n${png(7, 76)}\n${png(8, 76)}\n${png(9, 40)}==" alt="">`,
  ].join('\n\n');
  return [
    { name: 'git log', kind: 'hashes', text: gitLog },
    { name: 'SHA-256 sums', kind: 'hashes', text: sums },
    { name: 'image digests', kind: 'hashes', text: digests },
    { name: 'UUIDs', kind: 'ids', text: uuids },
    { name: 'SRI script tags', kind: 'hashes', text: sri },
    { name: 'integrity fields', kind: 'hashes', text: sha512s },
    { name: 'image data URIs', kind: 'data URIs', text: dataUris },
  ];
}

/** The whole corpus, and the node_modules files that were not there. */
export function ordinaryCorpus(): { texts: OrdinaryText[]; missing: string[] } {
  const texts: OrdinaryText[] = [];
  const missing: string[] = [];
  for (const { kind, path } of FILES) {
    const file = join(MODULES, path);
    if (existsSync(file)) texts.push({ name: path, kind, text: readFileSync(file, 'utf8') });
    else missing.push(path);
  }
  const lockText = readFileSync(join(ROOT, 'package-lock.json'), 'utf8');
  texts.push({ name: 'package-lock.json', kind: 'lockfile', text: lockText });
  texts.push({ name: 'yarn.lock (from package-lock.json)', kind: 'lockfile', text: yarnLock(JSON.parse(lockText)) });
  texts.push(...generated());
  return { texts, missing };
}

export interface FalsePositive {
  name: string;
  rule: string;
  /** The redacted text around the placeholder. */
  excerpt: string;
}

/** Every redaction made in the corpus, with where it was. */
export function falsePositives(texts: readonly OrdinaryText[]): FalsePositive[] {
  const found: FalsePositive[] = [];
  for (const { name, text } of texts) {
    const result = new Redactor().redact(text);
    let from = 0;
    for (const f of result.found) {
      const at = result.text.indexOf(f.placeholder, from);
      from = at + f.placeholder.length;
      found.push({ name, rule: f.rule, excerpt: result.text.slice(Math.max(0, at - 60), at + f.placeholder.length + 20).replace(/\s+/g, ' ') });
    }
  }
  return found;
}
