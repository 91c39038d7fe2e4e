import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_PIECES, lazyObject, writeJsonFile } from '../../../src/codebase/jsonStream';

describe('codebase: JSON written piece by piece', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fathom-json-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes what JSON.stringify writes, large values and odd keys included', async () => {
    const value = {
      format: 3,
      'odd "key"\n': [1, 'two', null, true, { nested: ['x'.repeat(3_000_000)] }],
      skipped: undefined,
      empty: {},
      list: [],
      holes: [undefined, 2],
      text: 'line\nbreak «secret» \u2028',
    };
    const file = join(dir, 'out.json');
    await writeJsonFile(file, value);
    assert.equal(readFileSync(file, 'utf8'), JSON.stringify(value));
  });

  it('lets a value write its own text in place (the engine\'s snapshot, never built as one object)', async () => {
    const own = { toJSON: () => 'not used', [JSON_PIECES]: function* () { yield '{"a":'; yield '[1,2]}'; } };
    const file = join(dir, 'own.json');
    await writeJsonFile(file, { before: 1, own, after: ['x'] });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { before: 1, own: { a: [1, 2] }, after: ['x'] });
  });

  it('writes a lazy object\'s entries as they are read, the same JSON that JSON.stringify gives it', async () => {
    const map = new Map<number, { path: string; lines: number[] }>([[3, { path: 'a "b".ts', lines: [1, 2] }], [10, { path: 'c.ts', lines: [] }]]);
    const value = { chunks: lazyObject(() => map.entries()), after: 1 };
    const file = join(dir, 'lazy.json');
    await writeJsonFile(file, value);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(JSON.stringify(value)));
    assert.deepEqual(JSON.parse(JSON.stringify(value)), { chunks: { 3: { path: 'a "b".ts', lines: [1, 2] }, 10: { path: 'c.ts', lines: [] } }, after: 1 });
  });
});
