/** One file-name case across src/: camelCase (a kebab-case or snake_case name is a rename waiting to happen). */
import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const SRC = resolve(__dirname, '../../../src');

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

describe('file names', () => {
  it('every file under src/ is named in camelCase', () => {
    const offenders = allFiles(SRC)
      .map((path) => relative(SRC, path).split(sep).join('/'))
      .filter((path) => !/^[a-z][a-zA-Z0-9]*(\.d)?\.(ts|mts|mjs|json|wasm|scm)$/.test(path.split('/').pop() ?? ''));
    assert.deepEqual(offenders, []);
  });
});
