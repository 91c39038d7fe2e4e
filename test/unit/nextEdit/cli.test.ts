import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nextEditCommand, NEXT_EDIT_USAGE } from '../../../src/cli/nextEdit';
import { main } from '../../../src/cli/main';
import { devGrammar } from '../syntax/grammars';
import { caseOf } from './helpers';
import { tempDir } from '../tempTree';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

function casesFile(lines: string[]): string {
  const dir = tempDir('fathom-next-edit-cli-');
  const file = join(dir, 'cases.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const rename = caseOf('rename', 'typescript', ['function area(w: number, height: number) {', '  return w * height;', '}'], 0, 'height', 'h', ['function area(w: number, h: number) {', '  return w * h;', '}']);
const spread = caseOf(
  'spread',
  'javascript',
  ['function log(msg) {}', ...Array.from({ length: 70 }, (_, i) => `// ${i}`), 'log(1);', ...Array.from({ length: 70 }, (_, i) => `// ${i}`), 'log(2);'],
  0,
  'log',
  'trace',
  ['function trace(msg) {}', ...Array.from({ length: 70 }, (_, i) => `// ${i}`), 'trace(1);', ...Array.from({ length: 70 }, (_, i) => `// ${i}`), 'trace(2);'],
);
const nothing = caseOf('nothing', 'python', ['x = 1', 'y = 2'], 1, '2', '3', ['x = 1', 'y = 3']);

describe('cli next-edit: the contract', function () {
  this.timeout(30000);

  it('prints one {"id","edits":[{"startLine","endLine","text"}],"ms"} line per case, in order', async () => {
    const file = casesFile([rename, spread, nothing].map((c) => JSON.stringify(c)));
    const { out, io } = capture();
    assert.equal(await nextEditCommand(['--cases', file], io, devGrammar), 0);
    const rows = out.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((r) => Object.keys(r).join()), ['id,edits,ms', 'id,edits,ms', 'id,edits,ms']);
    assert.ok(rows.every((r) => typeof r.ms === 'number' && r.ms >= 0));
    assert.deepEqual(rows.map((r) => [r.id, r.edits]), [
      ['rename', [{ startLine: 1, endLine: 1, text: '  return w * h;' }]],
      ['spread', [{ startLine: 71, endLine: 71, text: 'trace(1);' }]],
      ['nothing', []],
    ]);
    assert.ok(rows[0].edits.every((e: object) => Object.keys(e).join() === 'startLine,endLine,text'));
  });

  it('--follow N lists every accepted edit, applied in order', async () => {
    const file = casesFile([JSON.stringify(spread)]);
    const { out, io } = capture();
    assert.equal(await nextEditCommand(['--cases', file, '--follow', '3'], io, devGrammar), 0);
    assert.deepEqual(JSON.parse(out.stdout).edits, [
      { startLine: 71, endLine: 71, text: 'trace(1);' },
      { startLine: 142, endLine: 142, text: 'trace(2);' },
    ]);
  });

  it('the same edits with every prompt format, and without tree-sitter', async () => {
    const file = casesFile([JSON.stringify(spread)]);
    for (const args of [['--format', 'zeta'], ['--format', 'instinct'], ['--format', 'sweep'], ['--format', 'generic'], ['--model', 'sweep-next-edit-1.5b'], ['--no-syntax']]) {
      const { out, io } = capture();
      assert.equal(await nextEditCommand(['--cases', file, '--follow', '1', ...args], io, devGrammar), 0, args.join(' '));
      assert.deepEqual(JSON.parse(out.stdout).edits.map((e: { startLine: number }) => e.startLine), [71, 142], args.join(' '));
    }
  });

  it('rejects bad input with a clear message and exit code 2, printing no result', async () => {
    const bad: [string[], RegExp][] = [
      [[], /--cases FILE.jsonl is required/],
      [['--cases', join(tmpdir(), 'no-such-dir-fathom', 'x.jsonl')], /cannot read/],
      [['--cases', casesFile([JSON.stringify(rename)]), '--follow=1.5'], /--follow must be a whole number/],
      [['--cases', casesFile([JSON.stringify(rename)]), '--format', 'fim'], /--format must be one of/],
      [['--cases', casesFile(['{not json'])], /line 1: not JSON/],
      [['--cases', casesFile([JSON.stringify(rename), JSON.stringify({ ...rename, cursor: { line: -1, character: 0 } })])], /line 2: "cursor"/],
      [['--cases', casesFile([JSON.stringify({ ...rename, after: 'one line' })])], /"after" must have as many lines/],
      [['--cases', casesFile([JSON.stringify({ ...rename, edit: { line: 1, from: 'a', to: 'zzz' } })])], /edit.to "zzz" is not on line 1/],
      [['--cases', casesFile([''])], /holds no case/],
      [['--cases', 'x', '--bogus'], /Unknown option/],
    ];
    for (const [args, message] of bad) {
      const { out, io } = capture();
      assert.equal(await nextEditCommand(args, io, devGrammar), 2, args.join(' '));
      assert.match(out.stderr, message);
      assert.equal(out.stdout, '');
    }
  });

  it('the help documents the case, the output and that an edit\'s text has no trailing newline', async () => {
    assert.match(NEXT_EDIT_USAGE, /no trailing newline/);
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((t: string) => (written.push(t), true)) as typeof process.stdout.write;
    try {
      assert.equal(await main(['--help']), 0);
    } finally {
      process.stdout.write = write;
    }
    assert.match(written.join(''), /next-edit {2}Run the next-edit pipeline/);
  });
});
