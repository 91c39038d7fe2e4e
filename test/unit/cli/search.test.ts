import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchCommand } from '../../../src/cli/search';
import { devGrammar } from '../syntax/grammars';

describe('cli: search', function () {
  this.timeout(30000);
  let root: string;
  let cache: string;
  let queries: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-cli-search-'));
    cache = mkdtempSync(join(tmpdir(), 'fathom-cli-search-cache-'));
    mkdirSync(join(root, 'src', 'util'), { recursive: true });
    writeFileSync(join(root, 'src', 'util', 'dates.ts'), 'import { pad } from "./pad";\n\nexport function formatIsoDate(date: Date): string {\n  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;\n}\n\nexport function daysBetween(a: Date, b: Date): number {\n  return Math.round((b.getTime() - a.getTime()) / 86400000);\n}\n');
    writeFileSync(join(root, 'src', 'util', 'pad.ts'), 'export function pad(n: number): string {\n  return String(n).padStart(2, "0");\n}\n');
    writeFileSync(join(root, 'app.py'), 'def load_settings(path):\n    with open(path) as f:\n        return f.read()\n');
    queries = join(cache, 'queries.jsonl');
    writeFileSync(queries, ['{"id":"q1","query":"Formats a date as an ISO string"}', '', '{"id":2,"query":"number of days between two dates"}', '{"id":"q3","query":"load the settings file"}'].join('\n') + '\n');
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await searchCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, devGrammar);
    return { code, stdout, stderr };
  }

  it('prints one line per query, in order, with exactly the contract fields: 1-based lines, root-relative paths', async () => {
    const { code, stdout, stderr } = await run(['--root', root, '--queries', queries, '--top', '2', '--cache', cache]);
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; results: Record<string, unknown>[] });
    assert.deepEqual(lines.map((l) => l.id), ['q1', 2, 'q3']);
    for (const line of lines) {
      assert.deepEqual(Object.keys(line), ['id', 'results']);
      assert.ok(line.results.length >= 1 && line.results.length <= 2, '--top 2 honoured');
      for (const r of line.results) {
        assert.deepEqual(Object.keys(r), ['path', 'startLine', 'endLine', 'score']);
        assert.equal(typeof r.score, 'number');
      }
    }
    assert.deepEqual(lines[0].results[0], { ...lines[0].results[0], path: 'src/util/dates.ts', startLine: 3, endLine: 5 });
    assert.deepEqual(lines[1].results[0], { ...lines[1].results[0], path: 'src/util/dates.ts', startLine: 7, endLine: 9 });
    assert.deepEqual(lines[2].results[0], { ...lines[2].results[0], path: 'app.py', startLine: 1, endLine: 3 });
    assert.ok(readdirSync(cache).some((f) => f.startsWith('index-')), 'the index is saved in --cache');
  });

  it('reads a queries file written on Windows: a byte-order mark, CRLF line ends, blank and whitespace-only lines', async () => {
    const windows = join(cache, 'queries-windows.jsonl');
    writeFileSync(windows, '\ufeff{"id":"q1","query":"Formats a date as an ISO string"}\r\n\r\n   \r\n{"id":2,"query":"load the settings file"}\r\n');
    const { code, stdout, stderr } = await run(['--root', root, '--queries', windows, '--top', '1', '--no-cache']);
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; results: { path: string }[] });
    assert.deepEqual(lines.map((l) => [l.id, l.results[0]?.path]), [['q1', 'src/util/dates.ts'], [2, 'app.py']]);
  });

  it('--query answers a single query on one line with id null; the saved index is reused', async () => {
    const { code, stdout, stderr } = await run(['--root', root, '--query', 'pad a number with zeros', '--cache', cache, '--verbose']);
    assert.equal(code, 0);
    const out = JSON.parse(stdout) as { id: unknown; results: { path: string; startLine: number }[] };
    assert.equal(out.id, null);
    assert.equal(stdout.trim().split('\n').length, 1);
    assert.deepEqual([out.results[0].path, out.results[0].startLine], ['src/util/pad.ts', 1]);
    assert.match(stderr, /0 added, 0 updated, 0 removed/);
  });

  it('keeps the index in the OS cache folder by default (XDG_CACHE_HOME here), and nowhere with --no-cache', async function () {
    if (process.platform !== 'linux') this.skip();
    const fresh = mkdtempSync(join(tmpdir(), 'fathom-cli-search-xdg-'));
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = fresh;
    try {
      assert.equal((await run(['--root', root, '--query', 'pad', '--no-cache'])).code, 0);
      assert.deepEqual(readdirSync(fresh), []);
      assert.equal((await run(['--root', root, '--query', 'pad'])).code, 0);
      assert.equal(readdirSync(join(fresh, 'fathom', 'index')).filter((f) => f.startsWith('index-')).length, 1);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('refuses bad arguments with a message and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--query', 'x'], /--root is required/],
      [['--root', join(root, 'missing'), '--query', 'x'], /is not a folder/],
      [['--root', root], /either --queries FILE or --query TEXT/],
      [['--root', root, '--query', 'x', '--queries', queries], /either --queries FILE or --query TEXT/],
      [['--root', root, '--query', 'x', '--top', '0'], /--top must be a whole number/],
      [['--root', root, '--query', 'x', '--top', 'ten'], /--top must be a whole number/],
      [['--root', root, '--queries', join(root, 'nope.jsonl')], /cannot read --queries/],
      [['--root', root, '--query', 'x', '--bogus'], /Unknown option/],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await run(args);
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, message);
    }
    const bad = join(cache, 'bad.jsonl');
    writeFileSync(bad, '{"id":1,"query":"ok"}\nnot json\n');
    assert.match((await run(['--root', root, '--queries', bad])).stderr, /bad\.jsonl:2 is not JSON/);
    writeFileSync(bad, '{"id":1}\n');
    assert.match((await run(['--root', root, '--queries', bad])).stderr, /bad\.jsonl:1 needs a string "query"/);
    assert.ok(!existsSync(join(root, 'nope.jsonl')));
  });
  it('over a lowered disk threshold (FATHOM_DISK_INDEX_FROM_FILES) builds the index on disk, gives the same best chunks as in memory, and leaves no lock for the next run', async () => {
    const diskCache = mkdtempSync(join(tmpdir(), 'fathom-cli-search-disk-'));
    const before = process.env.FATHOM_DISK_INDEX_FROM_FILES;
    const best = (stdout: string) => stdout.trim().split('\n').map((l) => (JSON.parse(l) as { results: { path: string; startLine: number; endLine: number }[] }).results.slice(0, 1).map((r) => [r.path, r.startLine, r.endLine]));
    try {
      const memory = await run(['--root', root, '--queries', queries, '--no-cache']);
      process.env.FATHOM_DISK_INDEX_FROM_FILES = '1';
      const disk = await run(['--root', root, '--queries', queries, '--cache', diskCache, '--verbose']);
      assert.equal(disk.code, 0, disk.stderr);
      assert.match(disk.stderr, /3 files, \d+ chunks \(3 added.*\) on disk/);
      assert.ok(readdirSync(diskCache).some((f) => /^index-.*\.db$/.test(f)), 'a database in --cache');
      assert.ok(!readdirSync(diskCache).some((f) => f.endsWith('.json') || f.endsWith('.lock')), 'no JSON snapshot, no lock left');
      assert.deepEqual(best(disk.stdout), best(memory.stdout));
      const again = await run(['--root', root, '--queries', queries, '--cache', diskCache, '--verbose']);
      assert.match(again.stderr, /\(0 added, 0 updated, 0 removed\) on disk/, 'reused, not busy');
      assert.doesNotMatch(again.stderr, /another process/);
      assert.equal(again.stdout, disk.stdout);
    } finally {
      if (before === undefined) delete process.env.FATHOM_DISK_INDEX_FROM_FILES;
      else process.env.FATHOM_DISK_INDEX_FROM_FILES = before;
      rmSync(diskCache, { recursive: true, force: true });
    }
  });
});
