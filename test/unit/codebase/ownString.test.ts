import * as assert from 'node:assert/strict';
import { ownString } from '../../../src/codebase/ownString';

describe('codebase: strings that hold only their own characters', () => {
  it('gives back the same text, short or cut from a longer one, in any script', () => {
    const source = `const parseHttpHeaderValues = 1; // größe ${'x'.repeat(1000)} 名前を解析する`;
    for (const cut of [source.slice(6, 27), source.slice(0, 3), source.slice(-7), source.slice(33, 38)]) assert.equal(ownString(cut), cut);
  });
});
