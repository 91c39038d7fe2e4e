import * as assert from 'node:assert/strict';
import { readProjectConfig } from '../../../../src/context/imports/projectConfig';
import { resolveBinding, resolveModule, type ResolveContext } from '../../../../src/context/imports/resolveImport';
import type { ImportStatement } from '../../../../src/context/imports/types';
import { MemoryFiles } from '../helpers';

function statement(specifier: string, bindings: ImportStatement['bindings'] = [], all = false): ImportStatement {
  return { specifier, bindings, all, reexport: false, startLine: 0, endLine: 0 };
}

async function context(files: MemoryFiles, fromPath: string, languageId: string, fromText = ''): Promise<ResolveContext> {
  return { fromPath, fromText, languageId, files, project: await readProjectConfig(files) };
}

describe('context: resolving imports to workspace files', () => {
  it('TypeScript: relative paths without extension, index files, and .js names of .ts sources', async () => {
    const files = new MemoryFiles({ 'src/ops/map.ts': '', 'src/types/index.ts': '', 'src/util/isFunction.ts': '', 'src/app.ts': '' });
    const ctx = await context(files, 'src/app.ts', 'typescript');
    assert.deepEqual(await resolveModule(statement('./ops/map'), ctx), ['src/ops/map.ts']);
    assert.deepEqual(await resolveModule(statement('./types'), ctx), ['src/types/index.ts']);
    assert.deepEqual(await resolveModule(statement('./util/isFunction.js'), ctx), ['src/util/isFunction.ts']);
    assert.deepEqual(await resolveModule(statement('react'), ctx), [], 'packages outside the workspace resolve to nothing');
  });

  it('TypeScript: module names with dots (Angular-style `./user.service`), and files imported by their full name', async () => {
    const files = new MemoryFiles({ 'src/user.service.ts': '', 'src/pricing.internal/index.ts': '', 'src/data.json': '{}', 'src/app.ts': '' });
    const ctx = await context(files, 'src/app.ts', 'typescript');
    assert.deepEqual(await resolveModule(statement('./user.service'), ctx), ['src/user.service.ts']);
    assert.deepEqual(await resolveModule(statement('./pricing.internal'), ctx), ['src/pricing.internal/index.ts']);
    assert.deepEqual(await resolveModule(statement('./data.json'), ctx), ['src/data.json']);
  });

  it('TypeScript: tsconfig paths and baseUrl', async () => {
    const files = new MemoryFiles({
      'tsconfig.json': '{ // comments are allowed\n "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] }, } }',
      'src/lib/format.ts': '',
      'src/app.ts': '',
    });
    const ctx = await context(files, 'src/app.ts', 'typescript');
    assert.deepEqual(await resolveModule(statement('@lib/format'), ctx), ['src/lib/format.ts']);
    assert.deepEqual(await resolveModule(statement('src/lib/format'), ctx), ['src/lib/format.ts']);
  });

  it('Python: relative modules, packages, and `from . import module`', async () => {
    const files = new MemoryFiles({ 'pkg/__init__.py': '', 'pkg/events.py': '', 'pkg/sub/__init__.py': '', 'pkg/sub/tasks.py': '', 'pkg/log.py': '' });
    const ctx = await context(files, 'pkg/sub/tasks.py', 'python');
    assert.deepEqual(await resolveModule(statement('..events'), ctx), ['pkg/events.py']);
    assert.deepEqual(await resolveModule(statement('.'), ctx), ['pkg/sub/__init__.py']);
    const fromDot = statement('..', [{ local: 'log', imported: 'log' }]);
    const modules = await resolveModule(fromDot, ctx);
    assert.deepEqual(await resolveBinding(fromDot, fromDot.bindings[0], modules, ctx), { paths: ['pkg/log.py'], name: '*' }, 'a submodule, not a name in __init__');
    assert.deepEqual(await resolveModule(statement('pkg.events'), ctx), ['pkg/events.py'], 'absolute, from the folder holding the top package');
  });

  it('Python: a workspace that is itself the package resolves its absolute imports', async () => {
    const files = new MemoryFiles({ '__init__.py': '', 'events.py': '', 'tasks.py': '' });
    const ctx = await context(files, 'tasks.py', 'python');
    assert.deepEqual(await resolveModule(statement('asyncio.events'), ctx), ['events.py']);
  });

  it('Go: import paths under the go.mod module are package folders', async () => {
    const files = new MemoryFiles({ 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'store/store.go': '', 'store/cache.go': '', 'store/store_test.go': '', 'main.go': '' });
    const ctx = await context(files, 'main.go', 'go');
    assert.deepEqual(await resolveModule(statement('example.com/app/store'), ctx), ['store/cache.go', 'store/store.go']);
    assert.deepEqual(await resolveModule(statement('github.com/other/lib'), ctx), []);
  });

  it('Rust: crate, self and super paths; an item or a submodule', async () => {
    const files = new MemoryFiles({ 'src/main.rs': '', 'src/model.rs': '', 'src/model/store.rs': '', 'src/util/mod.rs': '' });
    const main = await context(files, 'src/main.rs', 'rust');
    assert.deepEqual(await resolveModule(statement('crate::model'), main), ['src/model.rs']);
    assert.deepEqual(await resolveModule(statement('crate::util'), main), ['src/util/mod.rs']);
    const use = statement('crate::model', [{ local: 'store', imported: 'store' }]);
    assert.deepEqual(await resolveBinding(use, use.bindings[0], ['src/model.rs'], main), { paths: ['src/model/store.rs'], name: '*' });
    const store = await context(files, 'src/model/store.rs', 'rust');
    assert.deepEqual(await resolveModule(statement('super'), store), ['src/model.rs'], 'the parent of model/store.rs is model.rs');
  });

  it('Java: the source root comes from the package of the importing file', async () => {
    const files = new MemoryFiles({ 'app/src/main/java/com/acme/model/User.java': '', 'app/src/main/java/com/acme/web/Api.java': '' });
    const ctx = await context(files, 'app/src/main/java/com/acme/web/Api.java', 'java', 'package com.acme.web;\n');
    assert.deepEqual(await resolveModule(statement('com.acme.model.User'), ctx), ['app/src/main/java/com/acme/model/User.java']);
    assert.deepEqual(await resolveModule(statement('com.acme.model', [], true), ctx), ['app/src/main/java/com/acme/model/User.java']);
  });

  it('C, Ruby and PHP: include paths, require_relative, PSR-4 class files', async () => {
    const files = new MemoryFiles({
      'src/list.h': '', 'include/util/str.h': '', 'src/main.c': '',
      'lib/models/user.rb': '', 'app/main.rb': '',
      'composer.json': '{"autoload": {"psr-4": {"App\\\\": "src/"}}}', 'src/Models/User.php': '', 'web/index.php': '', 'web/helpers.php': '',
    });
    assert.deepEqual(await resolveModule(statement('list.h', [], true), await context(files, 'src/main.c', 'c')), ['src/list.h']);
    assert.deepEqual(await resolveModule(statement('util/str.h', [], true), await context(files, 'src/main.c', 'c')), ['include/util/str.h']);
    assert.deepEqual(await resolveModule(statement('./../lib/models/user', [], true), await context(files, 'app/main.rb', 'ruby')), ['lib/models/user.rb']);
    assert.deepEqual(await resolveModule(statement('models/user', [], true), await context(files, 'app/main.rb', 'ruby')), ['lib/models/user.rb']);
    const php = await context(files, 'web/index.php', 'php');
    assert.deepEqual(await resolveModule(statement('App\\Models\\User', [{ local: 'User', imported: 'User' }]), php), ['src/Models/User.php']);
    assert.deepEqual(await resolveModule(statement('helpers.php', [], true), php), ['web/helpers.php']);
  });

  it('never resolves outside the workspace', async () => {
    const files = new MemoryFiles({ 'a.ts': '' });
    const ctx = await context(files, 'a.ts', 'typescript');
    assert.deepEqual(await resolveModule(statement('../outside/x'), ctx), []);
  });
});
