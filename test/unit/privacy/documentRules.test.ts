import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ignoresDocument } from '../../../src/privacy/documentRules';
import { IgnoreRules } from '../../../src/privacy/ignoreRules';
import { IgnoreScope } from '../../../src/privacy/ignoreScope';
import { nodeRealpath } from '../../../src/privacy/nodeRealpath';
import { createLinkedWorkspace, type LinkedWorkspace } from './linkedWorkspace';

describe('privacy: documents of every scheme', () => {
  const defaults = IgnoreRules.defaults();
  let w: LinkedWorkspace;
  let scope: IgnoreScope;
  before(() => {
    w = createLinkedWorkspace();
    scope = new IgnoreScope(
      [
        { path: w.ws, rules: defaults.withFathomIgnore('private/') },
        { path: '/octo/repo', rules: defaults.withFathomIgnore('internal/') }, // a virtual folder (vscode-vfs://github/octo/repo)
      ],
      { outside: defaults, realpath: nodeRealpath },
    );
  });
  after(() => w.dispose());
  const ignored = (scheme: string, path: string, query?: string) => ignoresDocument(scope, { scheme, path, query });

  it('judges a file: document by its path and by the file its link leads to', () => {
    assert.ok(ignored('file', join(w.ws, '.env')));
    assert.ok(ignored('file', join(w.ws, 'src/notes.txt')), 'a link to .env');
    assert.ok(ignored('file', join(w.ws, 'src/key.ts')), 'a link out of the workspace');
    assert.ok(!ignored('file', join(w.ws, 'src/app.ts')));
  });

  it('judges git\'s diff view of a file by the file: its path, with .git added, and the query\'s path', () => {
    const env = join(w.ws, '.env');
    const pem = join(w.ws, 'certs/server.pem');
    assert.ok(ignored('git', env, JSON.stringify({ path: env, ref: 'HEAD' })));
    assert.ok(ignored('git', `${pem}.git`, JSON.stringify({ path: pem, ref: '~' })), 'server.pem.git is server.pem');
    assert.ok(ignored('git', `${pem}.git`), 'even without the query');
    assert.ok(ignored('git', join(w.ws, 'src/x.ts'), JSON.stringify({ path: join(w.ws, 'secrets/db.ts'), ref: 'HEAD~1' })), 'the query names the file');
    assert.ok(ignored('git', join(w.ws, 'src/notes.txt'), JSON.stringify({ path: join(w.ws, 'src/notes.txt'), ref: 'HEAD' })), 'git follows the working tree\'s link');
    assert.ok(!ignored('git', join(w.ws, 'src/app.ts'), JSON.stringify({ path: join(w.ws, 'src/app.ts'), ref: 'HEAD' })));
    assert.ok(!ignored('git', join(w.ws, 'src/app.ts'), 'not json'), 'a query that is not JSON is not a path');
  });

  it('judges a virtual folder\'s documents by their path in that folder, without following links', () => {
    assert.ok(ignored('vscode-vfs', '/octo/repo/.env'));
    assert.ok(ignored('vscode-vfs', '/octo/repo/internal/plan.md'), 'the virtual folder\'s own .fathomignore');
    assert.ok(!ignored('vscode-vfs', '/octo/repo/src/main.ts'));
    assert.ok(!ignored('vscode-remote', join(w.ws, 'src/notes.txt')), 'a remote path is not this disk\'s: its links are not followed');
    assert.ok(ignored('vscode-remote', '/home/dev/proj/.env.production'));
  });

  it('judges a notebook cell by its notebook', () => {
    assert.ok(ignored('vscode-notebook-cell', join(w.ws, 'secrets/analysis.ipynb')));
    assert.ok(!ignored('vscode-notebook-cell', join(w.ws, 'notebooks/analysis.ipynb')));
  });

  it('judges an untitled document by its name: `Untitled-1` is not ignored, `.env` is', () => {
    assert.ok(!ignored('untitled', 'Untitled-1'));
    assert.ok(ignored('untitled', '.env'));
    assert.ok(ignored('untitled', join(w.ws, 'secrets/draft.ts')), 'an untitled document with a path in the workspace');
  });

  it('never reads the Output panel or debug sources, whatever their name', () => {
    assert.ok(ignored('output', 'extension-output-fathom.fathom-#1-Fathom'));
    assert.ok(ignored('debug', '/app/src/index.ts'));
    assert.ok(ignored('OUTPUT', 'tasks'));
  });

  it('judges every other scheme by its path, spelled any way', () => {
    assert.ok(ignored('fathom-proposal', '/3/.env.local'));
    assert.ok(ignored('some-extension', join(w.ws, 'src/%2e%2e/secrets/db.ts')));
    assert.ok(!ignored('some-extension', '/readme.md'));
  });
});
