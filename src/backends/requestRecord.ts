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

/** "POST http://127.0.0.1:11434/api/generate": the method and the full URL the request went to. */
function requestLine(record: RequestRecord): string {
  const [method, path] = record.endpoint.split(' ');
  return `${method} ${record.baseUrl.replace(/\/+$/, '')}${path ?? ''}`;
}

/**
 * The record as a JSON document a user reads: which role sent it, where it went, how long it took, what was
 * sent. `others` — the last request of each other role — are listed by role with where they went, so a setup
 * with a server per role shows at a glance which server each role talks to.
 */
export function formatRequestRecord(record: RequestRecord, others: readonly RequestRecord[] = []): string {
  const elsewhere = others.filter((o) => o.role && o.role !== record.role);
  const document = {
    sent: new Date(record.at).toISOString(),
    ...(record.role ? { role: record.role } : {}),
    request: requestLine(record),
    model: record.model,
    response: {
      outcome: record.outcome,
      firstChunkMs: record.firstChunkMs ?? null,
      totalMs: record.totalMs,
      chunks: record.chunks,
    },
    note: 'The body below is exactly what was sent, after secret redaction («secret:…» placeholders) — nothing else left this machine with it.',
    body: record.body ?? null,
    ...(elsewhere.length ? { otherRoles: Object.fromEntries(elsewhere.map((o) => [o.role, `${requestLine(o)} (sent ${new Date(o.at).toISOString()})`])) } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
