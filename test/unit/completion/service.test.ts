import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackendPool } from '../../../src/roles/pool';
import { NodeWorkspaceFiles } from '../../../src/cli/nodeWorkspaceFiles';
import { createCompleteOnce } from '../../../src/completion/service';
import type { DocumentSnapshot } from '../../../src/workspace/document';
import { objectSource, parseConfig, type FathomConfig } from '../../../src/config/settings';
import { silentLogger } from '../../../src/logging/logger';
import { DocumentTrees } from '../../../src/syntax/documentTrees';
import { Parsers } from '../../../src/syntax/parsers';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { devGrammar } from '../syntax/grammars';
import { tempDir } from '../tempTree';

const CURSOR = '█';

describe('completion service: pool + syntax + context + prompt + engine against the fake Ollama', function () {
  this.timeout(20000);
  let server: FakeServer;
  let root: string;
  const parsers = new Parsers(devGrammar);
  const trees = new DocumentTrees(parsers);
  before(async () => {
    server = await startFakeServer();
    root = tempDir('fathom-service-');
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/geometry.ts'), 'export function distance(a: Point, b: Point): number {\n  return Math.hypot(a.x - b.x, a.y - b.y);\n}\n\nexport interface Point {\n  x: number;\n  y: number;\n}\n');
  });
  after(async () => {
    trees.dispose();
    parsers.dispose();
    await server.close();
  });
  beforeEach(() => server.reset());

  function service(settings: Record<string, unknown> = {}, onTemplateError?: (m: string) => void) {
    const config: FathomConfig = parseConfig(objectSource({ 'ollama.baseUrl': server.url, ...settings }));
    const pool = new BackendPool(() => config, async () => undefined, silentLogger);
    return createCompleteOnce({
      target: (signal) => pool.forRole('completion', { signal }),
      getConfig: () => config,
      parsers,
      withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use),
      files: new NodeWorkspaceFiles(root),
      repoName: () => 'demo',
      onTemplateError,
    });
  }

  function snapshot(marked: string, path = 'src/main.ts'): DocumentSnapshot {
    const offset = marked.indexOf(CURSOR);
    return { uri: `file:///${path}`, path, languageId: 'typescript', text: marked.replace(CURSOR, ''), offset, version: 1 };
  }

  it('sends a native FIM request carrying the imported definition, and returns the post-processed answer', async () => {
    server.replyOnce({ text: 'distance(origin, p);\nconsole.log("unrelated");\n' });
    const doc = snapshot(`import { distance, Point } from './geometry';\n\nconst origin: Point = { x: 0, y: 0 };\nexport function far(p: Point): number {\n  return ${CURSOR}\n}\n`);
    const result = await service()(doc, new AbortController().signal);
    assert.deepEqual(result, { insert: 'distance(origin, p);', replaceLength: 0 });
    const body = server.requests.find((r) => r.endpoint === 'ollama.generate')?.body as { prompt: string; suffix: string; raw?: boolean; options: { num_ctx: number; num_predict: number } };
    assert.match(body.prompt, /export function distance\(a: Point, b: Point\): number/, 'the imported definition is in the prompt');
    assert.match(body.prompt, /\/\/ Path: src\/geometry\.ts/);
    assert.ok(body.prompt.endsWith('  return '), 'the prefix ends at the cursor');
    assert.ok(body.suffix.startsWith('\n}'), 'the suffix starts at the cursor');
    assert.equal(body.raw, undefined);
    assert.equal(body.options.num_ctx, 8192);
    assert.ok(body.options.num_predict <= 128, 'a single-line completion asks for few tokens');
  });

  it('uses the chat "fill the hole" prompt for a model that cannot fill in the middle', async () => {
    server.replyOnce({ text: '<COMPLETION>a + b;</COMPLETION>' }, 'ollama.chat');
    const doc = snapshot(`function add(a: number, b: number) {\n  return ${CURSOR}\n}\n`);
    const result = await service({ 'completion.model': 'llama3.2:3b' })(doc, new AbortController().signal);
    assert.equal(result?.insert, 'a + b;');
    assert.equal(server.requests.filter((r) => r.endpoint === 'ollama.generate').length, 0);
  });

  it("follows the user's template as a raw prompt with its stop token", async () => {
    server.replyOnce({ text: 'a * b;' });
    const complete = service({ 'completion.template': '<PRE>{prefix}<SUF>{suffix}<MID>{stop:<END>}' });
    await complete(snapshot(`function mul(a: number, b: number) {\n  return ${CURSOR}\n}\n`), new AbortController().signal);
    const body = server.requests.find((r) => r.endpoint === 'ollama.generate')?.body as { prompt: string; raw: boolean; options: { stop: string[] } };
    assert.equal(body.raw, true);
    assert.match(body.prompt, /^<PRE>[\s\S]*return <SUF>\n}\n<MID>$/);
    assert.ok(body.options.stop.includes('<END>'));
  });

  it('tells once about a broken template and completes without it', async () => {
    const errors: string[] = [];
    const complete = service({ 'completion.template': '{prefix} {nonsense}' }, (m) => errors.push(m));
    server.enqueue({ text: '1;' }, { text: '2;' });
    await complete(snapshot(`const x = ${CURSOR}\n`), new AbortController().signal);
    await complete(snapshot(`const y = ${CURSOR}\n`), new AbortController().signal);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /fathom\.completion\.template is not used/);
    assert.equal(server.requests.filter((r) => r.endpoint === 'ollama.generate').length, 2);
  });

  it('aborting closes the HTTP stream and rejects as cancelled', async () => {
    server.replyOnce({ text: 'x'.repeat(400), tokenMs: 20 });
    const abort = new AbortController();
    const pending = service()(snapshot(`const x = ${CURSOR}\n`), abort.signal);
    await server.waitFor((rs) => rs.some((r) => r.endpoint === 'ollama.generate'), 3000, 'the generate request');
    abort.abort();
    await assert.rejects(pending, (e: Error & { kind?: string }) => e.kind === 'cancelled');
    await server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate' && r.closedByClient), 3000, 'the stream to be closed');
  });
});
