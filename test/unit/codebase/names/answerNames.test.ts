import * as assert from 'node:assert/strict';
import { answerNameCheck, fencedBlocks, languageOfFence } from '../../../../src/codebase/names/answerNames';
import { Parsers } from '../../../../src/syntax/parsers';
import { devGrammar } from '../../syntax/grammars';

describe('codebase names: the code blocks of a chat answer', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  after(() => parsers.dispose());

  it('finds fenced blocks with their fence word and code', () => {
    assert.deepEqual(fencedBlocks('Hi\n\n```ts\nconst a = 1;\n```\n\n~~~python\nimport os\n~~~\n\n```\nplain\n```\n'), [
      { fence: 'ts', code: 'const a = 1;' },
      { fence: 'python', code: 'import os' },
      { fence: '', code: 'plain' },
    ]);
  });

  it('maps fences to the checked languages only', () => {
    assert.equal(languageOfFence('ts'), 'typescript');
    assert.equal(languageOfFence('js'), 'javascript');
    assert.equal(languageOfFence('py'), 'python');
    assert.equal(languageOfFence('go'), undefined);
    assert.equal(languageOfFence(''), undefined);
  });

  it('checks each block in its language and reports the blocks with names found nowhere', async () => {
    const check = answerNameCheck(parsers, () => ({ unknownNames: async (names) => names.filter((n) => n !== 'knownHelper') }));
    const answer = 'Like this:\n\n```ts\nknownHelper(JSON.parseSafe(text));\n```\n\n```python\nimport os\nos.path.exist(p)\n```\n\n```go\nmadeUp()\n```\n\n```ts\nknownHelper(1);\n```\n';
    assert.deepEqual(await check(answer), [
      { code: 'knownHelper(JSON.parseSafe(text));', names: ['parseSafe'] },
      { code: 'import os\nos.path.exist(p)', names: ['exist'] },
    ]);
  });
});
