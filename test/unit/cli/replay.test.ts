import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCases, replay, replayCase } from '../../../src/cli/replay';
import { Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from '../syntax/grammars';
import { tempDir } from '../tempTree';

describe('cli replay: the pipeline on recorded cases with a scripted model', function () {
  this.timeout(30000);

  const cases = [
    { id: 'a', languageId: 'typescript', path: 'a.ts', text: 'function f() {\n\nconst x = 1;\n', offset: 14, modelOutput: '\n  return 1;\n}\n\nconst x = 1;\n' },
    // U+2028 is not a line break in JSONL, nor here: the case must survive it.
    { id: 'b', languageId: 'python', path: 'b.py', text: 's = "\u2028"\nn = len(\n', offset: 19, modelOutput: 's)\nmore()\n' },
  ];

  it('prints one {"id","completion","replaceLength","ms"} line per case, in order', async () => {
    const dir = tempDir('fathom-replay-');
    const file = join(dir, 'cases.jsonl');
    writeFileSync(file, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const lines: string[] = [];
    assert.equal(await replay(['--cases', file, '--no-syntax'], (l) => lines.push(l)), 0);
    const out = lines.join('').trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(out.map((o) => [o.id, o.completion, o.replaceLength]), [['a', '\n  return 1;\n}', 0], ['b', 's)', 0]]);
    assert.ok(out.every((o) => typeof o.ms === 'number' && Object.keys(o).join() === 'id,completion,replaceLength,ms'));
  });

  it('stops a runaway model output at the extension\'s answer size cap, as the pool would', async () => {
    const runaway = { id: 'r', languageId: 'typescript', path: 'r.ts', text: 'const s = ', offset: 10, modelOutput: 'x'.repeat(20_000) };
    const result = await replayCase(runaway);
    assert.equal(result.completion, '');
    assert.match(result.error ?? '', /kept answering past \d+ characters/);
  });

  it('splits the input on "\\n" only', () => {
    const jsonl = JSON.stringify(cases[1]) + '\n\n';
    assert.equal(parseCases(jsonl).length, 1);
    assert.equal(parseCases(jsonl)[0].text, cases[1].text);
  });

  it('uses the syntax tree when grammars are at hand', async () => {
    const parsers = new Parsers(devGrammar);
    try {
      const inComment = { id: 'c', languageId: 'typescript', path: 'c.ts', text: '// use f({\nf();\n', offset: 10, modelOutput: ' a: 1 })\nf();\n' };
      assert.equal((await replayCase(inComment, parsers)).completion, ' a: 1 })');
    } finally {
      parsers.dispose();
    }
  });

  it('asks for --cases', async () => {
    const errors: string[] = [];
    assert.equal(await replay([], () => undefined, (t) => errors.push(t)), 2);
    assert.match(errors.join(''), /--cases/);
  });
});
