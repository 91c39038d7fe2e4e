/**
 * What "Fathom: Show Last Request" shows: the last generation request as it went over the wire — the
 * endpoint, the exact JSON body (after redaction: what the server really received), and how the answer
 * came back. Recorded by the request log (logged.ts); plain data, formatted here.
 */
import type { ProviderKind } from './providers';

export interface RequestRecord {
  /** Date.now() when the request was sent. */
  at: number;
  provider: ProviderKind;
  /** The role that sent it (completion, chat, nextEdit, embeddings), when the pool built the client. */
  role?: string;
  /** e.g. "POST /api/generate". */
  endpoint: string;
  baseUrl: string;
  model: string;
  /** The JSON body exactly as posted (undefined when the client cannot say). */
  body: unknown;
  firstChunkMs?: number;
  totalMs: number;
  chunks: number;
  /** "ok", "closed early" (Fathom stopped reading), or "failed (kind, HTTP n)". */
  outcome: string;
}

/** The record as a JSON document a user reads: where it went, how long it took, what was sent. */
export function formatRequestRecord(record: RequestRecord): string {
  const [method, path] = record.endpoint.split(' ');
  const document = {
    sent: new Date(record.at).toISOString(),
    ...(record.role ? { role: record.role } : {}),
    request: `${method} ${record.baseUrl.replace(/\/+$/, '')}${path ?? ''}`,
    model: record.model,
    response: {
      outcome: record.outcome,
      firstChunkMs: record.firstChunkMs ?? null,
      totalMs: record.totalMs,
      chunks: record.chunks,
    },
    note: 'The body below is exactly what was sent, after secret redaction («secret:…» placeholders) — nothing else left this machine with it.',
    body: record.body ?? null,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
