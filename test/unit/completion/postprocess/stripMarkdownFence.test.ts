import * as assert from 'node:assert/strict';
import { stripMarkdownFence } from '../../../../src/completion/postprocess/stripMarkdownFence';
import { contextAt } from '../cursorFixture';

describe('postprocess/stripMarkdownFence', () => {
  const run = (text: string, languageId = 'typescript') => stripMarkdownFence({ text, replaceLength: 0 }, contextAt('function f() {█\n', languageId))!.text;

  it('unwraps a completion that comes in a fence, ending at the closing fence', () => {
    assert.equal(run('```typescript\n  return 1;\n}\n```\nThis returns one.'), '  return 1;\n}');
    assert.equal(run('```\nreturn 1;'), 'return 1;');
  });

  it('leaves unfenced completions, and markdown documents, alone', () => {
    assert.equal(run('\n  return 1;\n}'), '\n  return 1;\n}');
    assert.equal(run('```js\nx\n```', 'markdown'), '```js\nx\n```');
  });
});
