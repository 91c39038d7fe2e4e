import * as assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { runtimeClosure, SRC } from './runtimeClosure';

describe('architecture: SQLite runs only in the index worker and the CLI, never in the extension host', () => {
  it('the extension host\'s bundle entries (activation and the rest it loads) reach neither src/codebase/sqlite/ nor node-sqlite3-wasm', () => {
    const reached = [...runtimeClosure(join(SRC, 'extension.ts')), ...runtimeClosure(join(SRC, 'composition.ts'))];
    assert.ok(reached.length > 50, `the closure was followed (${reached.length} modules)`);
    assert.deepEqual(reached.filter((m) => m === 'node-sqlite3-wasm' || m.startsWith(join(SRC, 'codebase', 'sqlite'))).map((m) => relative(SRC, m)), []);
  });

  it('the index worker and the CLI do reach it (the check above follows real imports)', () => {
    for (const entry of ['codebase/worker/main.ts', 'cli/main.ts']) assert.ok(runtimeClosure(join(SRC, entry)).has('node-sqlite3-wasm'), entry);
  });
});
