import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Codebase } from '../../../src/codebase/codebase';
import { CodebaseIndex } from '../../../src/codebase/codebaseIndex';
import type { CodebaseStatus, FolderIndexStatus } from '../../../src/codebase/indexStatus';
import { LocalCodebase } from '../../../src/codebase/localCodebase';
import { syncIndex } from '../../../src/codebase/syncIndex';
import { gatherContext } from '../../../src/context/gather';
import { FileIndexCache } from '../../../src/context/imports/fileIndexCache';
import { declaredNames, indexVersion, namesNearCursor, RepositoryRetriever } from '../../../src/context/repository';
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

  it('a definition renamed or edited in the index is not offered as it was: the cache is forgotten when the index changes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fathom-repo-version-'));
    const index = CodebaseIndex.empty();
    const codebase = new LocalCodebase(root, index);
    let version = 'v1';
    const repository = new RepositoryRetriever(() => codebase, Date.now, () => version);
    try {
      writeFileSync(join(root, 'rates.js'), 'function shippingRateFor(kg) {\n  return kg * 2;\n}\n');
      await syncIndex(root, index, parsers);
      const marked = 'function quote(kg) {\n  return shippingRateFor(█);\n}\n';
      repository.candidates(snapshotOf('quote.js', marked));
      await repository.settled();
      const before = repository.candidates(snapshotOf('quote.js', marked));
      assert.ok(before.some((c) => c.forms[0].text.includes('return kg * 2;')), JSON.stringify(before));

      // The definition is edited and renamed; the index syncs and says so by its new version.
      writeFileSync(join(root, 'rates.js'), 'function shippingRateForParcel(kg) {\n  return kg * 3;\n}\n');
      await syncIndex(root, index, parsers);
      version = 'v2';
      assert.deepEqual(repository.candidates(snapshotOf('quote.js', marked)), [], 'the old definition is not offered once the index changed');
      await repository.settled();
      assert.deepEqual(repository.candidates(snapshotOf('quote.js', marked)), [], 'asked again, the index no longer has the name');
      const renamed = 'function quote(kg) {\n  return shippingRateForParcel(█);\n}\n';
      repository.candidates(snapshotOf('quote.js', renamed));
      await repository.settled();
      assert.ok(repository.candidates(snapshotOf('quote.js', renamed)).some((c) => c.forms[0].text.includes('return kg * 3;')));
    } finally {
      repository.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a lookup answered after the index changed is dropped (it may name what is gone)', async () => {
    type Hits = Awaited<ReturnType<Codebase['definitions']>>;
    const asked: { name: string; answer: (hits: Hits) => void }[] = [];
    const slow: Codebase = { search: async () => [], usages: async () => [], unknownNames: async () => [], definitions: (name) => new Promise<Hits>((answer) => asked.push({ name, answer })) };
    let version = 'v1';
    const repository = new RepositoryRetriever(() => slow, Date.now, () => version);
    try {
      const marked = 'function quote(kg) {\n  return shippingRateFor(█);\n}\n';
      repository.candidates(snapshotOf('quote.js', marked));
      version = 'v2';
      assert.deepEqual(repository.candidates(snapshotOf('quote.js', marked)), []);
      const lookups = asked.filter((a) => a.name === 'shippingRateFor');
      assert.equal(lookups.length, 2, 'the name is asked again of the changed index');
      // The lookup asked of the old index answers late.
      lookups[0].answer([{ path: 'rates.js', startLine: 1, endLine: 3, symbol: 'shippingRateFor', kind: 'function', score: 1, text: 'function shippingRateFor(kg) {\n  return kg * 2;\n}' } as Hits[number]]);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(repository.candidates(snapshotOf('quote.js', marked)), [], 'the answer to the old index is not kept');
    } finally {
      repository.dispose();
    }
  });

  it("indexVersion: changes when a folder syncs or its totals change, or the index goes off; not for a build's progress or vectors", () => {
    const folder = (over: Partial<FolderIndexStatus> = {}): FolderIndexStatus => ({ name: 'app', root: '/w/app', state: 'ready', files: 10, chunks: 40, fromSnapshot: false, complete: true, syncedAt: 1000, ...over });
    const status = (folders: FolderIndexStatus[], over: Partial<CodebaseStatus> = {}): CodebaseStatus => ({ state: 'ready', files: 10, chunks: 40, complete: true, folders, ...over });
    const base = indexVersion(status([folder()]));
    assert.equal(indexVersion(status([folder({ progress: { done: 3, total: 9 }, state: 'building', vectors: 12 })], { state: 'building', progress: { done: 3, total: 9 } })), base);
    assert.notEqual(indexVersion(status([folder({ syncedAt: 2000 })])), base, 'a sync');
    assert.notEqual(indexVersion(status([folder({ chunks: 41 })])), base, 'a chunk more');
    assert.notEqual(indexVersion(status([folder(), folder({ name: 'lib', root: '/w/lib' })])), base, 'a folder added');
    assert.notEqual(indexVersion(status([], { state: 'off', reason: 'disabled' })), indexVersion(status([])), 'turned off');
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
