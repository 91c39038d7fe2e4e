import * as assert from 'node:assert/strict';
import MiniSearch from 'minisearch';
import { jsonPieces } from '../../../src/codebase/jsonStream';
import { MiniSearchIndex } from '../../../src/codebase/miniSearchIndex';
import { miniSearchJson } from '../../../src/codebase/miniSearchJson';

describe('codebase: MiniSearch snapshot written from its maps', () => {
  const engine = () => {
    const e = new MiniSearch<{ id: number; title: string; text: string; weight: number }>({ fields: ['title', 'text'], storeFields: ['weight'] });
    e.addAll([
      { id: 7, title: 'parse "quoted" color', text: 'hex rgb \u2028 color', weight: 0.7 },
      { id: 9, title: 'format date', text: 'date date text', weight: 1 },
      { id: 12, title: 'other', text: 'color', weight: 1 },
    ]);
    e.discard(12);
    return e;
  };

  it('writes what toJSON() holds (removed documents included), and MiniSearch reads it back', () => {
    const e = engine();
    const text = [...miniSearchJson(e)].join('');
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(e.toJSON())));
    const restored = MiniSearch.loadJSON(text, { fields: ['title', 'text'], storeFields: ['weight'] });
    assert.deepEqual(restored.search('color').map((h) => [h.id, h.weight]), e.search('color').map((h) => [h.id, h.weight]));
  });

  it('is how the codebase engine\'s snapshot is written inside the index snapshot, and reads back the same', () => {
    const index = MiniSearchIndex.create();
    index.add([
      { id: 1, names: 'parseColor', path: 'src/color.ts', body: 'hex rgb', weight: 1 },
      { id: 2, names: 'formatDate', path: 'src/date.ts', body: 'date text', weight: 0.7 },
    ]);
    const text = [...jsonPieces({ format: 3, engine: index.serialize() })].join('');
    const parsed = JSON.parse(text) as { format: number; engine: unknown };
    assert.deepEqual(parsed, { format: 3, engine: JSON.parse(JSON.stringify(index.serialize())) });
    assert.deepEqual(MiniSearchIndex.restore(parsed.engine).search('date', 2), index.search('date', 2));
  });
});
