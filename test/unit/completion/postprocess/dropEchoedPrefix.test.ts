import * as assert from 'node:assert/strict';
import { dropEchoedPrefix } from '../../../../src/completion/postprocess/dropEchoedPrefix';
import { contextAt } from '../cursorFixture';

describe('postprocess/dropEchoedPrefix', () => {
  const run = (doc: string, text: string) => dropEchoedPrefix({ text, replaceLength: 0 }, contextAt(doc))!.text;

  it('drops a repeat of the cursor line typed so far', () => {
    assert.equal(run('  return █\n', 'return a + b;'), 'a + b;');
    assert.equal(run('  const total = items█\n', 'const total = items.length;'), '.length;');
  });

  it('drops a repeat of the block opener on an empty first line', () => {
    assert.equal(run('if (items.length > 0) {\n  █\n}\n', 'if (items.length > 0) {\n  send(items);'), 'send(items);');
  });

  it('keeps real code that happens to start the same (short prefixes)', () => {
    assert.equal(run('i = █\n', 'i + 1'), 'i + 1');
    assert.equal(run('  █\n', 'run();'), 'run();');
  });
});
