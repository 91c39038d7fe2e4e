/**
 * When a chat question asks for workspace code: `@codebase` explicitly, or names written as code that the
 * code already given does not contain.
 */
import assert from 'node:assert/strict';
import { namesIn, namesNotIn, parseCodebaseAsk } from '../../../src/chat/codebaseTrigger';

describe('chat: @codebase and code names in a question', () => {
  it('`@codebase` anywhere in the question asks explicitly; the search query is the rest', () => {
    assert.deepEqual(parseCodebaseAsk('@codebase where is the total price computed?'), { explicit: true, query: 'where is the total price computed?', names: [] });
    assert.equal(parseCodebaseAsk('Where is it computed? @Codebase').explicit, true);
    assert.equal(parseCodebaseAsk('Where is it computed? @Codebase').query, 'Where is it computed?');
  });

  it('an e-mail address or a longer mention is not `@codebase`', () => {
    assert.equal(parseCodebaseAsk('mail me@codebase.org').explicit, false);
    assert.equal(parseCodebaseAsk('ask @codebases').explicit, false);
    assert.equal(parseCodebaseAsk('what is the codebase like?').explicit, false);
  });

  it('names: backticked names, camelCase, PascalCase with two humps, snake_case; each once', () => {
    assert.deepEqual(namesIn('Why does `mean` call totalPrice and CartReport, not total_price or MAX_ITEMS? totalPrice!'), ['mean', 'totalPrice', 'CartReport', 'total_price', 'MAX_ITEMS']);
    assert.deepEqual(namesIn('What does `render()` return?'), ['render']);
  });

  it('plain words, capitalised sentence starts, short names and paths are not names', () => {
    assert.deepEqual(namesIn('What Does This Code Do? Explain the function in src/priceList.ts and `a`'), []);
  });

  it('names already in the given code are not looked up again', () => {
    assert.deepEqual(namesNotIn(['totalPrice', 'checkout', 'tax'], ['export function totalPrice() {}', 'const taxes = 1;']), ['checkout', 'tax']);
  });
});
