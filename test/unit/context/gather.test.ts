import * as assert from 'node:assert/strict';
import type { ContextSnippet } from '../../../src/context/snippets/snippet';
import { FileIndexCache } from '../../../src/context/imports/fileIndexCache';
import { gatherContext, type GatherOptions } from '../../../src/context/gather';
import { MemoryFiles, snapshotOf, testParsers } from './helpers';

const TAKE = `import { Observable } from '../Observable';

/**
 * Emits only the first count values.
 */
export function take<T>(count: number): (source: Observable<T>) => Observable<T> {
  return (source) => source;
}
`;

describe('context: gathering the snippets a completion prompt carries', function () {
  this.timeout(30000);
  const parsers = testParsers();
  after(() => parsers.dispose());

  async function gather(files: MemoryFiles, path: string, marked: string, options: Partial<GatherOptions> = {}) {
    return gatherContext(snapshotOf(path, marked), files, parsers, { budgetTokens: 1024, cache: new FileIndexCache(parsers), ...options });
  }

  /** The snippet holding `line` (verbatim) from `path`, if any. */
  const holding = (snippets: ContextSnippet[], path: string, line: string) => snippets.find((s) => s.path === path && s.text.split('\n').includes(line));

  it('brings the definition of an imported function used at the cursor, not its whole file', async () => {
    const files = new MemoryFiles({ 'src/operators/take.ts': TAKE, 'src/Observable.ts': 'export class Observable<T> {}\n' });
    const { snippets, tokens } = await gather(files, 'src/operators/first.ts', `import { take } from './take';\n\nexport function first<T>() {\n  return take<T>(█);\n}\n`);
    const take = holding(snippets, 'src/operators/take.ts', 'export function take<T>(count: number): (source: Observable<T>) => Observable<T> {');
    assert.ok(take, JSON.stringify(snippets, null, 1));
    assert.equal(take.source, 'imports');
    assert.equal(take.startLine, 6, '1-based lines of the definition');
    assert.ok(!take.text.includes('import { Observable }'), 'the definition, not the file');
    assert.ok(tokens <= 1024);
  });

  it('follows re-exports (index files, `export *`, `.js` names of `.ts` sources)', async () => {
    const files = new MemoryFiles({
      'src/index.ts': "export * from './operators/index.js';\nexport { Observable as Stream } from './Observable';\n",
      'src/operators/index.ts': "export { take } from './take';\n",
      'src/operators/take.ts': TAKE,
      'src/Observable.ts': 'export class Observable<T> {\n  subscribe(): void {}\n}\n',
      'src/Scheduler.ts': 'class Scheduler {\n  now(): number {\n    return 0;\n  }\n}\nexport default Scheduler;\n',
    });
    const { snippets } = await gather(files, 'src/app.ts', `import { take, Stream } from './index.js';\nimport Clock from './Scheduler';\n\nconst s: Stream<number> = take(1)(█);\n`);
    assert.ok(holding(snippets, 'src/operators/take.ts', 'export function take<T>(count: number): (source: Observable<T>) => Observable<T> {'));
    assert.ok(holding(snippets, 'src/Observable.ts', 'export class Observable<T> {'), 'an alias is looked up by its original name');
    assert.ok(holding(snippets, 'src/Scheduler.ts', 'class Scheduler {'), 'a default import is the default export');
  });

  it('when the cursor names nothing yet (a line was removed), an import not used elsewhere is the first guess', async () => {
    const constants = Array.from({ length: 40 }, (_, i) => `export const Constant${i} = ${i};`).join('\n');
    const files = new MemoryFiles({ 'constants.js': `${constants}\nexport const LinearFilter = 1006;\n` });
    const uses = Array.from({ length: 40 }, (_, i) => `t.c${i} = Constant${i};`).join('\n');
    const imported = Array.from({ length: 40 }, (_, i) => `Constant${i}`).join(', ');
    const { snippets } = await gather(files, 'texture.js', `import { ${imported}, LinearFilter } from './constants.js';\n${uses}\n\nt.wrap = true;\nt.flipY = false;\nt.minFilter = █;\n`, { budgetTokens: 60 });
    assert.equal(snippets[0]?.text, 'export const LinearFilter = 1006;');
  });

  it('Python: members used through a module import, and names imported from a module', async () => {
    const files = new MemoryFiles({
      'pkg/__init__.py': '',
      'pkg/tasks.py': 'import os\n\nasync def sleep(delay, result=None):\n    """Sleep."""\n    return result\n\ndef gather(*aws):\n    pass\n',
      'pkg/log.py': 'import logging\n\nlogger = logging.getLogger(__package__)\n',
    });
    const { snippets } = await gather(files, 'pkg/runner.py', 'from . import tasks\nfrom .log import logger\n\nasync def run():\n    logger.debug("start")\n    await tasks.sleep(█)\n');
    assert.ok(holding(snippets, 'pkg/tasks.py', 'async def sleep(delay, result=None):'));
    assert.ok(holding(snippets, 'pkg/log.py', 'logger = logging.getLogger(__package__)'));
  });

  it('Python: right after `module.`, the module outline lists what it offers', async () => {
    const files = new MemoryFiles({ 'pkg/__init__.py': '', 'pkg/events.py': 'class Handle:\n    pass\n\ndef get_running_loop():\n    return None\n\ndef new_event_loop():\n    return None\n' });
    const { snippets } = await gather(files, 'pkg/main.py', 'from . import events\n\nloop = events.█\n');
    const outline = snippets.find((s) => s.source === 'module');
    assert.ok(outline, JSON.stringify(snippets));
    assert.deepEqual(outline.text.split('\n'), ['class Handle:', '    ...', 'def get_running_loop():', '    ...', 'def new_event_loop():']);
  });

  it('adds the signature of an enclosing scope the prompt no longer shows', async () => {
    const body = Array.from({ length: 50 }, (_, i) => `    const v${i} = ${i};`).join('\n');
    const marked = `export class Cart {\n  total(items: Item[], discount: number): number {\n${body}\n    █\n  }\n}\n`;
    const snapshot = snapshotOf('cart.ts', marked);
    const window = { start: snapshot.text.indexOf('    const v40'), end: snapshot.text.length };
    const { snippets } = await gather(new MemoryFiles({}), 'cart.ts', marked, { window });
    assert.deepEqual(
      snippets.filter((s) => s.source === 'scope').map((s) => [s.text, s.startLine]),
      [
        ['export class Cart {', 1],
        ['  total(items: Item[], discount: number): number {', 2],
      ],
    );
    const all = await gather(new MemoryFiles({}), 'cart.ts', marked, { window: { start: 0, end: snapshot.text.length } });
    assert.equal(all.snippets.filter((s) => s.source === 'scope').length, 0, 'a signature the prefix shows is not repeated');
  });

  it('brings windows of recent files that look like the code at the cursor', async () => {
    const similar = 'function total(cart) {\n  let sum = 0;\n  for (const item of cart.items) sum += item.price * item.quantity;\n  return sum;\n}\n';
    const files = new MemoryFiles({ 'lib/other.js': similar, 'lib/noise.js': 'export const a = 1;\n' }, ['lib/other.js', 'lib/noise.js']);
    const { snippets } = await gather(files, 'lib/cart.js', 'function subtotal(cart) {\n  let sum = 0;\n  for (const item of cart.items) █\n', { retrievers: ['similar'] });
    assert.equal(snippets[0]?.path, 'lib/other.js');
    assert.equal(snippets[0]?.source, 'similar');
  });

  it('caps the work of one request, and reuses indexes while the files are unchanged', async () => {
    const modules = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}.ts`, `export function f${i}(x: number): number {\n  return x;\n}\n`]));
    const imports = Array.from({ length: 10 }, (_, i) => `import { f${i} } from './m${i}';`).join('\n');
    const marked = `${imports}\n${Array.from({ length: 10 }, (_, i) => `f${i}(1);`).join('\n')}\n█\n`;
    const files = new MemoryFiles(modules);
    const moduleReads = () => files.readPaths.splice(0).filter((p) => /^m\d\.ts$/.test(p)).length;
    let clock = 0;
    const cache = new FileIndexCache(parsers, 100, () => clock);
    const capped = await gather(files, 'app.ts', marked, { cache, work: { filesLeft: 3 } });
    assert.equal(moduleReads(), 3);
    assert.equal(capped.snippets.length, 3);
    const full = await gather(files, 'app.ts', marked, { cache });
    assert.equal(full.snippets.length, 10);
    assert.equal(moduleReads(), 7, 'the three indexed a moment ago are not read again');
    await gather(files, 'app.ts', marked, { cache });
    assert.equal(moduleReads(), 0);
    clock += 60_000;
    files.files['m0.ts'] = 'export function f0(renamed: string): string {\n  return renamed;\n}\n';
    const later = await gather(files, 'app.ts', marked, { cache });
    assert.equal(moduleReads(), 10, 'after a while each file is checked again');
    assert.ok(holding(later.snippets, 'm0.ts', 'export function f0(renamed: string): string {'), 'and a changed file is indexed again');
  });

  it('stops when the request is cancelled', async () => {
    const files = new MemoryFiles({ 'src/operators/take.ts': TAKE });
    const controller = new AbortController();
    controller.abort();
    const { snippets } = await gather(files, 'src/operators/first.ts', `import { take } from './take';\ntake(█);\n`, { signal: controller.signal });
    assert.deepEqual(snippets, []);
    assert.equal(files.reads, 0);
  });

  describe('the other shipped languages', () => {
    const cases: { name: string; files: Record<string, string>; path: string; marked: string; expect: [string, string] }[] = [
      {
        name: 'Go: a package imported by module path, and the rest of the own package',
        files: {
          'go.mod': 'module example.com/shop\n',
          'store/store.go': 'package store\n\n// Open opens the store.\nfunc Open(path string) (*DB, error) {\n\treturn nil, nil\n}\n',
          'cmd/helpers.go': 'package main\n\nfunc parseFlags() []string {\n\treturn nil\n}\n',
        },
        path: 'cmd/main.go',
        marked: 'package main\n\nimport "example.com/shop/store"\n\nfunc main() {\n\targs := parseFlags()\n\tdb, err := store.Open(█)\n}\n',
        expect: ['store/store.go', 'func Open(path string) (*DB, error) {'],
      },
      {
        name: 'Rust: use crate:: paths',
        files: { 'src/model.rs': 'pub struct User {\n    pub id: u32,\n}\n\npub fn load(id: u32) -> User {\n    User { id }\n}\n' },
        path: 'src/main.rs',
        marked: 'mod model;\nuse crate::model::load;\n\nfn main() {\n    let u = load(█);\n}\n',
        expect: ['src/model.rs', 'pub fn load(id: u32) -> User {'],
      },
      {
        name: 'Java: an imported class',
        files: { 'src/main/java/com/acme/model/User.java': 'package com.acme.model;\n\npublic class User {\n    public String name() { return ""; }\n}\n' },
        path: 'src/main/java/com/acme/App.java',
        marked: 'package com.acme;\n\nimport com.acme.model.User;\n\nclass App {\n    void run(User u) {\n        u.█\n    }\n}\n',
        expect: ['src/main/java/com/acme/model/User.java', 'public class User {'],
      },
      {
        name: 'C: a function declared in an included header',
        files: { 'src/list.h': '#ifndef LIST_H\n#define LIST_H\ntypedef struct node node_t;\nint list_len(const node_t *head);\n#endif\n' },
        path: 'src/main.c',
        marked: '#include "list.h"\n\nint main(void) {\n  return list_len(█);\n}\n',
        expect: ['src/list.h', 'int list_len(const node_t *head);'],
      },
      {
        name: 'C#: a type of an imported namespace folder',
        files: { 'Models/User.cs': 'namespace Shop.Models {\n  public class User {\n    public int Id { get; set; }\n  }\n}\n' },
        path: 'Services/UserService.cs',
        marked: 'using Shop.Models;\n\nclass UserService {\n  User Find(int id) {\n    return new User(█);\n  }\n}\n',
        expect: ['Models/User.cs', '  public class User {'],
      },
      {
        name: 'Ruby: a class from require_relative',
        files: { 'lib/cart.rb': 'class Cart\n  def add(item)\n    @items << item\n  end\nend\n' },
        path: 'lib/shop.rb',
        marked: "require_relative 'cart'\n\ncart = Cart.new\ncart.add(█)\n",
        expect: ['lib/cart.rb', 'class Cart'],
      },
      {
        name: 'PHP: a class by its namespace (PSR-4)',
        files: { 'composer.json': '{"autoload": {"psr-4": {"App\\\\": "src/"}}}', 'src/Models/User.php': '<?php\nnamespace App\\Models;\n\nclass User {\n    public function name(): string { return ""; }\n}\n' },
        path: 'src/Http/Controller.php',
        marked: '<?php\nnamespace App\\Http;\n\nuse App\\Models\\User;\n\nfunction show(User $u) {\n    return $u->█;\n}\n',
        expect: ['src/Models/User.php', 'class User {'],
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const { snippets } = await gather(new MemoryFiles(c.files), c.path, c.marked);
        assert.ok(holding(snippets, ...c.expect), JSON.stringify(snippets, null, 1));
      });
    }
  });
});
