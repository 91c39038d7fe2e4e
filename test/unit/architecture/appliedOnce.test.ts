/**
 * Wrappers that belong in one place stay there: the answer size cap is put around backends by the pool (and
 * by replay around its scripted model), never by a caller on a stream (so none can forget or double it); and
 * editor code listens for settings only through onConfigChange (src/vscode/settings.ts), which also hears the
 * workspace being trusted.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const SRC = resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mts|mjs)$/.test(path) ? [path] : [];
  });
}

/** The files under src/ (as `a/b.ts`) whose text matches `pattern`. */
function filesMentioning(pattern: RegExp): string[] {
  return sourceFiles(SRC)
    .filter((path) => pattern.test(readFileSync(path, 'utf8')))
    .map((path) => relative(SRC, path).split(sep).join('/'))
    .sort();
}

describe('wrappers applied once', () => {
  it('only the pool (and replay, for its scripted model) puts the answer size cap around a backend; only answerCap.ts caps a stream', () => {
    assert.deepEqual(filesMentioning(/\bwithAnswerCap\(/), ['backends/answerCap.ts', 'cli/replay.ts', 'roles/pool.ts']);
    assert.deepEqual(filesMentioning(/\bcapAnswer\(/), ['backends/answerCap.ts']);
  });

  it('editor code listens for settings only through onConfigChange', () => {
    assert.deepEqual(filesMentioning(/\bonDidChangeConfiguration\(/), ['vscode/settings.ts']);
  });
});
