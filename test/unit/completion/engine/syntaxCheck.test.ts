import * as assert from 'node:assert/strict';
import { checkWindow, parseErrorCounter, WINDOW_LINES } from '../../../../src/completion/engine/syntaxCheck';
import { Parsers } from '../../../../src/syntax/parsers';
import { devGrammar } from '../../syntax/grammars';
import { snapshotOf } from '../cursorFixture';

describe('syntaxCheck: parse errors with a completion in place, on a window', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  after(() => parsers.dispose());

  async function errors(doc: string, insert: string, languageId = 'typescript', replaceLength = 0) {
    const snapshot = snapshotOf(doc, languageId);
    const count = parseErrorCounter(snapshot, (await parsers.language(languageId))!, (l, t) => parsers.parse(l, t));
    return count(insert, replaceLength);
  }

  it('counts none for a completion that closes its block, some for one that does not or closes it twice', async () => {
    const doc = 'function a() {}\n\nfunction f() {█\n\nfunction g() {}\n';
    assert.equal(await errors(doc, '\n  return 1;\n}'), 0);
    assert.ok((await errors(doc, '\n  return 1;'))! > 0);
    assert.ok((await errors(doc, '\n  return 1;\n}\n}'))! > 0);
  });

  it('counts the replaced characters as gone', async () => {
    assert.equal(await errors('f(█)\n', 'a);', 'typescript', 1), 0);
    assert.ok((await errors('f(█)\n', 'a);', 'typescript', 0))! > 0);
  });

  it('parses only a window: far code stays out, and a nested window gets its enclosing headers', () => {
    const methods = Array.from({ length: WINDOW_LINES + 50 }, (_, i) => `  m${i}() {}\n`).join('');
    const { text, offset } = snapshotOf(`export class A {\n${methods}  run() {█\n  }\n${methods}}\n`);
    const window = checkWindow(text, offset, 'typescript')!;
    assert.equal(window.head, 'export class A {\n');
    assert.equal(window.tail, '\n}\n');
    assert.ok(window.end - window.start < (2 * WINDOW_LINES + 4) * 12);
    assert.ok(text.slice(window.start, offset).split('\n').length <= WINDOW_LINES + 1);
  });

  it('Ruby: `end` lines close blocks, so the window keeps the top-level `end` and nested headers get theirs', async () => {
    const { text, offset } = snapshotOf('class Greeter\n  def hi\n    1\n  end\n\n  def greet(name)█\n  end\nend\n\nputs 1\n', 'ruby');
    const window = checkWindow(text, offset, 'ruby')!;
    assert.equal(text.slice(window.start, window.end), 'class Greeter\n  def hi\n    1\n  end\n\n  def greet(name)\n  end\nend\n');
    const methods = Array.from({ length: WINDOW_LINES + 50 }, (_, i) => `  def m${i}\n  end\n`).join('');
    const nested = snapshotOf(`class A\n${methods}  def run█\n  end\nend\n`, 'ruby');
    const inner = checkWindow(nested.text, nested.offset, 'ruby')!;
    assert.equal(inner.head, 'class A\n');
    assert.equal(inner.tail, '\nend\n');
    assert.equal(await errors('class Greeter\n  def greet(name)█\n  end\nend\n', '\n    "Hello"', 'ruby'), 0);
  });

  it('gives up (no count) when the enclosing headers cannot be told', () => {
    // The window starts among the continuation lines; the line above them opens no block.
    const { text, offset } = snapshotOf('const total =\n' + '  b +\n'.repeat(WINDOW_LINES + 10) + '  f(█\n');
    assert.equal(checkWindow(text, offset, 'typescript'), undefined);
  });
});
