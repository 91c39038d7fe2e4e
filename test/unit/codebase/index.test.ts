import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Chunk } from '../../../src/codebase/chunk';
import { chunkNames, CodebaseIndex, CROWDED_FILE_CHUNKS, INDEX_FORMAT } from '../../../src/codebase/codebaseIndex';
import { loadIndex, saveIndex, snapshotPath } from '../../../src/codebase/indexStore';
import { chunksOf, INDEX_PARSE_MS, syncIndex } from '../../../src/codebase/syncIndex';
import { walkRoot } from '../../../src/codebase/walk';
import { MAX_PARSE_MS, Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from '../syntax/grammars';

describe('codebase: index', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  let root: string;
  let storage: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-codebase-'));
    storage = mkdtempSync(join(tmpdir(), 'fathom-codebase-store-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });
  after(() => parsers.dispose());

  it('ranks the function a query describes first, by its name and body words', async () => {
    write('src/cart.ts', 'export function addItem(cart: string[], item: string) {\n  cart.push(item);\n}\n\nexport function totalPrice(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n');
    write('src/user.ts', 'export function parseUserName(raw: string) {\n  return raw.trim().split(" ")[0];\n}\n');
    write('lib/http_client.py', 'def send_request(url, headers):\n    return fetch(url, headers)\n\n\ndef parse_headers(raw):\n    return dict(line.split(": ") for line in raw.splitlines())\n');
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const first = (q: string) => index.search(q, 3)[0];
    assert.deepEqual(pick(first('Computes the total price of the given prices')), { path: 'src/cart.ts', startLine: 5, endLine: 7, symbol: 'totalPrice' });
    assert.deepEqual(pick(first('parse the HTTP headers')), { path: 'lib/http_client.py', startLine: 5, endLine: 6, symbol: 'parse_headers' });
    assert.deepEqual(pick(first('parseUserName')), { path: 'src/user.ts', startLine: 1, endLine: 3, symbol: 'parseUserName' });
    assert.equal(index.search('zebra giraffe', 3).length, 0);
  });

  it("finds a method of a short class (one chunk) by the method's name, and stores no member list", async () => {
    write('http/client.py', 'class HTTPMessage:\n    def getallmatchingheaders(self, name):\n        return [h for h in self.items if h == name]\n\n    def close(self):\n        self.fp = None\n');
    write('http/util.py', 'def header_lines(message):\n    """All header lines of a message, matching or not."""\n    return message.splitlines()\n');
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const [first] = index.search('get all matching headers', 2);
    assert.deepEqual(pick(first), { path: 'http/client.py', startLine: 1, endLine: 6, symbol: 'HTTPMessage' });
    assert.ok(!('members' in first), 'the member names live in the lexical index only');
  });

  it("finds a function by what it is given: its parameters count as a field of their own, not only as body words", async () => {
    // Both say "timeout" once; the shorter body would win on body words alone.
    write('net/retry.py', 'def retry(operation, attempts, timeout):\n    for attempt in range(attempts):\n        if operation(attempt):\n            return attempt\n    raise RuntimeError(attempts)\n');
    write('net/poll.py', 'def poll(operation):\n    return operation(timeout)\n');
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const hits = index.search('Run the operation again with a timeout', 2);
    assert.deepEqual(hits.map((h) => h.symbol), ['retry', 'poll']);
    assert.ok(!('params' in hits[0]), 'the parameters live in the lexical index only');
  });

  it('counts the path of a crowded file (more than CROWDED_FILE_CHUNKS chunks) at half weight: it says less about each chunk', async () => {
    const others = (n: number) => Array.from({ length: n }, (_, i) => `def helper${i}(value):\n    return value + ${i}\n`).join('\n\n');
    const close = 'def close(self):\n    self.state = None\n';
    // The same function in a module of many definitions, and in a module of two.
    write('big/mailbox.py', `${others(CROWDED_FILE_CHUNKS)}\n\n${close}`);
    write('small/mailbox.py', `${others(1)}\n\n${close}`);
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const hits = index.search('Close the mailbox.', 2);
    assert.deepEqual(hits.map((h) => `${h.path}:${h.symbol}`), ['small/mailbox.py:close', 'big/mailbox.py:close']);
  });

  it("counts a word the question writes as code ('line') twice: a doc comment names a parameter so", async () => {
    write('text/file.py', 'def unreadline(stack, line):\n    stack.append(line)\n\n\ndef fill_buffer(buffer, item):\n    buffer.append(item)\n');
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const first = (q: string) => index.search(q, 2)[0]?.symbol;
    assert.equal(first("Push 'line' onto an internal buffer."), 'unreadline');
    assert.equal(first('Push line onto an internal buffer.'), 'fill_buffer', 'the same word in prose weighs as any other');
  });

  it('answers a yes/no question with the predicate: "Return true if …" finds `isDirectory`, not the function about directories', async () => {
    write('src/fs.ts', [
      'export function listDirectory(path: string): string[] {',
      '  const directory = openDirectory(path);',
      '  return directory.entries(path);',
      '}',
      '',
      'export function isDirectory(path: string): boolean {',
      '  return stat(path).kind === 4;',
      '}',
      '',
    ].join('\n'));
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    assert.equal(index.search('Return true if the path is a directory.', 2)[0]?.symbol, 'isDirectory');
    assert.equal(index.search('List the entries of a directory.', 2)[0]?.symbol, 'listDirectory');
  });

  it("gives a constructor named after its class (Java, C#, C++) the class's name once: `Session.Session` is no stronger a match for \"session\" than `Session`", () => {
    const index = CodebaseIndex.empty();
    const text = 'this.store = store; this.timeout = timeout;';
    // Separate files of paths with the same words, so neither gains from the other (fileEvidence.ts).
    oneChunkFile(index, 'a/Session.java', { kind: 'function', symbol: 'Session', container: 'Session' }, text);
    oneChunkFile(index, 'b/Session.java', { kind: 'function', symbol: 'Session', container: '' }, text);
    const [first, second] = index.search('Create a session with a store and a timeout', 2);
    assert.ok(first && second);
    assert.equal(first.score, second.score);
    assert.deepEqual(
      [
        chunkNames({ container: 'net.Session', symbol: 'Session' }),
        chunkNames({ container: 'app', symbol: 'Engine::Engine' }),
        chunkNames({ container: 'app', symbol: 'Engine::start' }),
        chunkNames({ container: 'Session', symbol: 'open' }),
        chunkNames({ container: '', symbol: 'Cache', members: ['get', 'put'] }),
      ],
      ['net.Session ', 'app Engine', 'app Engine::start', 'Session open', ' Cache get put'],
    );
  });

  it('chunks a C++ header (.h) with the C++ grammar: its class splits into methods, not one chunk of the whole namespace', async () => {
    const methods = Array.from({ length: 6 }, (_, i) => `  /** Step ${i}. */\n  virtual void step${i}(int n) {\n    total_ += n * ${i};\n  }\n`).join('\n');
    const header = `#pragma once\n#include <functional>\n\nnamespace facebook::react {\n\nclass CallInvoker {\n public:\n${methods}\n private:\n  int total_ = 0;\n};\n\n} // namespace facebook::react\n`;
    const chunks = await chunksOf('include/CallInvoker.h', header, parsers);
    assert.deepEqual(chunks.filter((c) => c.kind === 'function').map((c) => c.symbol), ['step0', 'step1', 'step2', 'step3', 'step4', 'step5']);
    assert.ok(chunks.every((c) => c.endLine - c.startLine < 10), 'no chunk spans the namespace');
    // A C header stays C.
    const c = await chunksOf('include/util.h', '#include <stddef.h>\n\nstatic int add(int a, int b) {\n  return a + b;\n}\n', parsers);
    assert.deepEqual(c.filter((x) => x.kind === 'function').map((x) => x.symbol), ['add']);
  });

  it('counts a class\'s head at half a function\'s match: its doc comment describes the class, not the method asked about', () => {
    const index = CodebaseIndex.empty();
    const text = 'reconnect the socket after a timeout';
    // Separate files, so neither gains from the other's match (fileEvidence.ts).
    oneChunkFile(index, 'a.py', { kind: 'header', symbol: 'Client', container: '' }, text);
    oneChunkFile(index, 'b.py', { kind: 'function', symbol: 'Client', container: '' }, text);
    const [method, head] = index.search('reconnect the socket', 2);
    assert.deepEqual([method.kind, head.kind], ['function', 'header']);
    assert.ok(Math.abs(head.score - method.score * 0.5) < 1e-9, `${head.score} = half of ${method.score}`);
  });

  it('never indexes ignored files: .gitignore (nested too), .fathomignore, the secret defaults, dependency and build folders', async () => {
    write('.gitignore', 'generated/\n*.log\n');
    write('.fathomignore', 'private/\n');
    write('pkg/.gitignore', 'local.ts\n');
    write('src/keep.ts', 'export const keep = 1;\n');
    write('pkg/local.ts', 'export const nested = 1;\n');
    write('pkg/shared.ts', 'export const shared = 1;\n');
    write('generated/out.ts', 'export const gen = 1;\n');
    write('debug.log', 'log line\n');
    write('private/plan.ts', 'export const plan = 1;\n');
    write('.env', 'API_KEY=1\n');
    write('config/id_rsa', 'key\n');
    write('node_modules/dep/index.js', 'module.exports = 1;\n');
    write('dist/bundle.js', 'var x = 1;\n');
    write('image.png', 'PNG');
    const paths = (await walkRoot(root)).map((f) => f.path);
    assert.deepEqual(paths, ['.fathomignore', '.gitignore', 'pkg/.gitignore', 'pkg/shared.ts', 'src/keep.ts']);
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    assert.deepEqual(index.paths().sort(), paths);
    assert.equal(index.search('plan nested bundle', 10).length, 0);
  });

  it('stores no secret: chunk text is redacted before it is indexed and saved', async () => {
    const token = 'ghp_R8mK2vQ9xL4pT7wN3bZ6cY1dF5gH0jS8aE2u';
    write('src/client.ts', `export function connect() {\n  const auth = "${token}";\n  return open(auth);\n}\n`);
    // A default parameter is indexed twice (body and parameters): redacted in both.
    write('lib/login.py', `def login(user, token="${token}"):\n    return open_session(user, token)\n`);
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    const file = await saveIndex(storage, root, index);
    const saved = readFileSync(file, 'utf8');
    assert.ok(saved.includes('connect') && saved.includes('login'), 'the code is indexed');
    assert.ok(!saved.toLowerCase().includes(token.toLowerCase().slice(4, 14)), 'no piece of the token is stored');
    assert.equal(index.search(token, 5).length, 0, 'the token finds nothing');
  });

  it('is incremental: a changed file is re-chunked, a deleted one removed, an unchanged one not read again', async () => {
    write('a.ts', 'export function alpha() {\n  return 1;\n}\n');
    write('b.ts', 'export function beta() {\n  return 2;\n}\n');
    write('c.ts', 'export function gamma() {\n  return 3;\n}\n');
    const index = CodebaseIndex.empty();
    assert.deepEqual(pickStats(await syncIndex(root, index, parsers)), { added: 3, updated: 0, removed: 0, unchanged: 0 });
    await saveIndex(storage, root, index);

    write('a.ts', '// moved down\n\nexport function alphaRenamed() {\n  return 1;\n}\n');
    utimesSync(join(root, 'a.ts'), new Date(), new Date(Date.now() + 5000));
    unlinkSync(join(root, 'b.ts'));
    const reloaded = await loadIndex(storage, root);
    assert.ok(reloaded, 'the saved index loads');
    assert.deepEqual(pickStats(await syncIndex(root, reloaded, parsers)), { added: 0, updated: 1, removed: 1, unchanged: 1 });
    assert.deepEqual(reloaded.search('alpha renamed', 1).map(pick), [{ path: 'a.ts', startLine: 3, endLine: 5, symbol: 'alphaRenamed' }]);
    assert.equal(reloaded.search('beta', 5).length, 0);
    assert.equal(reloaded.search('gamma', 1)[0]?.path, 'c.ts');
    assert.ok(snapshotPath(storage, root).startsWith(storage));
  });

  it('ignores a snapshot of another format: it is rebuilt, not misread', async () => {
    write('a.ts', 'export const a = 1;\n');
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    await saveIndex(storage, root, index);
    const file = snapshotPath(storage, root);
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"format":${INDEX_FORMAT}`, '"format":0'));
    assert.equal(await loadIndex(storage, root), undefined);
  });

  it('gives a file\'s parse the indexing deadline, not the editor\'s: on a busy machine functions must not turn into line windows', async () => {
    const asked: (number | undefined)[] = [];
    const recording = new (class extends Parsers {
      override parseText(languageId: string, text: string, maxMs?: number) {
        asked.push(maxMs);
        return super.parseText(languageId, text, maxMs);
      }
    })(devGrammar);
    try {
      const chunks = await chunksOf('a.py', 'def one():\n    return 1\n\n\ndef two():\n    return 2\n', recording);
      assert.deepEqual(chunks.map((c) => c.symbol), ['one', 'two']);
      assert.deepEqual(asked, [INDEX_PARSE_MS]);
      assert.ok(INDEX_PARSE_MS > MAX_PARSE_MS);
    } finally {
      recording.dispose();
    }
  });
});

function pick(r: { path: string; startLine: number; endLine: number; symbol: string } | undefined) {
  return r && { path: r.path, startLine: r.startLine, endLine: r.endLine, symbol: r.symbol };
}

function pickStats(s: { added: number; updated: number; removed: number; unchanged: number }) {
  return { added: s.added, updated: s.updated, removed: s.removed, unchanged: s.unchanged };
}

/** Puts a file of one one-line chunk (`text`) in the index. */
function oneChunkFile(index: CodebaseIndex, path: string, chunk: Pick<Chunk, 'kind' | 'symbol' | 'container'>, text: string): void {
  index.setFile(path, { size: 1, mtimeMs: 1 }, [{ path, startLine: 1, endLine: 1, ...chunk, text }]);
}
