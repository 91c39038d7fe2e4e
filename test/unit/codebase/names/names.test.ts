import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CodebaseIndex } from '../../../../src/codebase/codebaseIndex';
import { LocalCodebase } from '../../../../src/codebase/localCodebase';
import { DependencyNames } from '../../../../src/codebase/names/dependencyNames';
import { NameTable } from '../../../../src/codebase/names/nameTable';
import { nameFamily, namesOfTree } from '../../../../src/codebase/names/references';
import { standardNames } from '../../../../src/codebase/names/standardNames';
import { distinctNames, findUnknownNames } from '../../../../src/codebase/names/unknownNames';
import { wordsOf } from '../../../../src/codebase/names/words';
import { syncIndex } from '../../../../src/codebase/syncIndex';
import { Parsers } from '../../../../src/syntax/parsers';
import { devGrammar } from '../../syntax/grammars';

describe('codebase names: what proposed code refers to that exists nowhere', function () {
  this.timeout(60000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const open = async () => {
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    return { index, codebase: new LocalCodebase(root, index, { dependencies: new DependencyNames(root, { sitePackages: [`${root}-site`] }) }) };
  };
  const names = async (languageId: string, code: string) => {
    const tree = (await parsers.parseText(languageId, code))!;
    try {
      const found = namesOfTree(tree, nameFamily(languageId)!);
      return { uses: found.uses.map((u) => (u.member ? '.' : '') + u.name), declared: [...found.declared].sort() };
    } finally {
      tree.delete();
    }
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-names-'));
    write('package.json', JSON.stringify({ dependencies: { widgets: '1.0.0' } }));
    write('node_modules/widgets/index.d.ts', 'export declare function makeWidget(size: number): Widget;\nexport interface Widget { resize(by: number): void }\n');
    write('node_modules/unrelated/index.d.ts', 'export declare function notADependency(): void;\n');
    mkdirSync(`${root}-site/shop`, { recursive: true });
    writeFileSync(`${root}-site/shop/__init__.py`, 'def checkout_all(carts):\n    """Every cart, one at a time (the docstring word orderly is prose)."""\n    return [c.pay() for c in carts]\n');
    write('src/price.ts', 'export function totalPrice(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n');
    write('lib/util.py', 'def total_price(prices):\n    return sum(prices)\n');
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(`${root}-site`, { recursive: true, force: true });
  });
  after(() => parsers.dispose());

  it('extracts the names TypeScript refers to, not the ones it declares', async () => {
    const { uses, declared } = await names('typescript', "import { readFile as rf, join } from 'node:path';\nexport function load(path: string, { size = 1 }: Options): Result {\n  const text = rf(path);\n  obj.count = size;\n  return helper(text).parse(obj.total, { key: text });\n}\n");
    assert.deepEqual(uses, ['readFile', 'join', 'Options', 'Result', 'rf', 'path', 'obj', 'size', 'helper', 'text', '.parse', 'obj', '.total', 'text']);
    assert.deepEqual(declared, ['count', 'key', 'load', 'path', 'rf', 'size', 'text']);
  });

  it('extracts the names Python refers to, not the ones it declares', async () => {
    const { uses, declared } = await names('python', 'import os.path\nfrom shop import checkout_all as pay\n\nclass Cart(Base):\n    def add(self, item, qty=1):\n        self.items = os.path.exist(item)\n        total = [i for i in self.items]\n        return pay(total, key=qty)\n');
    assert.deepEqual(uses, ['os', '.path', 'shop', '.checkout_all', 'Base', 'self', 'os', '.path', '.exist', 'item', 'i', 'self', '.items', 'pay', 'total', 'qty']);
    assert.deepEqual(declared, ['Cart', 'add', 'i', 'item', 'items', 'pay', 'qty', 'self', 'total']);
  });

  it('a method cut out of its class (as a Refactor replaces it) yields no made-up empty name', async () => {
    const { uses } = await names('typescript', '  total(prices: number[]): number {\n    return roundToCents(sumOf(prices));\n  }\n');
    assert.deepEqual(uses.filter((u) => u === '' || u === '.'), []);
    assert.ok(uses.includes('sumOf'));
  });

  it('the name table forgets a removed file and keeps a name another file still holds', () => {
    const table = new NameTable();
    table.setFile('a.ts', ['shared', 'onlyA']);
    table.setFile('b.ts', ['shared']);
    table.removeFile('a.ts');
    assert.equal(table.has('onlyA'), false);
    assert.equal(table.has('shared'), true);
    const restored = NameTable.restore(table.snapshot());
    assert.equal(restored.has('shared'), true);
    assert.equal(restored.has('onlyA'), false);
  });

  it('gathers a file\'s words chunk by chunk into one set, in order of first occurrence, as separate sets merged would', () => {
    const chunks = ['const alpha = beta;', 'beta(gamma) «secret:aws:1» $delta', '9lives _under x'.repeat(2)];
    const merged = new Set<string>();
    for (const chunk of chunks) for (const w of wordsOf(chunk)) merged.add(w);
    const into = new Set<string>(['first']);
    for (const chunk of chunks) assert.equal(wordsOf(chunk, into), into);
    assert.deepEqual([...into], ['first', ...merged]);
    assert.deepEqual([...merged], ['const', 'alpha', 'beta', 'gamma', '$delta', 'lives', '_under', 'x9lives', 'x']);
    const table = new NameTable();
    table.setFile('a.ts', into);
    table.setFile('b.ts', ['dup', 'dup', '', 'a\nb']);
    assert.deepEqual(table.namesOf('a.ts'), [...into]);
    assert.deepEqual(table.namesOf('b.ts'), ['dup']);
  });

  it('a redaction placeholder gives the name table no word (its rule names the secret\'s kind)', async () => {
    write('src/hook.ts', "export const HOOK = 'https://discord.com/api/webhooks/367152480166523834/iHVEF_KQ5NPIM8DydGoUca_5seoLbUR-uHTokGV7s1vEozNfFAqa7Im7MHbHPhQ0rj27';\n");
    const { index } = await open();
    const words = index.names.namesOf('src/hook.ts');
    assert.ok(words.includes('HOOK'));
    assert.deepEqual(words.filter((w) => /discord|secret|webhook|iHVEF/i.test(w)), []);
  });

  it('the index keeps the workspace names in its snapshot and drops a deleted file\'s names on the next sync', async () => {
    const { index } = await open();
    assert.equal(index.names.has('totalPrice'), true);
    const restored = CodebaseIndex.restore(JSON.parse(JSON.stringify(index.snapshot())))!;
    assert.equal(restored.names.has('totalPrice'), true);
    rmSync(join(root, 'src/price.ts'));
    await syncIndex(root, restored, parsers);
    assert.equal(restored.names.has('totalPrice'), false);
  });

  it('unknownNames: workspace names, declared dependencies and installed Python packages are known; the rest is not', async () => {
    const { codebase } = await open();
    const unknown = await codebase.unknownNames(['totalPrice', 'total_price', 'makeWidget', 'resize', 'notADependency', 'shop', 'checkout_all', 'orderly', 'inventedHelper']);
    // `unrelated` is installed but not a dependency; a Python package's docstrings are prose, not names.
    assert.deepEqual(unknown, ['notADependency', 'orderly', 'inventedHelper']);
  });

  it('standard names: JavaScript globals, Node modules and the DOM; Python builtins and standard modules', () => {
    for (const name of ['JSON', 'parse', 'readFileSync', 'querySelector', 'Promise']) assert.ok(standardNames('js').has(name), name);
    for (const name of ['print', 'os', 'exists', 'OrderedDict', 'startswith']) assert.ok(standardNames('python').has(name), name);
    for (const name of ['parseSafe', 'joinPaths']) assert.equal(standardNames('js').has(name), false, name);
    assert.equal(standardNames('python').has('exist'), false);
  });

  it('a file checked as its own proposal raises no name (TypeScript and Python)', async () => {
    write('src/cart.ts', "import { totalPrice } from './price';\nimport { makeWidget, type Widget } from 'widgets';\nimport * as fs from 'node:fs';\n\nexport class Cart {\n  private items: number[] = [];\n  private widget: Widget = makeWidget(2);\n  add(price: number): this {\n    this.items.push(price);\n    this.widget.resize(1);\n    return this;\n  }\n  save(path: string): void {\n    fs.writeFileSync(path, JSON.stringify({ total: totalPrice(this.items) }));\n  }\n}\n");
    write('lib/report.py', 'import json\nfrom lib.util import total_price\nfrom shop import checkout_all\n\n\nclass Report:\n    def __init__(self, rows):\n        self.rows = rows\n\n    def render(self):\n        data = {"total": total_price(r.price for r in self.rows)}\n        checkout_all([])\n        return json.dumps(data, indent=2).strip()\n');
    const { index, codebase } = await open();
    for (const [path, languageId] of [['src/cart.ts', 'typescript'], ['lib/report.py', 'python']]) {
      const own = [...index.names.namesOf(path)];
      (index.names as NameTable).removeFile(path);
      const { readFileSync } = await import('node:fs');
      const flagged = await findUnknownNames({ code: readFileSync(join(root, path), 'utf8'), languageId }, { parsers, codebase });
      (index.names as NameTable).setFile(path, own);
      assert.deepEqual(distinctNames(flagged), [], path);
    }
  });

  it('catches invented standard, dependency and workspace names, with where they are', async () => {
    const { codebase } = await open();
    const code = "import * as fs from 'node:fs';\nimport { makeWidget } from 'widgets';\n\nexport function load(path: string) {\n  const w = makeWidget(1);\n  w.growBy(2);\n  return JSON.parseSafe(fs.readFileAsync(path)) ?? totalPrices([]);\n}\n";
    const flagged = await findUnknownNames({ code, languageId: 'typescript' }, { parsers, codebase });
    assert.deepEqual(distinctNames(flagged), ['growBy', 'parseSafe', 'readFileAsync', 'totalPrices']);
    assert.equal(code.slice(flagged[1].start, flagged[1].end), 'parseSafe');
    const py = await findUnknownNames({ code: 'import os\nfrom shop import checkout_every\n\ndef f(p):\n    return os.path.exist(p) and total_prices([])\n', languageId: 'python' }, { parsers, codebase });
    assert.deepEqual(distinctNames(py), ['checkout_every', 'exist', 'total_prices']);
  });

  it('names of the target file, names made from strings, env variables and uninstalled packages are not flagged; other languages are not checked', async () => {
    const { codebase } = await open();
    const check = (code: string, languageId = 'typescript', fileText?: string) => findUnknownNames({ code, languageId, fileText }, { parsers, codebase }).then(distinctNames);
    assert.deepEqual(await check('localHelper(1);', 'typescript', 'function localHelper(n: number) {}\n'), []);
    assert.deepEqual(await check("parser.add_argument('--json-lines')\nprint(options.json_lines)\n", 'python'), []);
    assert.deepEqual(await check('const port = process.env.FATHOM_PORT;'), []);
    assert.deepEqual(await check("import { zodThing } from 'zod/v3';\nzodThing.parseDeep(1);\n"), []);
    assert.deepEqual(await check('package main\nfunc main() { inventedGoCall() }\n', 'go'), []);
  });
});
