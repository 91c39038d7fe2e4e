import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeWorkspaceFiles } from '../../../src/cli/nodeWorkspaceFiles';

describe('context: a workspace folder on disk (CLI)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-ws-'));
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'node_modules/lib'), { recursive: true });
    writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'src/b.ts'), 'export const b = 2;\n');
    writeFileSync(join(root, 'node_modules/lib/index.js'), 'module.exports = 1;\n');
    writeFileSync(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(join(root, 'big.ts'), 'x'.repeat(2000));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads workspace files, and nothing outside the root, in node_modules, binary or too large', async () => {
    const files = new NodeWorkspaceFiles(root, { maxFileBytes: 1000 });
    assert.equal(await files.read('src/a.ts'), 'export const a = 1;\n');
    assert.equal(await files.read('src/../src/a.ts'), 'export const a = 1;\n');
    for (const path of ['../etc/passwd', '/etc/passwd', 'node_modules/lib/index.js', 'image.png', 'big.ts', 'missing.ts']) {
      assert.equal(await files.read(path), undefined, path);
    }
    assert.equal(await files.exists('src/b.ts'), true);
    assert.equal(await files.exists('src'), false, 'a folder is not a file');
    assert.equal(await files.exists('node_modules/lib/index.js'), false);
    assert.deepEqual((await files.list('src')).sort(), ['a.ts', 'b.ts']);
  });

  it('keeps a text while the file is unchanged, and reads it again when it changes', async () => {
    const files = new NodeWorkspaceFiles(root);
    const first = await files.read('src/a.ts');
    assert.equal(await files.read('src/a.ts'), first);
    writeFileSync(join(root, 'src/a.ts'), 'export const a = 10;\n');
    utimesSync(join(root, 'src/a.ts'), new Date(), new Date(Date.now() + 5000));
    assert.equal(await files.read('src/a.ts'), 'export const a = 10;\n');
  });

  it('serves an overlay (an unsaved document) and offers the recent documents', async () => {
    const files = new NodeWorkspaceFiles(root, { overlay: new Map([['src/a.ts', 'edited']]), recent: ['src/b.ts', 'src/a.ts', 'image.png'] });
    assert.equal(await files.read('src/a.ts'), 'edited');
    assert.deepEqual(files.recentDocuments(), [
      { path: 'src/b.ts', languageId: 'typescript', text: 'export const b = 2;\n' },
      { path: 'src/a.ts', languageId: 'typescript', text: 'edited' },
    ]);
  });
});
