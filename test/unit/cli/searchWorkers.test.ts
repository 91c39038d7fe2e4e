/**
 * The bundled CLI (dist/cli.js) on a tree large enough for chunk workers (dist/chunkWorker.js beside it): it
 * says it parsed in worker threads, and answers exactly as the same search run in one thread from source.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { searchCommand } from '../../../src/cli/search';
import { CHUNK_WORKERS_FROM_FILES } from '../../../src/codebase/syncIndex';
import { devGrammar } from '../syntax/grammars';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const run = promisify(execFile);

describe('cli: search builds a large index with chunk workers', function () {
  this.timeout(120_000);
  let root: string;
  let queries: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-cli-workers-'));
    // Over the threshold: TypeScript and Python modules, each with a few functions of its own.
    for (let i = 0; i < CHUNK_WORKERS_FROM_FILES + 20; i++) {
      const dir = join(root, i % 2 ? 'src' : 'lib', `part${i % 7}`);
      mkdirSync(dir, { recursive: true });
      if (i % 2) writeFileSync(join(dir, `module${i}.ts`), `export function computeTotal${i}(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, ${i});\n}\n\nexport class Basket${i} {\n  items: string[] = [];\n  add(item: string): void {\n    this.items.push(item);\n  }\n}\n`);
      else writeFileSync(join(dir, `module_${i}.py`), `def parse_header_${i}(raw):\n    return dict(line.split(": ") for line in raw.splitlines())\n\n\nclass Reader${i}:\n    def read(self, path):\n        with open(path) as f:\n            return f.read()\n`);
    }
    queries = join(root, '..', `${root.split('/').pop()}-queries.jsonl`);
    writeFileSync(queries, ['{"id":"a","query":"compute the total of the prices"}', '{"id":"b","query":"parse the HTTP header lines into a dict"}', '{"id":"c","query":"basket add item"}'].join('\n') + '\n');
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(queries, { force: true });
  });

  it('the bundled CLI parses in worker threads and finds what one thread finds', async () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run "npm run build" first');
    const bundled = await run(process.execPath, [CLI, 'search', '--root', root, '--queries', queries, '--top', '5', '--no-cache', '--verbose']);
    assert.match(bundled.stderr, new RegExp(`${CHUNK_WORKERS_FROM_FILES + 20} parsed in worker threads`));
    let stdout = '';
    let stderr = '';
    const code = await searchCommand(['--root', root, '--queries', queries, '--top', '5', '--no-cache', '--verbose'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, devGrammar);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /worker threads/, 'from source, one thread');
    assert.equal(bundled.stdout, stdout);
    assert.equal(stdout.trim().split('\n').length, 3);
  });
});
