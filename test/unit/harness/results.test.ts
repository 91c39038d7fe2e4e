import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readResult, writeResult, type IntegrationResult } from '../../harness/results';
import { tempDir } from '../tempTree';

describe('integration result file', () => {
  const result: IntegrationResult = { passed: 3, failed: 0, pending: 1, durationMs: 42, vscodeVersion: '1.100.3', tests: [{ title: 'a', state: 'passed', durationMs: 5 }] };

  it('appears whole: only the finished file is left, and it reads back as written', () => {
    const dir = tempDir('fathom-result-');
    const file = join(dir, 'result.json');
    writeResult(file, result);
    assert.deepEqual(readdirSync(dir), ['result.json']);
    assert.deepEqual(readResult(file), result);
  });

  it('is written beside its name and renamed into place: a write that fails leaves no file under the name', () => {
    const dir = tempDir('fathom-result-');
    const file = join(dir, 'result.json');
    mkdirSync(`${file}.partial`); // the write of the partial file fails
    assert.throws(() => writeResult(file, result));
    assert.ok(!existsSync(file), 'the runner would have read a file that is not whole');
  });
});
