import * as assert from 'node:assert/strict';
import { indexFile, type FileIndex } from '../../../../src/context/imports/definitions';
import { renderShape } from '../../../../src/context/imports/shapes';
import { testParsers } from '../helpers';

describe('context: definitions a file offers', function () {
  this.timeout(20000);
  const parsers = testParsers();
  after(() => parsers.dispose());

  async function index(languageId: string, text: string, path = 'file'): Promise<FileIndex> {
    const tree = await parsers.parseText(languageId, text);
    assert.ok(tree);
    try {
      return indexFile(tree, path, languageId, text);
    } finally {
      tree.delete();
    }
  }

  /** Each shape of a definition, rendered, richest first. */
  function shapes(ix: FileIndex, name: string): string[] {
    const d = ix.definitions.get(name)?.[0];
    assert.ok(d, `no definition of ${name}; found ${[...ix.definitions.keys()].join(', ')}`);
    return d.shapes.map((s) => renderShape(s, ix.lines).text);
  }

  const names = (ix: FileIndex) => ix.ordered.map((d) => `${d.name}@${d.startLine}`);

  it('TypeScript: exported and local declarations, overloads merged, default export', async () => {
    const ix = await index(
      'typescript',
      [
        "import { x } from './x';",
        'export function map<T>(f: (v: T) => T): T;',
        'export function map(f: any): any {',
        '  return f;',
        '}',
        'export interface Box<T> { value: T }',
        'export type Id = string;',
        'export const LIMIT = 10, OTHER = 2;',
        'class Local {}',
        'export enum Color { Red }',
        'export default Local;',
      ].join('\n'),
    );
    assert.deepEqual(names(ix), ['map@1', 'Box@5', 'Id@6', 'LIMIT@7', 'OTHER@7', 'Local@8', 'Color@9']);
    assert.equal(ix.exportAliases.get('default'), 'Local');
    assert.equal(shapes(ix, 'map')[0], 'export function map<T>(f: (v: T) => T): T;\nexport function map(f: any): any {\n  return f;\n}', 'the overloads and the implementation are one definition');
    assert.deepEqual(ix.imports.map((i) => i.specifier), ['./x']);
  });

  it('a class is shown whole, by its public members, or by its header', async () => {
    const members = Array.from({ length: 12 }, (_, i) => `  method${i}(a: number): number {\n    return a + ${i};\n  }`).join('\n');
    const ix = await index('typescript', `export class Big extends Base {\n  private secret = 1;\n  size: number;\n${members}\n}\n`);
    const [whole, all, few, header] = shapes(ix, 'Big');
    assert.ok(whole.includes('return a + 11;'));
    // The private field left out shows as `...`, like the method bodies.
    assert.ok(all.startsWith('export class Big extends Base {\n  ...\n  size: number;\n  method0(a: number): number {\n    ...\n  method1'), all);
    assert.ok(!all.includes('secret'), 'private members say nothing to callers');
    assert.ok(all.trimEnd().endsWith('}'));
    assert.ok(few.split('\n').length < all.split('\n').length);
    assert.equal(header, 'export class Big extends Base {\n  ...\n}');
  });

  it('a long function is shown by its signature and first lines, or its signature alone', async () => {
    const body = Array.from({ length: 20 }, (_, i) => `    x${i} = ${i}`).join('\n');
    const ix = await index('python', `def long(a, b=1):\n    """Docs first."""\n${body}\n    return a\n`);
    const [whole, preview, signature] = shapes(ix, 'long');
    assert.ok(whole.includes('return a'));
    assert.equal(preview, 'def long(a, b=1):\n    x0 = 0\n    x1 = 1', 'the docstring is skipped');
    assert.equal(signature, 'def long(a, b=1):');
  });

  it('Python: functions, classes (decorated too), module constants, platform variants', async () => {
    const ix = await index('python', 'import os\nlogger = get()\n@dataclass\nclass A(B):\n    x: int = 1\n\nasync def run(loop=None):\n    pass\n\nif os.name == "nt":\n    def pipe(): pass\nelse:\n    def pipe(): pass\n');
    assert.deepEqual(names(ix), ['logger@1', 'A@2', 'run@6', 'pipe@10', 'pipe@12']);
    assert.equal(ix.definitions.get('A')![0].nameLine, 3, 'the name is on the line after the decorator');
  });

  it('JavaScript: CommonJS exports', async () => {
    const ix = await index('javascript', 'function helper() {}\nexports.parse = function (s) { return s; };\nmodule.exports.format = helper;\nfoo.bar = 1;\n');
    assert.deepEqual(names(ix), ['helper@0', 'parse@1', 'format@2']);
  });

  it('Go, Rust, Java, C, C++, C#, Ruby, PHP: the basic definitions', async () => {
    assert.deepEqual(names(await index('go', 'package p\ntype Store struct {\n  n int\n}\nfunc New() *Store { return nil }\nfunc (s *Store) Get() int { return s.n }\nconst Max = 3\n')), ['Store@1', 'New@4', 'Get@5', 'Max@6']);
    assert.deepEqual(names(await index('rust', 'pub struct User { id: u32 }\nimpl User { pub fn new() -> Self { User { id: 0 } } }\npub fn load() {}\npub const MAX: u32 = 3;\npub trait Repo {}\n')), ['User@0', 'User@1', 'load@2', 'MAX@3', 'Repo@4']);
    assert.deepEqual(names(await index('java', 'package a;\npublic class User {\n  private int id;\n  public User(int id) {}\n  public int id() { return id; }\n}\n')), ['User@1', 'id@2', 'id@4']);
    assert.deepEqual(names(await index('c', '#ifndef LIST_H\n#define LIST_H\ntypedef struct node { int v; } node_t;\nint list_len(const node_t *n);\n#define MAX 3\n#endif\n')), ['LIST_H@1', 'node_t@2', 'list_len@3', 'MAX@4']);
    assert.deepEqual(names(await index('cpp', 'namespace app {\nclass Store {\n public:\n  int get() const;\n};\ntemplate <typename T> T twice(T v) { return v + v; }\n}\n')), ['Store@1', 'twice@5']);
    assert.deepEqual(names(await index('csharp', 'namespace App.Models {\n  public class User {\n    public int Id { get; set; }\n  }\n  public enum Role { Admin }\n}\n')), ['User@1', 'Role@4']);
    assert.deepEqual(names(await index('ruby', 'module Shop\n  class Cart\n    def add(item)\n    end\n  end\nend\nLIMIT = 3\n')), ['Shop@0', 'Cart@1', 'LIMIT@6']);
    assert.deepEqual(names(await index('php', '<?php\nnamespace App;\nclass User {\n  public function name() { return 1; }\n}\nfunction helper($x) { return $x; }\n')), ['User@2', 'helper@5']);
  });
});
