import * as assert from 'node:assert/strict';
import type { Codebase } from '../../../src/codebase/codebase';
import { gatherContext } from '../../../src/context/gather';
import { FileIndexCache } from '../../../src/context/imports/fileIndexCache';
import { declaredNames, namesNearCursor, RepositoryRetriever } from '../../../src/context/repository';
import { snapshotOf, testParsers, withCursor } from './helpers';
import { tempCodebase, type TempCodebase } from '../commands/tempCodebase';

// Browser scripts share globals without imports — the imports retriever cannot reach them.
const MONEY_JS = '// Cents as a decimal amount with its currency.\nfunction formatMoney(cents, currency) {\n  return (cents / 100).toFixed(2) + " " + currency;\n}\n';
const TAX_JS = 'function applyTax(cents) {\n  return Math.round(cents * 1.2);\n}\n';
const CART_JS = 'function total(items) {\n  let sum = 0;\n  for (const c of items) sum += c;\n  return formatMoney(applyTax(sum), █);\n}\n';
// Go: a package's other files, which the imports retriever reads itself (the repository adds nothing twice).
const MONEY_GO = 'package shop\n\n// FormatMoney writes cents as a decimal amount with its currency.\nfunc FormatMoney(cents int, currency string) string {\n\treturn fmt.Sprintf("%d.%02d %s", cents/100, cents%100, currency)\n}\n';
const TAX_GO = 'package shop\n\nfunc ApplyTax(cents int) int {\n\treturn cents * 120 / 100\n}\n';
const CART_GO = 'package shop\n\nfunc Total(items []int) string {\n\tsum := 0\n\tfor _, c := range items {\n\t\tsum += c\n\t}\n\treturn FormatMoney(ApplyTax(sum), █)\n}\n';

describe('context: the repository retriever (definitions from the codebase index, never waited on)', function () {
  this.timeout(30000);
  const parsers = testParsers();
  let workspace: TempCodebase;
  before(async () => {
    workspace = await tempCodebase({ 'shop/money.go': MONEY_GO, 'shop/tax.go': TAX_GO, 'shop/cart.go': CART_GO.replace('█', ''), 'web/money.js': MONEY_JS, 'web/tax.js': TAX_JS, 'web/cart.js': CART_JS.replace('█', '') }, parsers);
  });
  after(() => {
    workspace.dispose();
    parsers.dispose();
  });
  const gather = (repository: RepositoryRetriever | undefined, budgetTokens = 1024, marked = CART_JS, path = 'web/cart.js') =>
    gatherContext(snapshotOf(path, marked), workspace.files, parsers, { budgetTokens, cache: new FileIndexCache(parsers), repository });

  it('a request takes what the cache holds; the names it lacks are looked up for the next one', async () => {
    const repository = new RepositoryRetriever(() => workspace.codebase);
    try {
      const first = await gather(repository);
      assert.ok(!first.snippets.some((s) => s.source === 'repository'), 'the first request does not wait for the index');
      await repository.settled();
      const next = await gather(repository);
      const found = next.snippets.filter((s) => s.source === 'repository');
      assert.deepEqual(found.map((s) => s.path).sort(), ['web/money.js', 'web/tax.js'], JSON.stringify(next.snippets, null, 1));
      assert.ok(found.find((s) => s.path === 'web/money.js')!.text.includes('function formatMoney(cents, currency) {'));
      assert.ok(next.tokens <= 1024);
      assert.ok(!(await gather(undefined)).snippets.some((s) => s.source === 'repository'), 'without the retriever, as before');
    } finally {
      repository.dispose();
    }
  });

  it('what the imports retriever finds already is not added again', async () => {
    const repository = new RepositoryRetriever(() => workspace.codebase);
    try {
      await gather(repository, 1024, CART_GO, 'shop/cart.go');
      await repository.settled();
      assert.ok(repository.candidates(snapshotOf('shop/cart.go', CART_GO)).length >= 2, 'the index has both');
      const { snippets } = await gather(repository, 1024, CART_GO, 'shop/cart.go');
      assert.ok(snippets.some((s) => s.source === 'imports' && s.path === 'shop/money.go'));
      assert.ok(!snippets.some((s) => s.source === 'repository'), JSON.stringify(snippets, null, 1));
    } finally {
      repository.dispose();
    }
  });

  it('repository snippets compete in the budget: a small one keeps to it (signatures only, or fewer)', async () => {
    const repository = new RepositoryRetriever(() => workspace.codebase);
    try {
      await gather(repository);
      await repository.settled();
      for (const budget of [24, 48, 96]) {
        const { snippets, tokens } = await gather(repository, budget);
        assert.ok(tokens <= budget, `${tokens} > ${budget}`);
        for (const s of snippets.filter((x) => x.source === 'repository')) assert.ok(s.text.split('\n').length <= 4 || budget >= 96, `${budget}: ${s.text}`);
      }
    } finally {
      repository.dispose();
    }
  });

  it('an index that never answers costs the request nothing and finds nothing; no index, no retriever', async () => {
    const stuck: Codebase = { search: () => new Promise(() => {}), definitions: () => new Promise(() => {}), usages: () => new Promise(() => {}), unknownNames: () => new Promise(() => {}) };
    const repository = new RepositoryRetriever(() => stuck);
    try {
      for (let i = 0; i < 3; i++) assert.ok(!(await gather(repository)).snippets.some((s) => s.source === 'repository'));
    } finally {
      repository.dispose();
    }
    const none = new RepositoryRetriever(() => undefined);
    assert.deepEqual(none.candidates(snapshotOf('web/cart.js', CART_JS)), []);
    none.dispose();
  });

  it('definitions in the current file are dropped (the prompt has the file)', async () => {
    const repository = new RepositoryRetriever(() => workspace.codebase);
    try {
      const marked = 'package shop\n\nfunc Again() string {\n\treturn Total(nil) + █\n}\n';
      repository.candidates(snapshotOf('shop/cart.go', marked));
      await repository.settled();
      assert.deepEqual(repository.candidates(snapshotOf('shop/cart.go', marked)), [], 'Total is defined in shop/cart.go itself');
      assert.equal(repository.candidates(snapshotOf('shop/other.go', marked))[0]?.path, 'shop/cart.go');
    } finally {
      repository.dispose();
    }
  });

  it('namesNearCursor: called and type-like names near the cursor, nearest first, not declared ones, keywords or comments', () => {
    const { text, offset } = withCursor('import os\n\n# Returns The Total\ndef report(rows):\n    data = Loader(rows)\n    value = helper(data)\n    out = local_fn(value)\n    return render(█)\n');
    const names = namesNearCursor(text, offset, declaredNames(text + '\ndef local_fn(x):\n    pass\n'));
    assert.deepEqual(names.map((n) => n.name), ['render', 'helper', 'Loader']);
    assert.ok(names[0].score > names[1].score && names[1].score > names[2].score);
  });

  it('declaredNames: functions, classes, types and variables in the common forms', () => {
    const names = declaredNames('function a() {}\nclass B {}\ndef c():\nfunc (s *S) d() {}\nfn e()\nconst f = 1;\ntype G = {};\ninterface H {}\n');
    for (const n of ['a', 'B', 'c', 'd', 'e', 'f', 'G', 'H']) assert.ok(names.has(n), n);
  });
});
