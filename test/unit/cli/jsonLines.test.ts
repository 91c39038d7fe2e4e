import * as assert from 'node:assert/strict';
import { jsonLines } from '../../../src/cli/jsonLines';
import { parseNextEditCases } from '../../../src/cli/nextEdit';
import { parseCases } from '../../../src/cli/replay';

describe('cli: JSON Lines files (--queries, --cases)', () => {
  it('drops a leading byte-order mark, skips blank rows, keeps 1-based line numbers, and splits on "\\n" only', () => {
    const rows = jsonLines('\ufeff{"a":1}\r\n\r\n  \n{"b":"x\u2028y"}\n');
    assert.deepEqual(rows.map((r) => r.line), [1, 4]);
    assert.deepEqual(rows.map((r) => JSON.parse(r.row)), [{ a: 1 }, { b: 'x\u2028y' }]);
    assert.deepEqual(jsonLines(''), []);
  });

  it('every CLI reader goes through it: replay and next-edit cases read a file with a byte-order mark', () => {
    assert.deepEqual(parseCases('\ufeff{"id":"r1"}\n').map((c) => (c as unknown as { id: string }).id), ['r1']);
    const nextEdit = parseNextEditCases('\ufeff{"id":"n1"}\r\n');
    assert.ok('error' in nextEdit && nextEdit.error.startsWith('line 1:') && !nextEdit.error.includes('not JSON'), 'the row is read as JSON (the case itself is incomplete)');
  });
});
