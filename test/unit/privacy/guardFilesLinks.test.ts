import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeWorkspaceFiles } from '../../../src/cli/nodeWorkspaceFiles';
import type { WorkspaceFiles } from '../../../src/workspace/files';
import { guardFiles } from '../../../src/privacy/guardFiles';
import { IgnoreRules } from '../../../src/privacy/ignoreRules';
import { nodeRealpath } from '../../../src/privacy/nodeRealpath';
import { createLinkedWorkspace, type LinkedWorkspace } from './linkedWorkspace';

describe('privacy: guardFiles on a disk with links, and by content', () => {
  let w: LinkedWorkspace;
  let rules: IgnoreRules;
  before(() => {
    w = createLinkedWorkspace();
    rules = IgnoreRules.defaults().withFathomIgnore(readFileSync(join(w.ws, '.fathomignore'), 'utf8'));
  });
  after(() => w.dispose());

  /** A reader on disk that records what it was asked. */
  function disk(recent: string[] = []): { files: WorkspaceFiles; asked: string[] } {
    const inner = new NodeWorkspaceFiles(w.ws, { recent });
    const asked: string[] = [];
    const files: WorkspaceFiles = {
      read: (p) => (asked.push(p), inner.read(p)),
      exists: (p) => (asked.push(p), inner.exists(p)),
      list: (d) => inner.list(d),
      recentDocuments: () => inner.recentDocuments(),
    };
    return { files, asked };
  }

  const LINKS = ['src/notes.txt', 'src/cfg/db.ts', 'src/passwd.ts', 'src/key.ts', 'src/chain.ts', 'src/private-notes.ts', 'src/margin.ts', 'src/broken.ts', 'src/loop-a.ts', 'src/vendor/main.go'];

  it('reads none of the links into ignored files or out of the workspace, and never asks the disk for them', async () => {
    const { files, asked } = disk();
    const guarded = guardFiles(files, rules, { root: w.ws, realpath: nodeRealpath });
    for (const path of LINKS) {
      assert.equal(await guarded.read(path), undefined, path);
      assert.equal(await guarded.exists(path), false, path);
    }
    assert.deepEqual(asked, []);
    assert.equal(await guarded.read('src/app-link.ts'), 'export const app = 1;\n', 'an ordinary link inside the workspace');
    assert.equal(await guarded.read('src/app.ts'), 'export const app = 1;\n');
  });

  it('without the root and realpath (today\'s callers) the same links are read: the control', async () => {
    const { files } = disk();
    const guarded = guardFiles(files, rules);
    assert.match((await guarded.read('src/notes.txt')) ?? '', /zebra_link_dotenv/);
    assert.match((await guarded.read('src/cfg/db.ts')) ?? '', /zebra_link_secrets_folder/);
  });

  it('lists a folder link into an ignored folder as empty, and offers no linked recent document', async () => {
    const { files } = disk(['src/chain.ts', 'src/key.ts', 'src/private-notes.ts', 'src/app.ts']);
    assert.equal(files.recentDocuments().length, 4, 'the disk offers all four');
    assert.deepEqual(await files.list!('src/cfg'), ['db.ts']);
    const guarded = guardFiles(files, rules, { root: w.ws, realpath: nodeRealpath });
    assert.deepEqual(await guarded.list!('src/cfg'), []);
    assert.deepEqual(guarded.recentDocuments().map((d) => d.path), ['src/app.ts']);
  });

  it('follows rule changes when given a function', async () => {
    let current = IgnoreRules.defaults();
    const guarded = guardFiles(disk().files, () => current, { root: w.ws, realpath: nodeRealpath });
    assert.equal(await guarded.read('src/private-notes.ts'), 'export const notes = "zebra_link_case_folder";\n');
    current = current.withFathomIgnore('private/');
    assert.equal(await guarded.read('src/private-notes.ts'), undefined);
  });

  it('refuses every spelling of an ignored path without asking the disk', async () => {
    const { files, asked } = disk();
    const guarded = guardFiles(files, rules);
    for (const path of ['src/../.env', 'src\\..\\secrets\\db.ts', 'src/%2e%2e/.env', '%2Eenv', 'SECRETS/db.ts', 'secrets. /db.ts', 'src//..//secrets/db.ts', './src/./../.ENV']) {
      assert.equal(await guarded.read(path), undefined, path);
    }
    assert.deepEqual(asked, []);
  });

  it('refuses a cloud key file under any name, read or open', async () => {
    const key = '{\n  "type": "service_account",\n  "project_id": "demo",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n"\n}\n';
    writeFileSync(join(w.ws, 'src/deploy.json'), key);
    const { files } = disk();
    assert.equal(await files.read('src/deploy.json'), key, 'the name alone is not ignored');
    const open: WorkspaceFiles = { ...files, recentDocuments: () => [{ path: 'build/prod.json', languageId: 'json', text: key }, { path: 'src/app.ts', languageId: 'typescript', text: 'export const app = 1;\n' }] };
    const guarded = guardFiles(open, rules);
    assert.equal(await guarded.read('src/deploy.json'), undefined);
    assert.deepEqual(guarded.recentDocuments().map((d) => d.path), ['src/app.ts']);
  });
});
