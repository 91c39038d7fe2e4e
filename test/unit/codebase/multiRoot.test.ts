import * as assert from 'node:assert/strict';
import type { Codebase, CodebaseHit } from '../../../src/codebase/codebase';
import { MultiRootCodebase } from '../../../src/codebase/multiRoot';

/** A folder's answers as plain data (the real folders' codebases are exercised in localCodebase and the worker tests). */
function folder(hits: CodebaseHit[], asked: string[] = []): Codebase {
  return {
    search: async (_q, top) => hits.slice(0, top),
    definitions: async (name, top) => hits.filter((h) => h.symbol === name).slice(0, top),
    usages: async (name, top, exceptPath) => {
      asked.push(exceptPath ?? '(none)');
      return hits.filter((h) => h.symbol !== name && h.path !== exceptPath).slice(0, top);
    },
  };
}

const hit = (path: string, score: number, symbol = ''): CodebaseHit => ({ path, score, symbol, startLine: 1, endLine: 2, kind: 'function', container: '', text: '' });

describe('codebase: MultiRootCodebase (several workspace folders as one Codebase)', () => {
  it('with one folder, paths stay relative to it', async () => {
    const one = new MultiRootCodebase([{ name: 'app', codebase: folder([hit('src/a.ts', 2)]) }]);
    assert.deepEqual((await one.search('q', 5)).map((h) => h.path), ['src/a.ts']);
    assert.equal(one.locate('src/a.ts')?.path, 'src/a.ts');
  });

  it('with several, merges by score (best first, `top` in all) and prefixes each path with its folder\'s name', async () => {
    const multi = new MultiRootCodebase([
      { name: 'app', codebase: folder([hit('src/a.ts', 5), hit('src/b.ts', 1)]) },
      { name: 'lib', codebase: folder([hit('src/c.ts', 3), hit('src/d.ts', 2)]) },
    ]);
    assert.deepEqual((await multi.search('q', 3)).map((h) => `${h.path}:${h.score}`), ['app/src/a.ts:5', 'lib/src/c.ts:3', 'lib/src/d.ts:2']);
    assert.deepEqual(multi.locate('lib/src/c.ts')?.folder.name, 'lib');
    assert.equal(multi.locate('lib/src/c.ts')?.path, 'src/c.ts');
    assert.equal(multi.locate('other/src/c.ts'), undefined);
  });

  it('usages leave out the excepted file only in its own folder', async () => {
    const askedApp: string[] = [];
    const askedLib: string[] = [];
    const multi = new MultiRootCodebase([
      { name: 'app', codebase: folder([hit('src/a.ts', 5)], askedApp) },
      { name: 'lib', codebase: folder([hit('src/a.ts', 3)], askedLib) },
    ]);
    assert.deepEqual((await multi.usages('run', 5, 'app/src/a.ts')).map((h) => h.path), ['lib/src/a.ts']);
    assert.deepEqual([askedApp, askedLib], [['src/a.ts'], ['(none)']]);
  });
});
