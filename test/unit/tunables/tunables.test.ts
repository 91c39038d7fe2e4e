/**
 * The tunables module is where a maintainer turns the knobs: every export must be a plain positive number
 * with a comment saying what it does, and the module must stay a leaf (importing nothing) so every layer
 * may read it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tunables from '../../../src/tunables/tunables';

const SOURCE = readFileSync(resolve(__dirname, '../../../src/tunables/tunables.ts'), 'utf8');

describe('tunables', () => {
  it('exports only positive finite numbers', () => {
    const entries = Object.entries(tunables);
    assert.ok(entries.length >= 60, `${entries.length} tunables`);
    for (const [name, value] of entries) assert.ok(typeof value === 'number' && Number.isFinite(value) && value > 0, name);
  });

  it('documents every knob right above it', () => {
    const lines = SOURCE.split('\n');
    for (const name of Object.keys(tunables)) {
      const at = lines.findIndex((l) => l.startsWith(`export const ${name} = `));
      assert.ok(at > 0 && /^\/\*\*.+\*\/$/.test(lines[at - 1]), `${name} has no comment`);
    }
  });

  it('imports nothing (a leaf every folder may import)', () => {
    assert.doesNotMatch(SOURCE, /^import /m);
  });
});
