import * as assert from 'node:assert/strict';
import { findLineReferences, lineHref, parseLineHref } from '../../../src/webview/lineLinks';

const refs = (text: string) => findLineReferences(text).map(({ index, length, ...range }) => ({ text: text.slice(index, index + length), ...range }));

describe('webview: line references in an answer', () => {
  it('finds single lines in the ways models write them', () => {
    assert.deepEqual(refs('On line 12 and Line 3, also L40.'), [
      { text: 'line 12', line: 12 },
      { text: 'Line 3', line: 3 },
      { text: 'L40', line: 40 },
    ]);
  });

  it('finds ranges with hyphen, en dash, em dash and "to"', () => {
    assert.deepEqual(refs('lines 12-15, lines 3–5, lines 7 — 9, lines 1 to 4, L20-L22, L30–31'), [
      { text: 'lines 12-15', line: 12, endLine: 15 },
      { text: 'lines 3–5', line: 3, endLine: 5 },
      { text: 'lines 7 — 9', line: 7, endLine: 9 },
      { text: 'lines 1 to 4', line: 1, endLine: 4 },
      { text: 'L20-L22', line: 20, endLine: 22 },
      { text: 'L30–31', line: 30, endLine: 31 },
    ]);
  });

  it('ignores what only looks similar', () => {
    assert.deepEqual(refs('pipeline 4, HTML5, l12, inline 3, line zero, XL12, L0'), []);
  });

  it('treats a backwards range as its first line', () => {
    assert.deepEqual(refs('lines 9-3'), [{ text: 'lines 9-3', line: 9 }]);
  });

  it('writes and reads back the anchors the links carry', () => {
    assert.equal(lineHref({ line: 4 }), '#L4');
    assert.equal(lineHref({ line: 4, endLine: 9 }), '#L4-9');
    assert.deepEqual(parseLineHref('#L4-9'), { line: 4, endLine: 9 });
    assert.deepEqual(parseLineHref('#L4'), { line: 4 });
    assert.equal(parseLineHref('#L0'), undefined);
    assert.equal(parseLineHref('#x'), undefined);
    assert.equal(parseLineHref('https://example.com/#L4'), undefined);
  });
});
