/**
 * Shared pieces of the security suite: a workspace held in memory, the real BackendPool pointed at the fake
 * server, and the scan that looks for forbidden text in what the fake server received.
 */
import { BackendPool } from '../../src/roles/pool';
import type { ProviderKind } from '../../src/backends/types';
import type { DocumentSnapshot } from '../../src/workspace/document';
import type { WorkspaceFiles } from '../../src/workspace/files';
import { objectSource, parseConfig, type FathomConfig } from '../../src/config/settings';
import { silentLogger } from '../../src/logging/logger';
import { languageOfPath } from '../../src/syntax/languages';
import type { FakeServer, RecordedRequest } from '../fake-server';

export const CURSOR = '█';

/** Requests that carry code or text: every route except model lists, model info and version probes. */
export const CONTENT_ENDPOINTS = new Set(['ollama.generate', 'ollama.chat', 'openai.chat', 'openai.completions']);

/** A workspace held in memory (path → text), with the documents "open in the editor". */
export class MemoryFiles implements WorkspaceFiles {
  constructor(
    readonly files: Record<string, string>,
    private readonly recent: string[] = [],
  ) {}

  async read(path: string): Promise<string | undefined> {
    return this.files[normalize(path)];
  }

  async exists(path: string): Promise<boolean> {
    return normalize(path) in this.files;
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir ? `${dir.replace(/\/$/, '')}/` : '';
    const names = new Set<string>();
    for (const p of Object.keys(this.files)) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
    return [...names];
  }

  recentDocuments() {
    return this.recent.map((path) => ({ path, languageId: languageOfPath(path) ?? 'plaintext', text: this.files[path] }));
  }
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/|\/)+/, '');
}

/** A document written with `█` where the cursor is. */
export function snapshotOf(path: string, marked: string, version = 1): DocumentSnapshot {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error('a fixture needs a █');
  return { uri: `file:///${path}`, path, languageId: languageOfPath(path) ?? 'plaintext', text: marked.replace(CURSOR, ''), offset, version };
}

/** The configuration the extension would read, pointed at the fake server, both roles on `provider`. */
export function configFor(server: FakeServer, provider: ProviderKind, extra: Record<string, unknown> = {}): FathomConfig {
  return parseConfig(
    objectSource({
      'completion.provider': provider,
      'chat.provider': provider,
      'ollama.baseUrl': server.url,
      'openai.baseUrl': `${server.url}/v1`,
      ...extra,
    }),
  );
}

/** The real pool (redaction, endpoint guard, request log) as the extension builds it. */
export function poolFor(config: FathomConfig): BackendPool {
  return new BackendPool(() => config, async () => undefined, silentLogger);
}

export async function drain(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of stream) text += piece;
  return text;
}

/** Every string inside a parsed JSON body (the decoded form of what travelled, escapes undone). */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

/**
 * Whether `needle` travelled in the request: in the raw bytes as written, JSON-escaped in the raw bytes
 * (a secret with a backslash or quote is escaped on the wire), or in any decoded string of the body.
 */
export function carries(request: RecordedRequest, needle: string): boolean {
  if (request.rawBody.includes(needle)) return true;
  if (request.rawBody.includes(JSON.stringify(needle).slice(1, -1))) return true;
  return stringsOf(request.body).some((s) => s.includes(needle));
}

/** Bytes of `needle` found in the request (occurrences × UTF-8 length), raw, JSON-escaped or decoded, whichever finds most. */
export function bytesOf(request: RecordedRequest, needle: string): number {
  if (needle === '') return 0;
  const count = (hay: string, what: string) => hay.split(what).length - 1;
  const raw = Math.max(count(request.rawBody, needle), count(request.rawBody, JSON.stringify(needle).slice(1, -1)));
  const decoded = stringsOf(request.body).reduce((n, s) => n + count(s, needle), 0);
  return Math.max(raw, decoded) * Buffer.byteLength(needle);
}

/** A redaction placeholder (`«secret:rule:tag»`) in the request: proof the secret reached the request and was replaced. */
export function hasPlaceholder(request: RecordedRequest): boolean {
  return stringsOf(request.body).some((s) => /«secret:[a-z0-9-]+:[a-z0-9]+»/.test(s));
}

export const contentRequests = (server: FakeServer): RecordedRequest[] => server.requests.filter((r) => CONTENT_ENDPOINTS.has(r.endpoint));
