/**
 * Figure 15, the embeddings requests. A workspace holds every corpus secret (test/unit/privacy/corpus.ts) in
 * the code it sits in, plus a control marker in an ordinary file; its index is built and its chunks embedded
 * the way the extension and the CLI do — refreshVectors through BackendPool's embeddings role (redaction,
 * endpoint guard, request log, the SDKs) — against the fake server on both protocols, which records every
 * /api/embed and /v1/embeddings request.
 *
 * (a) No secret (nor any line of 16+ characters of a multi-line one) is in any recorded request; the control
 *     marker is (proof the chunks were really sent).
 * (b) Local-only mode: the endpoint is `http://0.0.0.0:<port>` — not loopback by the rule, yet it reaches the
 *     fake on 127.0.0.1. With `fathom.localOnly` on, 0 requests and 0 bytes reach it and the failure is
 *     reported as a local-only refusal; the control run with it off reaches it.
 * (c) A declined consent (the same remote-by-the-rule endpoint) sends nothing either.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProviderKind } from '../../src/backends/types';
import { CodebaseIndex } from '../../src/codebase/codebaseIndex';
import { syncIndex } from '../../src/codebase/syncIndex';
import type { Embedder } from '../../src/codebase/vectors/embedder';
import { refreshVectors } from '../../src/codebase/vectors/refreshVectors';
import type { VectorSyncReport } from '../../src/codebase/vectors/syncVectors';
import { objectSource, parseConfig } from '../../src/config/settings';
import { silentLogger } from '../../src/logging/logger';
import type { EndpointConsent } from '../../src/privacy/endpointGuard';
import { BackendPool } from '../../src/roles/pool';
import { Parsers } from '../../src/syntax/parsers';
import { CORPUS } from '../unit/privacy/corpus';
import { devGrammar } from '../unit/syntax/grammars';
import { EMBEDDING_ENDPOINTS, startFakeServer, type FakeServer, type RecordedRequest } from '../fake-server';
import { record, SECTIONS } from './figures';

const PROVIDERS: ProviderKind[] = ['ollama', 'openai'];
const CONTROL = 'zebramarkerembedcontrol';
/** A line of a multi-line secret shorter than this could occur in any code: no evidence of a leak. */
const MIN_LINE = 16;

function embedderOf(baseUrl: string, provider: ProviderKind, options: { localOnly?: boolean; consent?: EndpointConsent } = {}): Embedder {
  const root = provider === 'ollama' ? baseUrl : `${baseUrl}/v1`;
  const config = parseConfig(objectSource({ 'embeddings.provider': provider, 'embeddings.baseUrl': root, localOnly: options.localOnly ?? false, requestTimeoutMs: 5000 }));
  const pool = new BackendPool(() => config, async () => undefined, silentLogger, Date.now, options.consent);
  return async (texts, signal) => {
    const role = (await pool.embeddingsBackend())!;
    return role.backend.embed(texts, role.settings.model, { signal });
  };
}

function bytesOf(requests: readonly RecordedRequest[]): number {
  return requests.reduce((n, r) => n + Buffer.byteLength(`${r.method} ${r.path}${r.query}\r\n${Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${r.rawBody}`), 0);
}

/** The texts the recorded embeddings requests carried. */
function sentTexts(requests: readonly RecordedRequest[]): string[] {
  return requests.filter((r) => EMBEDDING_ENDPOINTS.includes(r.endpoint)).flatMap((r) => {
    const input = (r.body as { input?: unknown } | undefined)?.input;
    return Array.isArray(input) ? input.map(String) : [String(input)];
  });
}

describe('security: embeddings requests', function () {
  this.timeout(120_000);
  let root: string;
  let server: FakeServer;
  let index: CodebaseIndex;
  before(async () => {
    server = await startFakeServer();
    root = mkdtempSync(join(tmpdir(), 'fathom-security-embed-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('src/control.ts', `export function ${CONTROL}() {\n  return 1;\n}\n`);
    CORPUS.forEach((entry, i) => {
      const comments = entry.context.split('\n').map((l) => `  // ${l}`).join('\n');
      write(`src/config${i}.ts`, `export function loadConfig${i}() {\n${comments}\n  return ${i};\n}\n`);
    });
    const parsers = new Parsers(devGrammar);
    try {
      index = CodebaseIndex.empty();
      await syncIndex(root, index, parsers);
    } finally {
      parsers.dispose();
    }
  });
  after(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });
  beforeEach(() => server.reset());

  it('(a) 0 corpus secrets in the texts sent to /api/embed and /v1/embeddings; the control marker is sent', async () => {
    const leaks: string[] = [];
    let texts = 0;
    let control = true;
    for (const provider of PROVIDERS) {
      server.reset();
      const { report } = await refreshVectors(root, index, `${provider}:m`, embedderOf(server.url, provider));
      assert.equal(report.failure, undefined, report.failure?.message);
      const sent = sentTexts(server.requests).join('\n');
      const raw = server.requests.map((r) => r.rawBody).join('\n');
      texts += sentTexts(server.requests).length;
      control &&= sent.includes(CONTROL);
      for (const entry of CORPUS) {
        const pieces = [entry.secret, ...entry.secret.split('\n').filter((l) => l.trim().length >= MIN_LINE)];
        if (pieces.some((p) => sent.includes(p) || raw.includes(p))) leaks.push(`${provider}:${entry.rule}`);
      }
    }
    record(
      SECTIONS.embeddings,
      [
        { metric: `corpus secrets in the embeddings requests (${CORPUS.length} secrets × ${PROVIDERS.length} protocols, ${texts} texts sent)`, value: leaks.length, unit: '', target: '= 0', pass: leaks.length === 0 },
        { metric: "control: an ordinary chunk's marker is in the embeddings requests", value: control ? 1 : 0, unit: '', target: '= 1', pass: control },
      ],
      { leaked: leaks },
    );
    assert.deepEqual(leaks, []);
    assert.ok(control, 'the chunks were sent for embedding');
  });

  it('(a2) 0 corpus secrets sent when the texts come straight to the role (a question pasted with a secret): the role redacts itself', async () => {
    const leaks: string[] = [];
    for (const provider of PROVIDERS) {
      server.reset();
      const embed = embedderOf(server.url, provider);
      for (let i = 0; i < CORPUS.length; i += 32) await embed(CORPUS.slice(i, i + 32).map((e) => `why does this fail?\n${e.context}`));
      const raw = server.requests.map((r) => r.rawBody).join('\n');
      const sent = sentTexts(server.requests).join('\n');
      for (const entry of CORPUS) {
        const pieces = [entry.secret, ...entry.secret.split('\n').filter((l) => l.trim().length >= MIN_LINE)];
        if (pieces.some((p) => sent.includes(p) || raw.includes(p))) leaks.push(`${provider}:${entry.rule}`);
      }
    }
    record(SECTIONS.embeddings, [{ metric: `corpus secrets sent in questions embedded through the role (${CORPUS.length} × ${PROVIDERS.length} protocols)`, value: leaks.length, unit: '', target: '= 0', pass: leaks.length === 0 }], { leakedFromQuestions: leaks });
    assert.deepEqual(leaks, []);
  });

  it('(b) local-only mode: 0 requests and 0 bytes reach a remote-by-the-rule embeddings endpoint; the control run reaches it', async () => {
    const remote = `http://0.0.0.0:${server.port}`;
    const refused: VectorSyncReport[] = [];
    let reached = 0;
    let bytes = 0;
    let controlReached = 0;
    for (const provider of PROVIDERS) {
      server.reset();
      refused.push((await refreshVectors(root, index, `${provider}:m`, embedderOf(remote, provider, { localOnly: true }))).report);
      reached += server.requests.length;
      bytes += bytesOf(server.requests);
      server.reset();
      await refreshVectors(root, index, `${provider}:m`, embedderOf(remote, provider, { localOnly: false }));
      controlReached += server.requests.filter((r) => EMBEDDING_ENDPOINTS.includes(r.endpoint)).length;
    }
    const kinds = refused.map((r) => r.failure?.kind);
    record(SECTIONS.embeddings, [
      { metric: `requests reaching a remote embeddings endpoint under localOnly (${PROVIDERS.length} protocols)`, value: reached, unit: '', target: '= 0', pass: reached === 0 },
      { metric: 'bytes reaching it under localOnly', value: bytes, unit: 'B', target: '= 0', pass: bytes === 0 },
      { metric: 'syncs reporting the refusal as data (failure kind "refused")', value: kinds.filter((k) => k === 'refused').length, unit: '', target: `= ${PROVIDERS.length}`, pass: kinds.every((k) => k === 'refused') },
      { metric: 'control: embeddings requests reaching it with localOnly off', value: controlReached, unit: '', target: '> 0', pass: controlReached > 0 },
    ]);
    assert.equal(reached, 0);
    assert.equal(bytes, 0);
    assert.deepEqual(kinds, PROVIDERS.map(() => 'refused'));
    assert.ok(controlReached > 0);
  });

  it('(c) a declined consent sends nothing; the question is asked before the request', async () => {
    const remote = `http://0.0.0.0:${server.port}`;
    let asked = 0;
    let reached = 0;
    for (const provider of PROVIDERS) {
      server.reset();
      const { report } = await refreshVectors(root, index, `${provider}:m`, embedderOf(remote, provider, { consent: async () => (asked++, false) }));
      assert.equal(report.failure?.kind, 'refused');
      reached += server.requests.length;
    }
    record(SECTIONS.embeddings, [
      { metric: `requests reaching a remote embeddings endpoint the user declined (${PROVIDERS.length} protocols)`, value: reached, unit: '', target: '= 0', pass: reached === 0 },
      { metric: 'consent questions asked', value: asked, unit: '', target: `= ${PROVIDERS.length}`, pass: asked === PROVIDERS.length },
    ]);
    assert.equal(reached, 0);
    assert.equal(asked, PROVIDERS.length);
  });
});
