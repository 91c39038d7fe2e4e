import * as assert from 'node:assert/strict';
import { splitCompound } from '../../../src/codebase/compounds';
import { stem } from '../../../src/codebase/stem';
import { codeTokens, queryTokens, splitIdentifier } from '../../../src/codebase/tokenize';

describe('codebase: tokenizer', () => {
  it('splits identifiers on camelCase, PascalCase, acronyms, snake_case, kebab-case and digits', () => {
    assert.deepEqual(splitIdentifier('parseHTTPHeaders2'), ['parse', 'http', 'headers', '2']);
    assert.deepEqual(splitIdentifier('XMLHttpRequest'), ['xml', 'http', 'request']);
    assert.deepEqual(splitIdentifier('utf8Decode'), ['utf', '8', 'decode']);
    assert.deepEqual(codeTokens('parse_http_header kebab-case-name'), codeTokens('parseHttpHeader kebabCaseName'));
  });

  it('folds word forms so code and prose meet: plurals, -ing, -ed, -er', () => {
    for (const word of ['parses', 'parsing', 'parsed', 'parser']) assert.equal(stem(word), stem('parse'), word);
    assert.equal(stem('entries'), stem('entry'));
    assert.equal(stem('running'), stem('run'));
    // Short words are left alone: "is", "user", "status" are not plurals or verb forms.
    assert.equal(stem('is'), 'is');
    assert.equal(stem('status'), 'status');
  });

  it('spells out abbreviations on both sides: `attr` meets "attribute", `cfg` meets "configuration"', () => {
    assert.deepEqual(codeTokens('getAttr'), queryTokens('get attribute'));
    assert.deepEqual(codeTokens('loadCfg'), queryTokens('load configuration'));
  });

  it('reads a lower-case compound as its halves too (`readline`), but not ordinary words', () => {
    assert.deepEqual(splitCompound('readline'), ['read', 'line']);
    assert.deepEqual(splitCompound('iseven'), ['is', 'even']);
    assert.deepEqual(splitCompound('filename'), ['file', 'name']);
    assert.deepEqual(splitCompound('tokens'), []);
    assert.deepEqual(splitCompound('issue'), []);
    assert.ok(codeTokens('readline').includes(stem('line')));
  });

  it('drops stop words from queries only, and keeps them when nothing else is left', () => {
    assert.deepEqual(queryTokens('Returns the name of the file'), [stem('name'), stem('file')]);
    assert.ok(codeTokens('return this.name').includes('return'));
    assert.deepEqual(queryTokens('is it'), ['is', 'it']);
  });

  it('never turns a redaction placeholder into words', () => {
    assert.deepEqual(codeTokens('const token = "«secret:github-token:abcdefghij»";'), codeTokens('const token = "";'));
  });
});
