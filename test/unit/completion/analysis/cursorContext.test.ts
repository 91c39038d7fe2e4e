import * as assert from 'node:assert/strict';
import { CURSOR_WINDOW_CHARS, cursorContext, indentWidth, nextNonBlankLine, previousNonBlankLine } from '../../../../src/completion/analysis/cursorContext';
import { cursorAt, snapshotOf } from '../cursorFixture';

describe('cursorContext: the facts around the cursor', () => {
  it('splits the cursor line and finds the neighbouring non-blank lines', () => {
    const cursor = cursorAt('a();\n\n  if (x) {█ }\n\n  b();\n');
    assert.equal(cursor.linePrefix, '  if (x) {');
    assert.equal(cursor.lineSuffix, ' }');
    assert.equal(previousNonBlankLine(cursor), 'a();');
    assert.equal(nextNonBlankLine(cursor), '  b();');
  });

  it('looks at a bounded window, cut at line boundaries, however large the file', () => {
    const line = 'x'.repeat(99) + '\n';
    const doc = line.repeat(2000) + 'mid█dle\n' + line.repeat(2000);
    const cursor = cursorContext(snapshotOf(doc));
    assert.ok(cursor.linesBefore.length <= CURSOR_WINDOW_CHARS && cursor.linesBefore.startsWith('x'));
    assert.ok(cursor.linesAfter.length <= CURSOR_WINDOW_CHARS && cursor.linesAfter.endsWith('x'));
    assert.equal(cursor.linePrefix, 'mid');
  });

  it('handles the first and last line, and CRLF line ends', () => {
    const cursor = cursorAt('ab█c\r\nd\r\n');
    assert.equal(cursor.lineSuffix, 'c');
    assert.equal(previousNonBlankLine(cursor), undefined);
    assert.equal(nextNonBlankLine(cursor), 'd');
    assert.equal(indentWidth('\t  '), 6);
  });
});
