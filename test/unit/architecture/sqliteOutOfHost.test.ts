import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { importsOf } from './importsOf';

const SRC = resolve(__dirname, '../../../src');

/** The files a module loads at run time (type-only imports are erased by the bundler), followed through relative imports. */
function runtimeClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8').replace(/^\s*(import|export) type\b[^;]*;/gm, '');
    for (const spec of importsOf(source)) {
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const target = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => p.endsWith('.ts') && existsSync(p));
      if (target) visit(target);
    }
  };
  visit(entry);
  return seen;
}

describe('architecture: SQLite runs only in the index worker and the CLI, never in the extension host', () => {
  it('the extension host\'s bundle entry reaches neither src/codebase/sqlite/ nor node-sqlite3-wasm', () => {
    const reached = [...runtimeClosure(join(SRC, 'extension.ts'))];
    assert.ok(reached.length > 50, `the closure was followed (${reached.length} modules)`);
    assert.deepEqual(reached.filter((m) => m === 'node-sqlite3-wasm' || m.startsWith(join(SRC, 'codebase', 'sqlite'))).map((m) => relative(SRC, m)), []);
  });

  it('the index worker and the CLI do reach it (the check above follows real imports)', () => {
    for (const entry of ['codebase/worker/main.ts', 'cli/main.ts']) assert.ok(runtimeClosure(join(SRC, entry)).has('node-sqlite3-wasm'), entry);
  });
});
