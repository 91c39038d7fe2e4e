import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IgnoreRules } from '../../../src/privacy/ignoreRules';
import { IgnoreScope, type RealPath } from '../../../src/privacy/ignoreScope';
import { nodeRealpath } from '../../../src/privacy/nodeRealpath';
import { createLinkedWorkspace, type LinkedWorkspace } from './linkedWorkspace';

describe('privacy: ignore scope (links, several folders, outside every folder)', () => {
  let w: LinkedWorkspace;
  let scope: IgnoreScope;
  const defaults = IgnoreRules.defaults();
  const rulesOf = (folder: string) => defaults.withFathomIgnore(readFileSync(join(folder, '.fathomignore'), 'utf8'));

  before(() => {
    w = createLinkedWorkspace();
    scope = new IgnoreScope([{ path: w.ws, rules: rulesOf(w.ws) }, { path: w.second, rules: rulesOf(w.second) }], { outside: defaults, realpath: nodeRealpath });
  });
  after(() => w.dispose());

  const inWs = (rel: string) => join(w.ws, rel);

  it('ignores a file link to an ignored file, and a chain of links ending at one', () => {
    assert.ok(scope.ignores(inWs('src/notes.txt')), 'notes.txt -> ../.env');
    assert.ok(scope.ignores(inWs('src/chain.ts')), 'chain.ts -> chain-2.ts -> ../.env');
  });

  it('ignores files through a folder link into an ignored folder, even ones not saved yet', () => {
    assert.ok(scope.ignores(inWs('src/cfg/db.ts')), 'src/cfg -> ../secrets');
    assert.ok(scope.ignores(inWs('src/cfg/new-file.ts')), 'an unsaved file in the linked folder');
    assert.ok(scope.ignores(inWs('src/cfg') + '/'), 'the linked folder itself, as a folder');
  });

  it('ignores links out of the workspace (a password file, a key, a folder)', () => {
    assert.ok(scope.ignores(inWs('src/passwd.ts')));
    assert.ok(scope.ignores(inWs('src/key.ts')));
    assert.ok(scope.ignores(inWs('src/vendor/main.go')), 'a file inside a folder link that leads out');
  });

  it('ignores links that cannot be resolved: broken, to a missing folder, a loop — without throwing', () => {
    assert.ok(scope.ignores(inWs('src/broken.ts')));
    assert.ok(scope.ignores(inWs('src/broken-dir/x.ts')));
    assert.ok(scope.ignores(inWs('src/loop-a.ts')));
  });

  it('judges a link into another workspace folder by that folder\'s rules', () => {
    assert.ok(scope.ignores(inWs('src/margin.ts')), 'second/internal/ is ignored by second/.fathomignore');
    assert.ok(!scope.ignores(inWs('src/shared.ts')), 'second/src/shared.ts is allowed there');
  });

  it('matches the target in any case (a .fathomignore `private/` covers a link into Private/)', () => {
    assert.ok(scope.ignores(inWs('src/private-notes.ts')));
  });

  it('keeps ordinary files and ordinary links inside the workspace', () => {
    for (const rel of ['src/app.ts', 'src/app-link.ts', 'src/settings.ts', 'src/new-file.ts']) assert.ok(!scope.ignores(inWs(rel)), rel);
  });

  it('applies each folder\'s .fathomignore to that folder\'s files only, relative to it', () => {
    assert.ok(scope.ignores(join(w.second, 'internal/pricing.ts')));
    assert.ok(!scope.ignores(inWs('internal/pricing.ts')), 'ws has no internal/ rule');
    assert.ok(scope.ignores(inWs('Private/notes.ts')));
    assert.ok(!scope.ignores(join(w.second, 'Private/notes.ts')), 'second has no private/ rule');
    assert.ok(scope.ignores(join(w.second, '.env')), 'the defaults apply in every folder');
  });

  it('judges a path outside every folder by the defaults on its absolute path', () => {
    assert.ok(scope.ignores(join(w.outside, 'home/.ssh/id_rsa')));
    assert.ok(scope.ignores(join(w.outside, 'notes.txt')), 'a link outside the workspace to a key outside it');
    assert.ok(!scope.ignores(join(w.outside, 'project/main.go')));
    assert.ok(!scope.ignores(join(w.outside, 'etc/passwd')), 'opened directly, a file outside every folder is judged by its name');
  });

  it('works when the workspace was opened through a link to its folder', () => {
    const linked = new IgnoreScope([{ path: w.wsLink, rules: rulesOf(w.ws) }], { outside: defaults, realpath: nodeRealpath });
    assert.ok(!linked.ignores(join(w.wsLink, 'src/app.ts')), 'the folder\'s real path is not "outside"');
    assert.ok(linked.ignores(join(w.wsLink, 'src/notes.txt')));
    assert.ok(linked.ignores(join(w.wsLink, 'src/cfg/db.ts')));
    assert.ok(linked.ignores(join(w.wsLink, 'src/passwd.ts')));
  });

  it('matches every spelling of an absolute path: .., ., //, backslashes, URL escapes', () => {
    for (const path of [
      `${w.ws}/src/../.env`,
      `${w.ws}/src/./../secrets//db.ts`,
      `${w.ws}\\src\\..\\secrets\\db.ts`,
      `${w.ws}/src/%2e%2e/.env`,
      `${w.ws}/src%2f..%2fsecrets%2fdb.ts`,
      `${w.second}/src/../INTERNAL/pricing.ts`,
    ]) {
      assert.ok(scope.ignores(path), path);
    }
    assert.ok(!scope.ignores(`${w.ws}/secrets/../src/app.ts`), 'climbing out of secrets/ again');
  });

  it('judges relative paths in a folder (what guardFiles asks), with links and climbing out', () => {
    const ws = scope.forFolder(0);
    assert.ok(ws.ignores('src/notes.txt'));
    assert.ok(ws.ignores('src/cfg/db.ts'));
    assert.ok(ws.ignoresFileOrFolder('src/cfg'), 'the folder link, named without a slash');
    assert.ok(ws.ignores('src/%2E%2E/secrets/db.ts'));
    assert.ok(ws.ignores('../second/internal/pricing.ts'), 'climbing into the other folder: its rules');
    assert.ok(!ws.ignores('../second/src/shared.ts'));
    assert.ok(!ws.ignores('src/app.ts'));
    assert.equal(scope.forFolder(5), defaults, 'no such folder: the outside rules');
  });

  it('judges workspace paths (with several folders, the folder\'s name first) by their own folder\'s rules', () => {
    const paths = scope.forWorkspacePaths(['app', 'lib']);
    assert.ok(paths.ignores('app/src/notes.txt'), 'the first folder\'s link to its .env');
    assert.ok(!paths.ignores('app/src/app.ts'));
    assert.ok(paths.ignores('lib/internal/pricing.ts'), 'the second folder\'s own .fathomignore');
    assert.ok(!paths.ignores('lib/src/shared.ts'));
    assert.ok(!paths.ignores('app/internal/pricing.ts'), 'the first folder by its own rules (no internal/ rule), not the second\'s');
    assert.ok(paths.ignoresFileOrFolder('app/src/cfg'), 'a folder link, named without a slash');
    for (const nowhere of ['web/src/app.ts', 'src/app.ts', '', '/app/src/app.ts']) assert.ok(paths.ignores(nowhere), `${nowhere}: no such folder, nothing to read`);
    // One folder: paths are relative to it, no name first.
    const single = new IgnoreScope([{ path: w.ws, rules: rulesOf(w.ws) }], { outside: defaults, realpath: nodeRealpath }).forWorkspacePaths(['app']);
    assert.ok(single.ignores('src/notes.txt'));
    assert.ok(!single.ignores('src/app.ts'));
  });

  it('follows no link without a realpath, or when told not to (virtual documents)', () => {
    const plain = new IgnoreScope([{ path: w.ws, rules: rulesOf(w.ws) }], { outside: defaults });
    assert.ok(!plain.ignores(inWs('src/notes.txt')));
    assert.ok(!scope.ignores(inWs('src/notes.txt'), { followLinks: false }));
    assert.ok(plain.ignores(inWs('.env')), 'names are still judged');
  });

  it('asks the realpath for the folders once, and for a path only once per question', () => {
    const asked: string[] = [];
    const counting: RealPath = (p) => {
      asked.push(p);
      return nodeRealpath(p);
    };
    const counted = new IgnoreScope([{ path: w.ws, rules: defaults }], { outside: defaults, realpath: counting });
    assert.equal(asked.length, 1);
    counted.ignores(inWs('src/%2e%2e/src/app.ts'));
    assert.equal(asked.length, 2, 'the decoded spellings are judged by name; the path as written is resolved once');
  });

  it('treats a Windows drive path as absolute and its folders case-insensitively', () => {
    const win = new IgnoreScope([{ path: '/c:/Users/me/proj', rules: defaults.withFathomIgnore('build/') }], { outside: defaults });
    assert.ok(win.ignores('C:\\Users\\me\\proj\\build\\out.js'));
    assert.ok(win.ignores('c:/users/ME/proj/BUILD/out.js'), 'the same folder in another case');
    assert.ok(!win.ignores('C:\\Users\\me\\proj\\src\\a.ts'));
    assert.ok(win.ignores('C:\\Users\\me\\.ssh\\id_ed25519'), 'outside the folder: the defaults');
  });
});
