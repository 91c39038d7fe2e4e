import * as assert from 'node:assert/strict';
import { parseImports } from '../../../../src/context/imports/imports';
import type { ImportStatement } from '../../../../src/context/imports/types';
import { testParsers } from '../helpers';

describe('context: import statements per language', function () {
  this.timeout(20000);
  const parsers = testParsers();
  after(() => parsers.dispose());

  async function imports(languageId: string, text: string): Promise<Omit<ImportStatement, 'startLine' | 'endLine'>[]> {
    const tree = await parsers.parseText(languageId, text);
    assert.ok(tree);
    try {
      return parseImports(tree, languageId).map(({ startLine: _s, endLine: _e, ...rest }) => rest);
    } finally {
      tree.delete();
    }
  }

  it('TypeScript: default, named, aliased, namespace imports and re-exports', async () => {
    const found = await imports(
      'typescript',
      `import D, { map as m, take } from './ops';\nimport * as ns from '../types.js';\nexport { a as b } from './x';\nexport * from './all';\nimport './side-effect';`,
    );
    assert.deepEqual(found, [
      { specifier: './ops', bindings: [{ local: 'D', imported: 'default' }, { local: 'm', imported: 'map' }, { local: 'take', imported: 'take' }], all: false, reexport: false },
      { specifier: '../types.js', bindings: [{ local: 'ns', imported: '*' }], all: false, reexport: false },
      { specifier: './x', bindings: [{ local: 'b', imported: 'a' }], all: false, reexport: true },
      { specifier: './all', bindings: [], all: true, reexport: true },
      { specifier: './side-effect', bindings: [], all: false, reexport: false },
    ]);
  });

  it('JavaScript: CommonJS require, whole and destructured', async () => {
    const found = await imports('javascript', `const fs = require('./fs');\nconst { a, b: c } = require('./m');`);
    assert.deepEqual(found, [
      { specifier: './fs', bindings: [{ local: 'fs', imported: '*' }], all: false, reexport: false },
      { specifier: './m', bindings: [{ local: 'a', imported: 'a' }, { local: 'c', imported: 'b' }], all: false, reexport: false },
    ]);
  });

  it('Python: modules, relative imports, aliases and star imports', async () => {
    const found = await imports('python', 'import os.path, json as j\nfrom . import events, tasks as t\nfrom ..log import logger\nfrom .base import *\n');
    assert.deepEqual(found, [
      { specifier: 'os.path', bindings: [{ local: 'os.path', imported: '*' }], all: false, reexport: false },
      { specifier: 'json', bindings: [{ local: 'j', imported: '*' }], all: false, reexport: false },
      { specifier: '.', bindings: [{ local: 'events', imported: 'events' }, { local: 't', imported: 'tasks' }], all: false, reexport: false },
      { specifier: '..log', bindings: [{ local: 'logger', imported: 'logger' }], all: false, reexport: false },
      { specifier: '.base', bindings: [], all: true, reexport: false },
    ]);
  });

  it('Go: packages by their last path element or alias; dot imports bring every name', async () => {
    const found = await imports('go', 'package p\nimport (\n  "example.com/app/store"\n  h "example.com/app/http"\n  . "example.com/app/util"\n  _ "embed"\n)\n');
    assert.deepEqual(found, [
      { specifier: 'example.com/app/store', bindings: [{ local: 'store', imported: '*' }], all: false, reexport: false },
      { specifier: 'example.com/app/http', bindings: [{ local: 'h', imported: '*' }], all: false, reexport: false },
      { specifier: 'example.com/app/util', bindings: [], all: true, reexport: false },
    ]);
  });

  it('Rust: use trees are flattened; mod declarations bind the module', async () => {
    const found = await imports('rust', 'use crate::model::{User, store::Store as S};\nuse super::util::*;\nmod parse;\n');
    assert.deepEqual(found, [
      { specifier: 'crate::model', bindings: [{ local: 'User', imported: 'User' }], all: false, reexport: false },
      { specifier: 'crate::model::store', bindings: [{ local: 'S', imported: 'Store' }], all: false, reexport: false },
      { specifier: 'super::util', bindings: [], all: true, reexport: false },
      { specifier: 'self::parse', bindings: [{ local: 'parse', imported: '*' }], all: false, reexport: false },
    ]);
  });

  it('Java, C, C#, Ruby and PHP: what each statement names', async () => {
    assert.deepEqual(await imports('java', 'package a;\nimport com.acme.model.User;\nimport static com.acme.Util.parse;\nimport com.acme.io.*;\n'), [
      { specifier: 'com.acme.model.User', bindings: [{ local: 'User', imported: 'User' }], all: false, reexport: false },
      { specifier: 'com.acme.Util', bindings: [{ local: 'parse', imported: 'parse' }], all: false, reexport: false },
      { specifier: 'com.acme.io', bindings: [], all: true, reexport: false },
    ]);
    assert.deepEqual(await imports('c', '#include "util/list.h"\n#include <stdio.h>\n'), [
      { specifier: 'util/list.h', bindings: [], all: true, reexport: false },
      { specifier: 'stdio.h', bindings: [], all: true, reexport: false },
    ]);
    assert.deepEqual(await imports('csharp', 'using Acme.Models;\nusing Json = Acme.Text.Json;\n'), [
      { specifier: 'Acme.Models', bindings: [], all: true, reexport: false },
      { specifier: 'Acme.Text.Json', bindings: [{ local: 'Json', imported: 'Json' }], all: false, reexport: false },
    ]);
    assert.deepEqual(await imports('ruby', "require_relative 'models/user'\nrequire 'json'\n"), [
      { specifier: './models/user', bindings: [], all: true, reexport: false },
      { specifier: 'json', bindings: [], all: true, reexport: false },
    ]);
    assert.deepEqual(await imports('php', '<?php\nuse App\\Models\\User;\nuse App\\Http\\{Request, Response as Res};\nrequire_once "lib/util.php";\n'), [
      { specifier: 'App\\Models\\User', bindings: [{ local: 'User', imported: 'User' }], all: false, reexport: false },
      { specifier: 'App\\Http\\Request', bindings: [{ local: 'Request', imported: 'Request' }], all: false, reexport: false },
      { specifier: 'App\\Http\\Response', bindings: [{ local: 'Res', imported: 'Response' }], all: false, reexport: false },
      { specifier: 'lib/util.php', bindings: [], all: true, reexport: false },
    ]);
  });
});
