import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { importsOf } from './importsOf';

const SRC = resolve(__dirname, '../../../src');
/** Only these may touch the editor: the composition root and the adapter layer. */
const EDITOR_LAYER = [join(SRC, 'extension.ts'), join(SRC, 'composition.ts'), join(SRC, 'vscode')];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const isEditorLayer = (file: string) => EDITOR_LAYER.some((p) => file === p || file.startsWith(p + '/'));


describe('architecture: logic modules never import vscode', () => {
  it('finds imports in every form the rule must catch', () => {
    assert.deepEqual(importsOf(`import * as v from 'vscode';\nconst x = require("vscode");\nawait import('vscode');\nexport { a } from './vscode/x';`).sort(), [
      './vscode/x',
      'vscode',
      'vscode',
      'vscode',
    ]);
  });

  const core = sourceFiles(SRC).filter((f) => !isEditorLayer(f));
  it('has logic modules to check', () => assert.ok(core.length >= 5, `only ${core.length} files found under ${SRC}`));

  for (const file of core) {
    it(relative(SRC, file), () => {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        assert.notEqual(spec, 'vscode', `${relative(SRC, file)} imports vscode; move editor code to src/vscode/`);
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          assert.ok(!isEditorLayer(target) && !isEditorLayer(target + '.ts'), `${relative(SRC, file)} imports the editor layer (${spec})`);
        }
      }
    });
  }
});
