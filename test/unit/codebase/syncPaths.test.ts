import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CodebaseIndex } from '../../../src/codebase/codebaseIndex';
import { syncIndex } from '../../../src/codebase/syncIndex';
import { syncPaths } from '../../../src/codebase/syncPaths';
import { Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from '../syntax/grammars';

describe('codebase: syncPaths re-indexes only the paths reported changed, by the walk\'s rules', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  let index: CodebaseIndex;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const paths = () => index.paths().sort();
  const definesIn = (name: string) => index.search(name, 10).filter((r) => r.symbol === name).map((r) => r.path);
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'fathom-syncpaths-'));
    write('src/a.ts', 'export function alphaValue() {\n  return 1;\n}\n');
    write('src/b.ts', 'export function betaValue() {\n  return 2;\n}\n');
    write('.gitignore', 'generated/\n');
    index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  after(() => parsers.dispose());

  it('a saved file is re-chunked; an untouched one is left alone', async () => {
    write('src/a.ts', 'export function alphaRenamed() {\n  return 10;\n}\n');
    const stats = await syncPaths(root, index, parsers, ['src/a.ts', 'src/b.ts']);
    assert.equal(stats.updated, 1);
    assert.equal(stats.unchanged, 1);
    assert.equal(stats.full, false);
    assert.deepEqual(definesIn('alphaRenamed'), ['src/a.ts']);
    assert.deepEqual(definesIn('alphaValue'), []);
  });

  it('a created file is added, a deleted one removed, a renamed one moves', async () => {
    write('src/c.ts', 'export function gammaValue() {\n  return 3;\n}\n');
    rmSync(join(root, 'src/b.ts'));
    renameSync(join(root, 'src/a.ts'), join(root, 'src/moved.ts'));
    const stats = await syncPaths(root, index, parsers, ['src/c.ts', 'src/b.ts', 'src/a.ts', 'src/moved.ts']);
    assert.deepEqual({ added: stats.added, removed: stats.removed }, { added: 2, removed: 2 });
    assert.deepEqual(paths(), ['.gitignore', 'src/c.ts', 'src/moved.ts']);
    assert.deepEqual(definesIn('alphaValue'), ['src/moved.ts']);
  });

  it('a deleted folder takes its files with it', async () => {
    rmSync(join(root, 'src'), { recursive: true });
    await syncPaths(root, index, parsers, ['src']);
    assert.deepEqual(paths(), ['.gitignore']);
  });

  it('never adds an ignored file: .gitignore (nested too), .fathomignore, the built-in rules, skipped folders and names', async () => {
    write('.fathomignore', 'private/\n');
    write('src/lib/.gitignore', '*.gen.ts\n');
    await syncIndex(root, index, parsers);
    const ignored = ['generated/out.ts', 'private/notes.ts', 'src/lib/x.gen.ts', '.env', 'node_modules/pkg/index.js', 'src/dist/bundle.js', 'yarn.lock', 'src/logo.png'];
    for (const p of ignored) write(p, 'export function sneaky() {\n  return "x";\n}\n');
    const stats = await syncPaths(root, index, parsers, ignored);
    assert.equal(stats.added, 0);
    assert.deepEqual(paths(), ['.fathomignore', '.gitignore', 'src/a.ts', 'src/b.ts', 'src/lib/.gitignore']);
    assert.deepEqual(definesIn('sneaky'), []);
  });

  it('a file that becomes ignored leaves the index when its ignore file changes (a full sync)', async () => {
    write('.gitignore', 'generated/\nsrc/b.ts\n');
    const stats = await syncPaths(root, index, parsers, ['.gitignore']);
    assert.equal(stats.full, true);
    assert.deepEqual(paths(), ['.gitignore', 'src/a.ts']);
  });

  it('a created folder is walked (a full sync): its files come in, by the rules', async () => {
    write('pkg/one.ts', 'export function oneValue() {\n  return 1;\n}\n');
    write('pkg/generated/two.ts', 'export function twoValue() {\n  return 2;\n}\n');
    const stats = await syncPaths(root, index, parsers, ['pkg']);
    assert.equal(stats.full, true);
    assert.deepEqual(definesIn('oneValue'), ['pkg/one.ts']);
    assert.deepEqual(paths().filter((p) => p.startsWith('pkg/')), ['pkg/one.ts']);
  });

  it('an unchanged size and time read nothing again; a touched file with new text is re-read', async () => {
    write('src/a.ts', 'export function alphaOther() {\n  return 1;\n}\n');
    utimesSync(join(root, 'src/a.ts'), new Date(), new Date(Date.now() + 5000));
    const stats = await syncPaths(root, index, parsers, ['src/a.ts', './src/a.ts', 'src/a.ts/']);
    assert.equal(stats.updated, 1);
    assert.deepEqual(definesIn('alphaOther'), ['src/a.ts']);
  });
});
