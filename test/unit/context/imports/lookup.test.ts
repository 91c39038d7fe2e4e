import * as assert from 'node:assert/strict';
import { FileIndexCache, DEFAULT_WORK } from '../../../../src/context/imports/fileIndexCache';
import { findDefinition, type LookupEnv } from '../../../../src/context/imports/lookup';
import { readProjectConfig } from '../../../../src/context/imports/projectConfig';
import { MemoryFiles, testParsers } from '../helpers';

describe('context: finding where a name is defined, through re-exports', function () {
  this.timeout(20000);
  const parsers = testParsers();
  after(() => parsers.dispose());

  async function env(files: MemoryFiles, filesLeft = DEFAULT_WORK.filesLeft): Promise<LookupEnv> {
    return { files, cache: new FileIndexCache(parsers), project: await readProjectConfig(files), work: { ...DEFAULT_WORK, filesLeft } };
  }

  it('Python: a package __init__ that imports from its submodules passes the names on', async () => {
    const files = new MemoryFiles({
      'pkg/__init__.py': 'from .core import *\nfrom .impl import Engine as Motor\n',
      'pkg/core.py': 'def run(task):\n    pass\n',
      'pkg/impl.py': 'class Engine:\n    pass\n',
    });
    const e = await env(files);
    const run = await findDefinition('run', ['pkg/__init__.py'], e);
    assert.equal(run?.index.path, 'pkg/core.py');
    const motor = await findDefinition('Motor', ['pkg/__init__.py'], e);
    assert.deepEqual([motor?.index.path, motor?.definition?.name], ['pkg/impl.py', 'Engine']);
  });

  it('C: a header that includes another header makes its declarations visible', async () => {
    const files = new MemoryFiles({ 'src/all.h': '#include "list.h"\n', 'src/list.h': 'int list_len(void);\n' });
    const found = await findDefinition('list_len', ['src/all.h'], await env(files));
    assert.equal(found?.definition?.startLine, 0);
    assert.equal(found?.index.path, 'src/list.h');
  });

  it('TypeScript: names a module only imports (not exports) are not passed on', async () => {
    const files = new MemoryFiles({ 'a.ts': "import { hidden } from './b';\nexport const shown = 1;\n", 'b.ts': 'export const hidden = 2;\n' });
    assert.equal(await findDefinition('hidden', ['a.ts'], await env(files)), undefined);
  });

  it('stops on import cycles and when the request has read its share of files', async () => {
    const files = new MemoryFiles({ 'a.ts': "export * from './b';\n", 'b.ts': "export * from './a';\n", 'c.ts': "export * from './d';\n", 'd.ts': 'export const deep = 1;\n' });
    assert.equal(await findDefinition('missing', ['a.ts'], await env(files)), undefined);
    assert.equal(await findDefinition('deep', ['c.ts'], await env(files, 1)), undefined);
    assert.equal((await findDefinition('deep', ['c.ts'], await env(files)))?.index.path, 'd.ts');
  });
});
