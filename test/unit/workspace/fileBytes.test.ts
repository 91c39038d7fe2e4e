import * as assert from 'node:assert/strict';
import { looksBinary, textOfFile } from '../../../src/workspace/fileBytes';

describe('workspace: binary or text by the first bytes', () => {
  it('reads UTF-8 text, and calls a file with a NUL near its start binary', () => {
    assert.equal(textOfFile(Buffer.from('const π = 3.14;\n', 'utf8')), 'const π = 3.14;\n');
    assert.equal(textOfFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), undefined);
    assert.equal(looksBinary(new Uint8Array([0x61, 0x00])), true);
  });

  it('looks only at the first 8,000 bytes: a NUL further on does not make a text file binary', () => {
    const text = Buffer.concat([Buffer.alloc(8000, 0x61), Buffer.from([0])]);
    assert.equal(looksBinary(text), false);
    assert.equal(looksBinary(text.subarray(1)), true);
  });
});
