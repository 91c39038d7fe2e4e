import * as assert from 'node:assert/strict';
import { CompletionCache } from '../../../../src/completion/scheduling/cache';

/** A TypeScript document as the user sees it: `█` is the cursor. */
function at(marked: string, languageId = 'typescript') {
  assert.equal(marked.split('█').length, 2, 'exactly one cursor marker');
  return { text: marked.replace('█', ''), offset: marked.indexOf('█'), languageId };
}

const above = 'import { sum } from "./math";\n\nexport function total(items: number[]) {\n';
const below = '\n}\n';

describe('CompletionCache', () => {
  it('returns a suggestion stored at the same position', () => {
    const cache = new CompletionCache();
    cache.set(at(`${above}  return █${below}`), { insert: 'sum(items);', replaceLength: 0 });
    assert.deepEqual(cache.get(at(`${above}  return █${below}`)), { insert: 'sum(items);', replaceLength: 0 });
  });

  it('hits while the user types ahead through the suggestion, and when backspacing back to where it was made', () => {
    const cache = new CompletionCache();
    cache.set(at(`${above}  return █${below}`), { insert: 'sum(items);', replaceLength: 0 });
    assert.deepEqual(cache.get(at(`${above}  return sum(█${below}`)), { insert: 'items);', replaceLength: 0 });
    assert.deepEqual(cache.get(at(`${above}  return sum(ite█${below}`)), { insert: 'ms);', replaceLength: 0 });
    assert.deepEqual(cache.get(at(`${above}  return █${below}`)), { insert: 'sum(items);', replaceLength: 0 });
  });

  it('misses where nothing was stored: typing that diverges, backspacing before the stored position', () => {
    const cache = new CompletionCache();
    cache.set(at(`${above}  return █${below}`), { insert: 'sum(items);', replaceLength: 0 });
    assert.equal(cache.get(at(`${above}  return max(█${below}`)), undefined);
    assert.equal(cache.get(at(`${above}  retur█${below}`)), undefined);
  });

  it('prefers the suggestion made closest to the cursor on the line', () => {
    const cache = new CompletionCache();
    cache.set(at(`${above}  return █${below}`), { insert: 'sum(items);', replaceLength: 0 });
    cache.set(at(`${above}  return sum(█${below}`), { insert: 'items, 0);', replaceLength: 0 });
    assert.deepEqual(cache.get(at(`${above}  return sum(items█${below}`)), { insert: ', 0);', replaceLength: 0 });
  });

  it('remembers "nothing to show" at exactly that position, as null', () => {
    const cache = new CompletionCache();
    cache.set(at(`${above}  return █${below}`), undefined);
    assert.equal(cache.get(at(`${above}  return █${below}`)), null);
    assert.equal(cache.get(at(`${above}  return s█${below}`)), undefined);
  });

  it('serves the later lines of a multi-line suggestion once the user has typed up to them', () => {
    const cache = new CompletionCache();
    cache.set(at(`${above}  if (items.length === 0) {█${below}`), { insert: '\n    return 0;\n  }\n  return sum(items);', replaceLength: 0 });
    assert.deepEqual(cache.get(at(`${above}  if (items.length === 0) {\n    return 0;\n  }\n  █${below}`)), { insert: 'return sum(items);', replaceLength: 0 });
    assert.deepEqual(cache.get(at(`${above}  if (items.length === 0) {\n    ret█${below}`)), { insert: 'urn 0;\n  }\n  return sum(items);', replaceLength: 0 });
  });

  it('misses after an edit next to the line, or in another language', () => {
    const cache = new CompletionCache();
    cache.set(at(`${above}  return █${below}`), { insert: 'sum(items);', replaceLength: 0 });
    assert.equal(cache.get(at(`${above}  return █\n  // done${below}`)), undefined);
    assert.equal(cache.get(at(`${above.replace('sum', 'add')}  return █${below}`)), undefined);
    assert.equal(cache.get(at(`${above}  return █${below}`, 'javascript')), undefined);
  });

  it('replaces a closer the editor auto-inserted after the suggestion was stored', () => {
    const cache = new CompletionCache();
    cache.set(at(`${above}  return █${below}`), { insert: 'sum(items);', replaceLength: 0 });
    assert.deepEqual(cache.get(at(`${above}  return sum(█)${below}`)), { insert: 'items);', replaceLength: 1 });
  });

  it('forgets the least recently used position first', () => {
    const cache = new CompletionCache({ maxKeys: 2 });
    const line = (n: number) => at(`${above}  const v${n} = 1;\n  return █${below}`);
    cache.set(line(1), { insert: 'v1;', replaceLength: 0 });
    cache.set(line(2), { insert: 'v2;', replaceLength: 0 });
    assert.ok(cache.get(line(1)), 'line 1 used again, so line 2 is now the oldest');
    cache.set(line(3), { insert: 'v3;', replaceLength: 0 });
    assert.equal(cache.size, 2);
    assert.ok(cache.get(line(1)));
    assert.equal(cache.get(line(2)), undefined);
    assert.ok(cache.get(line(3)));
  });

  it('forgets suggestions after their time to live, and "nothing to show" sooner', () => {
    let now = 0;
    const cache = new CompletionCache({ ttlMs: 1000, emptyTtlMs: 100, now: () => now });
    cache.set(at(`${above}  return █${below}`), { insert: 'sum(items);', replaceLength: 0 });
    cache.set(at(`${above}  const x = █${below}`), undefined);
    now = 500;
    assert.ok(cache.get(at(`${above}  return █${below}`)));
    assert.equal(cache.get(at(`${above}  const x = █${below}`)), undefined);
    now = 1000;
    assert.equal(cache.get(at(`${above}  return █${below}`)), undefined);
  });
});
