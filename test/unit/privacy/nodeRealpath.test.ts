import * as assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { nodeRealpath } from '../../../src/privacy/nodeRealpath';
import { createLinkedWorkspace, type LinkedWorkspace } from './linkedWorkspace';

describe('privacy: real paths on a local disk', () => {
  let w: LinkedWorkspace;
  let real: string;
  before(() => {
    w = createLinkedWorkspace();
    // The temporary folder may itself sit under a link (macOS' /tmp).
    real = realpathSync.native(w.root);
  });
  after(() => w.dispose());

  it('resolves file links, folder links and chains', () => {
    assert.equal(nodeRealpath(join(w.ws, 'src/notes.txt')), join(real, 'ws/.env'));
    assert.equal(nodeRealpath(join(w.ws, 'src/cfg/db.ts')), join(real, 'ws/secrets/db.ts'));
    assert.equal(nodeRealpath(join(w.ws, 'src/chain.ts')), join(real, 'ws/.env'));
    assert.equal(nodeRealpath(join(w.wsLink, 'src/app.ts')), join(real, 'ws/src/app.ts'));
  });

  it('gives a path where nothing exists yet the real path of its nearest folder', () => {
    assert.equal(nodeRealpath(join(w.ws, 'src/cfg/not-yet.ts')), join(real, 'ws/secrets/not-yet.ts'));
    assert.equal(nodeRealpath(join(w.ws, 'src/new/deeper/file.ts')), join(real, 'ws/src/new/deeper/file.ts'));
    assert.equal(nodeRealpath(join(w.ws, 'src/app.ts/under-a-file')), join(real, 'ws/src/app.ts/under-a-file'));
  });

  it('answers undefined for links that lead nowhere or in a loop, and below them', () => {
    for (const rel of ['src/broken.ts', 'src/broken-dir', 'src/broken-dir/x.ts', 'src/loop-a.ts', 'src/loop-b.ts']) {
      assert.equal(nodeRealpath(join(w.ws, rel)), undefined, rel);
    }
  });

  it('leaves the root alone', () => {
    assert.equal(nodeRealpath('/'), realpathSync.native('/'));
  });
});
