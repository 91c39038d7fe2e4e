import * as assert from 'node:assert/strict';
import MiniSearch from 'minisearch';
import { frequentTerms } from '../../../src/codebase/miniSearchTerms';

describe('codebase: the words a MiniSearch index holds most', () => {
  it('lists the words held by at least so many documents, most first, a word in two fields counted once per field', () => {
    const engine = new MiniSearch<{ id: number; title: string; text: string }>({ fields: ['title', 'text'] });
    engine.addAll([
      { id: 1, title: 'value', text: 'value name' },
      { id: 2, title: 'name', text: 'value' },
      { id: 3, title: 'other', text: 'value name rare' },
    ]);
    assert.deepEqual(frequentTerms(engine, 2), ['value', 'name']);
    assert.deepEqual(frequentTerms(engine, 1), ['value', 'name', 'other', 'rare']);
  });
});
