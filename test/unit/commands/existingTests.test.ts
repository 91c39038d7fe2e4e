import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { findExistingTests, isTestPath, testedStem, testPathCandidates } from '../../../src/commands/existingTests';
import { prepareCommand } from '../../../src/commands/prepare';
import { EXISTING_TESTS_HEADING, existingTestsSection, testsContext } from '../../../src/commands/testsContext';
import { estimateTokens } from '../../../src/text/tokens';
import { snapshotOf, testParsers } from '../context/helpers';
import { tempCodebase, type TempCodebase } from './tempCodebase';

const ROOT = resolve(__dirname, '../../..');
const readPrompt = async (relPath: string) => (relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined);

const PRICE_TS = 'export function totalPrice(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n';
const VITEST = "import { describe, expect, it } from 'vitest';\nimport { totalPrice } from '../price';\nimport { makeCart } from './helpers';\n\ndescribe('totalPrice', () => {\n  it('sums', () => {\n    expect(totalPrice(makeCart([1, 2]))).toBe(3);\n  });\n});\n";

describe('commands: the existing tests of a module (Generate Tests)', function () {
  this.timeout(30000);
  const parsers = testParsers();
  const opened: TempCodebase[] = [];
  const open = async (files: Record<string, string>) => {
    const w = await tempCodebase(files, parsers);
    opened.push(w);
    return w;
  };
  afterEach(() => opened.splice(0).forEach((w) => w.dispose()));
  after(() => parsers.dispose());

  it('knows test files by folder and name across languages, and the module they name', () => {
    for (const p of ['src/a.test.ts', 'src/a.spec.jsx', 'src/__tests__/a.ts', 'tests/test_a.py', 'pkg/a_test.go', 'src/test/java/ATest.java', 'spec/a_spec.rb', 'test/unit/a.ts']) assert.ok(isTestPath(p), p);
    for (const p of ['src/a.ts', 'src/contest.py', 'src/latest.go', 'src/Testing.java']) assert.ok(!isTestPath(p), p);
    assert.deepEqual(['src/price.test.ts', 'tests/test_price.py', 'price_test.go', 'PriceTest.java', 'PriceTests.cs', 'price_spec.rb', '__tests__/price.ts'].map(testedStem), ['price', 'price', 'price', 'Price', 'Price', 'price', 'price']);
  });

  it('lists the conventional places of a module test, the conventional one first', () => {
    const ts = testPathCandidates('src/cart/price.ts', 'src/cart/price.test.ts');
    assert.equal(ts[0], 'src/cart/price.test.ts');
    for (const p of ['src/cart/price.spec.ts', 'src/cart/__tests__/price.test.ts', 'src/cart/__tests__/price.ts', 'test/cart/price.test.ts', 'test/unit/cart/price.test.ts', 'tests/src/cart/price.spec.ts', 'src/cart/price.test.js']) assert.ok(ts.includes(p), p);
    const py = testPathCandidates('pkg/shop/price.py');
    for (const p of ['pkg/shop/test_price.py', 'tests/pkg/shop/test_price.py', 'tests/shop/test_price.py', 'tests/test_price.py', 'pkg/shop/price_test.py']) assert.ok(py.includes(p), p);
    assert.ok(testPathCandidates('shop/price.go').includes('shop/price_test.go'));
    assert.ok(testPathCandidates('src/main/java/shop/Price.java').includes('src/test/java/shop/PriceTest.java'));
  });

  it('TypeScript: a vitest file in __tests__ is found, the new tests go into it, in its framework (over package.json)', async () => {
    const w = await open({
      'package.json': '{"devDependencies":{"jest":"29.0.0","vitest":"3.0.0"}}',
      'src/price.ts': PRICE_TS,
      'src/__tests__/price.test.ts': VITEST,
    });
    const found = await testsContext({ sourcePath: 'src/price.ts', languageId: 'typescript', targetName: 'totalPrice', files: w.files, codebase: w.codebase });
    assert.deepEqual(found.existing.map((t) => [t.path, t.found]), [['src/__tests__/price.test.ts', 'path']]);
    assert.deepEqual(found.setup, { framework: 'vitest', testPath: 'src/__tests__/price.test.ts', inline: false });
  });

  it('JavaScript: a spec file elsewhere that imports the module is found through the index (its name does not say)', async () => {
    const w = await open({
      'lib/price.js': 'function totalPrice(prices) {\n  return prices.reduce((a, b) => a + b, 0);\n}\nmodule.exports = { totalPrice };\n',
      'test/checkout.spec.js': "const { totalPrice } = require('../lib/price');\nconst assert = require('node:assert');\n\ndescribe('checkout', () => {\n  it('adds', () => assert.equal(totalPrice([1]), 1));\n});\n",
      'test/other.spec.js': "const assert = require('node:assert');\nit('other', () => assert.ok(true));\n",
      // Says the name without importing it: not a test of it.
      'test/mention.spec.js': "const assert = require('node:assert');\n// totalPrice is tested elsewhere\nit('mentions', () => assert.ok('totalPrice'));\n",
      'test/multi.spec.ts': "import {\n  totalPrice,\n} from '../lib/price';\n\nit('multi', () => totalPrice([]));\n",
    });
    const found = await findExistingTests({ sourcePath: 'lib/price.js', targetName: 'totalPrice', files: w.files, codebase: w.codebase });
    assert.deepEqual(found.map((t) => [t.path, t.found]).sort(), [['test/checkout.spec.js', 'imports'], ['test/multi.spec.ts', 'imports']]);
    assert.deepEqual(await findExistingTests({ sourcePath: 'lib/price.js', targetName: 'totalPrice', files: w.files }), [], 'without the index, only conventional paths');
    const setup = (await testsContext({ sourcePath: 'lib/price.js', languageId: 'javascript', targetName: 'totalPrice', files: w.files, codebase: w.codebase })).setup;
    assert.equal(setup.testPath, 'test/price.spec.js', 'a new file in the folder of the tests that import the module, in their .spec style');
  });

  it('Python: tests/…/test_price.py by its path, and a test using the function under another name through the index', async () => {
    const w = await open({
      'shop/price.py': 'def total_price(prices):\n    return sum(prices)\n',
      'tests/shop/test_price.py': 'import pytest\nfrom shop.price import total_price\n\n\ndef test_sum():\n    assert total_price([1, 2]) == 3\n',
      'tests/test_checkout.py': 'from shop import price as p\n\n\ndef test_checkout():\n    assert p.total_price([]) == 0\n',
    });
    const found = await testsContext({ sourcePath: 'shop/price.py', languageId: 'python', targetName: 'total_price', files: w.files, codebase: w.codebase });
    assert.deepEqual(found.existing.map((t) => [t.path, t.found]), [['tests/shop/test_price.py', 'path'], ['tests/test_checkout.py', 'imports']]);
    assert.deepEqual(found.setup, { framework: 'pytest', testPath: 'tests/shop/test_price.py', inline: false });
  });

  it('Go: price_test.go beside the source; without any test the conventional setup stays', async () => {
    const w = await open({ 'shop/price.go': 'package shop\n\nfunc Total(p []int) int {\n\treturn 0\n}\n', 'shop/price_test.go': 'package shop\n\nimport "testing"\n\nfunc TestTotal(t *testing.T) {\n\tif Total(nil) != 0 {\n\t\tt.Fatal("x")\n\t}\n}\n', 'lonely/solo.go': 'package lonely\n\nfunc Solo() int { return 1 }\n' });
    const go = await testsContext({ sourcePath: 'shop/price.go', languageId: 'go', targetName: 'Total', files: w.files, codebase: w.codebase });
    assert.deepEqual(go.existing.map((t) => t.path), ['shop/price_test.go']);
    const none = await testsContext({ sourcePath: 'lonely/solo.go', languageId: 'go', targetName: 'Solo', files: w.files, codebase: w.codebase });
    assert.deepEqual(none.existing, []);
    assert.deepEqual(none.setup, { framework: 'Go testing package (go test)', testPath: 'lonely/solo_test.go', inline: false });
  });

  it('the section stays within its budget, cut at whole lines from the start of each file', () => {
    const long = Array.from({ length: 200 }, (_, i) => `it('case ${i}', () => expect(totalPrice([${i}])).toBe(${i}));`).join('\n');
    const existing = [
      { path: 'src/a.test.ts', found: 'path' as const, text: VITEST + long },
      { path: 'src/b.test.ts', found: 'uses' as const, text: VITEST },
    ];
    for (const budget of [30, 100, 300, 1000]) {
      const text = existingTestsSection(existing, budget);
      assert.ok(estimateTokens(text) <= budget, `${estimateTokens(text)} > ${budget}`);
    }
    const text = existingTestsSection(existing, 400);
    assert.ok(text.startsWith(EXISTING_TESTS_HEADING), text);
    assert.match(text, /`src\/a\.test\.ts` \(lines 1-\d+ of 209\):\n```typescript\nimport \{ describe, expect, it \} from 'vitest';/);
    assert.ok(!text.includes("case 199'"), 'the long file is cut');
  });

  it('Generate Tests prompt: the existing test is in it, the model is told to follow it, and it goes into that file', async () => {
    const w = await open({ 'package.json': '{"devDependencies":{"jest":"29.0.0"}}', 'src/price.ts': PRICE_TS, 'src/__tests__/price.test.ts': VITEST });
    const p = await prepareCommand(
      { kind: 'tests', snapshot: snapshotOf('src/price.ts', PRICE_TS.replace('return', '█return')), settings: { answerLanguage: 'en', audience: 'intermediate', stepByStep: false } },
      { files: w.files, parsers, readPrompt, contextLength: 8192, maxTokens: 1024, codebase: w.codebase },
    );
    const user = p.messages[p.messages.length - 1].content;
    assert.ok(user.includes(EXISTING_TESTS_HEADING), user);
    assert.ok(user.includes("import { makeCart } from './helpers';"), user);
    assert.match(user, /reuse their helpers/);
    assert.match(user, /Use vitest\./);
    assert.ok(user.includes('The tests go into `src/__tests__/price.test.ts`'), user);
    assert.ok(user.includes('But `src/__tests__/price.test.ts` exists already and your code is added at its end: answer with only the new tests'), 'the answer is appended: no second copy of the file');
    assert.deepEqual(p.tests, { framework: 'vitest', testPath: 'src/__tests__/price.test.ts', inline: false });
    assert.equal(p.parts.find((x) => x.name === 'tests')?.included, true);
  });
});
