import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { runtimeClosure, SRC } from './runtimeClosure';

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe('architecture: activation loads the first step only (src/extension.ts)', () => {
  it('the activation entry reaches nothing but vscode, Node built-ins and src/vscode/activation/', () => {
    const reached = [...runtimeClosure(join(SRC, 'extension.ts'))].filter((m) => m !== join(SRC, 'extension.ts'));
    const outside = reached.filter((m) => m !== 'vscode' && !BUILTINS.has(m) && !m.startsWith(join(SRC, 'vscode', 'activation') + '/'));
    assert.deepEqual(outside.map((m) => (m.startsWith(SRC) ? relative(SRC, m) : m)), [], 'a module outside the first step would be evaluated at activation');
    assert.ok(reached.includes(join(SRC, 'vscode', 'activation', 'placeholders.ts')), 'the closure was followed');
  });

  it('the rest is loaded at run time from its own bundle, not imported (which would bundle it into the first step)', () => {
    const source = readFileSync(join(SRC, 'extension.ts'), 'utf8');
    assert.match(source, /require\(join\(__dirname, 'composition\.js'\)\)/);
    assert.ok(!runtimeClosure(join(SRC, 'extension.ts')).has(join(SRC, 'composition.ts')));
  });

  it('the rest is where the work is: its closure holds the completion pipeline and the adapters', () => {
    const rest = runtimeClosure(join(SRC, 'composition.ts'));
    for (const module of ['completion/service.ts', 'vscode/completions.ts', 'vscode/chat/index.ts']) assert.ok(rest.has(join(SRC, module)), module);
  });
});
