import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEARCH_USAGE, searchCommand } from '../../../src/cli/search';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { devGrammar } from '../syntax/grammars';

describe('cli: search with embeddings', function () {
  this.timeout(30000);
  const secret = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
  let root: string;
  let cache: string;
  let server: FakeServer;
  before(async () => {
    server = await startFakeServer();
    root = mkdtempSync(join(tmpdir(), 'fathom-cli-hybrid-'));
    cache = mkdtempSync(join(tmpdir(), 'fathom-cli-hybrid-cache-'));
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'src', 'dates.ts'), 'export function formatIsoDate(date: Date): string {\n  return date.toISOString();\n}\n\nexport function daysBetween(a: Date, b: Date): number {\n  return (b.getTime() - a.getTime()) / 86400000;\n}\n');
    writeFileSync(join(root, 'src', 'client.ts'), `export function connectClient() {\n  return open("${secret}");\n}\n`);
  });
  after(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });
  beforeEach(() => server.reset());

  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await searchCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, devGrammar);
    return { code, stdout, stderr };
  }
  const embedRequests = () => server.requests.filter((r) => r.endpoint === 'ollama.embed' || r.endpoint === 'openai.embeddings');

  it('embeds the chunks through the real backend, keeps the vectors in the cache, and on the next run embeds only the query', async () => {
    const args = ['--root', root, '--query', 'days between two dates', '--cache', cache, '--embeddings-provider', 'ollama', '--embeddings-base-url', server.url, '--verbose'];
    const first = await run(args);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /3 of 3 chunks have vectors \(3 embedded, 0 removed, 256 dimensions\)/);
    const out = JSON.parse(first.stdout) as { results: Array<{ path: string; startLine: number }> };
    assert.deepEqual([out.results[0].path, out.results[0].startLine], ['src/dates.ts', 5]);
    assert.ok(readdirSync(cache).some((f) => f.startsWith('vectors-') && f.endsWith('.bin')));
    const sent = embedRequests();
    assert.equal((sent[0].body as { model: string }).model, 'nomic-embed-text');
    assert.ok(sent.every((r) => !r.rawBody.includes(secret)), 'a secret in the code is never sent for embedding');

    server.reset();
    const second = await run(args);
    assert.equal(second.code, 0);
    assert.deepEqual(embedRequests().map((r) => (r.body as { input: string[] }).input), [['days between two dates']]);
  });

  it('speaks the OpenAI protocol too, with the model given', async () => {
    const { code, stderr } = await run(['--root', root, '--query', 'format a date', '--no-cache', '--embeddings-provider', 'openai', '--embeddings-base-url', `${server.url}/v1`, '--embeddings-model', 'text-embedding-3-small']);
    assert.equal(code, 0, stderr);
    assert.ok(embedRequests().length >= 2);
    assert.ok(embedRequests().every((r) => r.endpoint === 'openai.embeddings'));
  });

  it('when embedding fails the results are lexical and stderr says why', async () => {
    const { code, stdout, stderr } = await run(['--root', root, '--query', 'format a date', '--no-cache', '--embeddings-provider', 'ollama', '--embeddings-base-url', server.url, '--embeddings-model', 'missing-embedder']);
    assert.equal(code, 0);
    assert.match(stderr, /embedding failed/);
    assert.match(stderr, /missing-embedder/);
    assert.equal((JSON.parse(stdout) as { results: Array<{ startLine: number }> }).results[0].startLine, 1);
  });

  it('--local-only refuses a remote embeddings server before anything is sent', async () => {
    const { code, stderr } = await run(['--root', root, '--query', 'format a date', '--no-cache', '--embeddings-provider', 'openai', '--embeddings-base-url', 'https://embeddings.example.com/v1', '--local-only']);
    assert.equal(code, 0);
    assert.match(stderr, /embedding failed/);
    assert.match(stderr, /local-only|not on this machine/i);
  });

  it('rejects an unknown provider and model flags without a provider', async () => {
    const bad = await run(['--root', root, '--query', 'x', '--embeddings-provider', 'cohere']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--embeddings-provider cohere is not one that serves embeddings/);
    const lonely = await run(['--root', root, '--query', 'x', '--embeddings-model', 'm']);
    assert.equal(lonely.code, 2);
    assert.match(SEARCH_USAGE, /--embeddings-provider ollama\|openai/);
    assert.match(SEARCH_USAGE, /--embeddings-base-url URL/);
  });
});
