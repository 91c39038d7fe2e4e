import * as assert from 'node:assert/strict';
import { chunkLikeTokens } from '../../../../src/backends/scripted';
import { decideShape } from '../../../../src/completion/analysis/multiline';
import { MAX_BLOCK_LINES, StreamStop } from '../../../../src/completion/streaming/streamStop';
import { cursorAt } from '../cursorFixture';

/** Streams `output` into a StreamStop for the cursor of `doc`; returns what was read when it said stop. */
function readUntilStop(doc: string, output: string, languageId = 'typescript'): { read: string; stopped: boolean } {
  const cursor = cursorAt(doc, languageId);
  const stop = new StreamStop(cursor, decideShape(cursor));
  for (const chunk of chunkLikeTokens(output)) if (stop.push(chunk)) return { read: stop.text, stopped: true };
  return { read: stop.text, stopped: false };
}

describe('streamStop: stop reading once the completion is decided', () => {
  it('a single line stops at its line break', () => {
    const { read, stopped } = readUntilStop('const c = new█\nnext();\n', ' Vector3();\nnext();\nmore();\n');
    assert.equal(stopped, true);
    assert.equal(read, ' Vector3();\n');
  });

  it('a block stops one line after its end is known, not at the end of the stream', () => {
    const doc = 'function f(a) {█\n\nexport const x = 1;\n';
    const { read, stopped } = readUntilStop(doc, '\n  return a;\n}\n\nexport const x = 1;\nexport const y = 2;\n');
    assert.equal(stopped, true);
    assert.match(read, /^\n {2}return a;\n\}\n\s*$/);
  });

  it('stops at a control token that follows some text', () => {
    assert.equal(readUntilStop('x = █\n', '42<|endoftext|>more').read, '42<|endoftext|>');
    assert.equal(readUntilStop('x = █\n', '<|fim_middle|>42').stopped, false);
  });

  it('a single line that starts with a line break stops there (nothing to show on this line)', () => {
    const { read, stopped } = readUntilStop('const x = █ + 1;\n', '\n  a,\n  b\n');
    assert.equal(stopped, true);
    assert.equal(read.trim(), '');
  });

  it('gives up on a block after MAX_BLOCK_LINES lines', () => {
    const { read, stopped } = readUntilStop('function f() {█\n', '\n' + '  x++;\n'.repeat(MAX_BLOCK_LINES + 20));
    assert.equal(stopped, true);
    assert.equal(read.split('\n').length - 1, MAX_BLOCK_LINES);
  });
});
