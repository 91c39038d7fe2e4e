import * as assert from 'node:assert/strict';
import { addsParseErrors } from '../../../src/commands/syntaxCheck';
import { testParsers } from '../context/helpers';

describe('commands: does the proposed code add parse errors', function () {
  this.timeout(30000);
  const parsers = testParsers();
  after(() => parsers.dispose());

  const DOC = 'export class Cart {\n  total(): number {\n    return 1;\n  }\n}\n';
  const method = { start: DOC.indexOf('total'), end: DOC.indexOf('  }\n}') + 3 };

  it('valid replacement code: no new errors', async () => {
    assert.deepEqual(await addsParseErrors(DOC, method, 'total(): number {\n    return 2;\n  }', 'typescript', parsers), { before: 0, after: 0, adds: false, checked: true });
  });

  it('an unbalanced brace or a broken statement adds errors', async () => {
    const missing = await addsParseErrors(DOC, method, 'total(): number {\n    return 2;\n', 'typescript', parsers);
    assert.equal(missing.before, 0);
    assert.ok(missing.after > 0);
    assert.equal(missing.adds, true);
    const py = 'def f():\n    return 1\n';
    const broken = await addsParseErrors(py, { start: 0, end: py.length - 1 }, 'def f(:\n    return 1', 'python', parsers);
    assert.equal(broken.adds, true);
  });

  it('a document already broken elsewhere is judged by what the edit adds', async () => {
    const doc = 'function a() {\n  return 1;\n}\nfunction b( {\n';
    const target = { start: doc.indexOf('return'), end: doc.indexOf('1;') + 2 };
    const kept = await addsParseErrors(doc, target, 'return 2;', 'javascript', parsers);
    assert.ok(kept.before > 0);
    assert.equal(kept.adds, false);
  });

  it('a language without a grammar is not checked (and not blocked)', async () => {
    assert.deepEqual(await addsParseErrors('x', { start: 0, end: 1 }, '(((', 'plaintext', parsers), { before: 0, after: 0, adds: false, checked: false });
  });
});
