import * as assert from 'node:assert/strict';
import { scanNames } from '../../../../src/context/imports/scan';

describe('context: scanning the names used near the cursor', () => {
  it('lists names and member chains with their lines', () => {
    const text = 'const a = map(x);\nreturn tasks.ensure_future(coro, loop=self._loop)\n';
    assert.deepEqual(scanNames(text, 'python', 0, Infinity), [
      { chain: 'const', line: 0 },
      { chain: 'a', line: 0 },
      { chain: 'map', line: 0 },
      { chain: 'x', line: 0 },
      { chain: 'return', line: 1 },
      { chain: 'tasks.ensure_future', line: 1 },
      { chain: 'coro', line: 1 },
      { chain: 'loop', line: 1 },
      { chain: 'self._loop', line: 1 },
    ]);
  });

  it('never counts a property after a dot as a use of that name', () => {
    const chains = scanNames('source.pipe(map(f)).map(g);', 'typescript', 0, 0).map((u) => u.chain);
    assert.deepEqual(chains.filter((c) => c === 'map'), ['map']);
  });

  it('skips comments and strings of the language', () => {
    const ts = '// uses take here\nconst s = "take";\n/* take */ take(1);';
    assert.deepEqual(scanNames(ts, 'typescript', 0, Infinity).filter((u) => u.chain === 'take').map((u) => u.line), [2]);
    const py = '"""take\nall"""\n# take\nx = \'take\'\ntake(1)';
    assert.deepEqual(scanNames(py, 'python', 0, Infinity).filter((u) => u.chain === 'take').map((u) => u.line), [4]);
  });

  it('reads Rust paths and lifetimes without mistaking them for strings', () => {
    const uses = scanNames("fn f<'a>(x: &'a str) -> Vec<u8> { crate::util::parse(x) }", 'rust', 0, 0).map((u) => u.chain);
    assert.ok(uses.includes('crate.util.parse'), uses.join(' '));
    assert.ok(uses.includes('str'), 'a lifetime does not swallow the code after it');
  });

  it('scans only the requested lines, numbering them as in the whole text', () => {
    const text = 'a\nb\nc\nd\ne';
    assert.deepEqual(scanNames(text, 'javascript', 1, 3), [
      { chain: 'b', line: 1 },
      { chain: 'c', line: 2 },
      { chain: 'd', line: 3 },
    ]);
  });
});
