import * as assert from 'node:assert/strict';
import { parseAnswer, pickReplacement } from '../../../src/commands/answer';
import type { CommandTarget } from '../../../src/commands/types';

const target = (name?: string): CommandTarget => ({ start: 0, end: 10, startLine: 1, endLine: 3, text: 'function total() {}', kind: 'function', ...(name ? { name } : {}) });

describe('commands: reading code out of the answer', () => {
  it('a fenced block with prose around it', () => {
    const parsed = parseAnswer('Here is the simpler version:\n\n```ts\nfunction total() {\n  return 1;\n}\n```\n\nIt returns directly.\n');
    assert.deepEqual(parsed.blocks, [{ language: 'ts', code: 'function total() {\n  return 1;\n}', closed: true }]);
    assert.equal(parsed.prose, 'Here is the simpler version:\n\nIt returns directly.');
  });

  it('tilde fences, fences without a language, longer fences holding ``` inside, CRLF', () => {
    const parsed = parseAnswer('~~~\nplain\n~~~\r\n````markdown\nuse ```js\n````\n');
    assert.deepEqual(parsed.blocks, [
      { code: 'plain', closed: true },
      { language: 'markdown', code: 'use ```js', closed: true },
    ]);
  });

  it('an info string with attributes keeps only the language; an indented fence loses its indentation', () => {
    const parsed = parseAnswer('1. Change it:\n   ```Python title="a.py"\n   def f():\n       return 1\n   ```\n');
    assert.deepEqual(parsed.blocks, [{ language: 'python', code: 'def f():\n    return 1', closed: true }]);
  });

  it('the last fence still open while the answer streams', () => {
    const parsed = parseAnswer('Cause: off by one.\n```go\nfor i := 0; i < n; i++ {\n');
    assert.deepEqual(parsed.blocks, [{ language: 'go', code: 'for i := 0; i < n; i++ {\n', closed: false }]);
    assert.equal(parsed.prose, 'Cause: off by one.');
  });

  it('several blocks: the one naming the target wins over a larger one and over usage examples', () => {
    const answer = [
      'First the helper:',
      '```ts',
      'function helperThatIsQuiteALotLongerThanTheOther(values: number[]): number {',
      '  return values.reduce((a, b) => a + b, 0);',
      '}',
      '```',
      'Then:',
      '```ts',
      'function total() { return helperThatIsQuiteALotLongerThanTheOther([]); }',
      '```',
      'Run it:',
      '```bash',
      'npx tsx total.ts',
      '```',
    ].join('\n');
    assert.equal(pickReplacement(answer, target('total'), 'typescript'), 'function total() { return helperThatIsQuiteALotLongerThanTheOther([]); }');
    assert.equal(pickReplacement(answer, target(), 'typescript'), 'function helperThatIsQuiteALotLongerThanTheOther(values: number[]): number {\n  return values.reduce((a, b) => a + b, 0);\n}', 'no name: the largest');
  });

  it('the same language beats an untagged block; blocks in another language, shell or diff are never the replacement', () => {
    assert.equal(pickReplacement('```\nsomething else entirely\n```\n```python\ndef f(): pass\n```', target(), 'python'), 'def f(): pass');
    assert.equal(pickReplacement('```sh\npip install x\n```\n```diff\n-a\n+b\n```', target(), 'python'), undefined);
    assert.equal(pickReplacement('```javascript\nconst x = 1;\n```', target(), 'python'), undefined);
    assert.equal(pickReplacement('```js\nconst x = 1;\n```', target(), 'javascript'), 'const x = 1;');
    assert.equal(pickReplacement('```tsx\nconst A = () => <b/>;\n```', target(), 'typescriptreact'), 'const A = () => <b/>;');
  });

  it('an unfenced answer is the code when it reads as code, and nothing when it reads as prose', () => {
    assert.equal(pickReplacement('\nfunction total() {\n  return 1;\n}\n\n', target('total'), 'typescript'), 'function total() {\n  return 1;\n}');
    assert.equal(pickReplacement('The function adds the prices of the items.\nIt returns a number.', target('total'), 'typescript'), undefined);
    assert.equal(pickReplacement('', target(), 'typescript'), undefined);
    // Sentences with a colon or commas inside are still prose (a Debug analysis without a fix).
    assert.equal(pickReplacement('The JSON text is malformed: validate it before parsing.', target('parse'), 'typescript'), undefined);
    assert.equal(pickReplacement('Check the input, then call parse again.', target('parse'), 'typescript'), undefined);
    // Code with a capitalised sentence inside a docstring stays code.
    const code = 'def total(xs):\n    """Return the sum of all the items."""\n    return sum(xs)';
    assert.equal(pickReplacement(code, target('total'), 'python'), code);
  });

  it('accepts an already parsed answer', () => {
    assert.equal(pickReplacement(parseAnswer('```rust\nfn a() {}\n```'), target(), 'rust'), 'fn a() {}');
  });
});
