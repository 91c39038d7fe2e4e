/**
 * Writes answers onto the wire with the timings and faults a Reply asks for. Every wait listens to the
 * connection: when the client goes away, writing stops and no timer is left behind.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FinishReason, StreamPlan } from './stream-plan';
import type { Reply } from './types';

/** An endless stream ends by itself after this many pieces, so a test that forgets to abort cannot hang. */
export const ENDLESS_CHUNK_CAP = 5000;

/** One response being written. */
export interface Wire {
  res: ServerResponse;
  /** Aborted when the connection closes, whoever closed it. */
  closed: AbortSignal;
  /** Destroys the socket on purpose (the `drop` fault); the request is then not marked closedByClient. */
  drop(): void;
}

/** Pause between the last good piece and a `drop`, so the client has read what came before. */
const DROP_AFTER_MS = 30;

const JSON_TYPE = 'application/json; charset=utf-8';

/** Waits `ms`; false when the connection closed meanwhile. */
async function pause(ms: number | undefined, closed: AbortSignal): Promise<boolean> {
  if (ms && ms > 0) {
    try {
      await sleep(ms, undefined, { signal: closed });
    } catch {
      return false;
    }
  }
  return !closed.aborted;
}

/** Waits for `gate`; false when the client went away first. */
async function until(gate: Promise<unknown>, closed: AbortSignal): Promise<boolean> {
  await Promise.race([gate.catch(() => undefined), untilClosed(closed)]);
  return !closed.aborted;
}

function untilClosed(closed: AbortSignal): Promise<void> {
  return closed.aborted ? Promise.resolve() : new Promise((resolve) => closed.addEventListener('abort', () => resolve(), { once: true }));
}

function* cycle(pieces: readonly string[], cap: number): Generator<string> {
  const source = pieces.length > 0 ? pieces : [' '];
  for (let i = 0; i < cap; i++) yield source[i % source.length];
}

export async function sendError(wire: Wire, reply: Reply, status: number, body: unknown): Promise<void> {
  if (!(await pause(reply.firstTokenMs, wire.closed))) return;
  const headers: Record<string, string> = { 'content-type': JSON_TYPE };
  if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
  wire.res.writeHead(status, headers).end(JSON.stringify(body));
}

/** A redirect as a misconfigured or hostile server sends one: the status and a Location header, no body. */
export function sendRedirect(wire: Wire, status: number, location: string): Promise<void> {
  wire.res.writeHead(status, { location, 'content-length': '0' }).end();
  return Promise.resolve();
}

/** A complete JSON answer, with the faults that make sense for one: stall, drop before answering, broken JSON. */
export async function sendJson(wire: Wire, reply: Reply, body: unknown, malformed: string): Promise<void> {
  if (reply.fault === 'stall') {
    wire.res.writeHead(200, { 'content-type': JSON_TYPE }).flushHeaders();
    return untilClosed(wire.closed);
  }
  if (!(await pause(reply.firstTokenMs, wire.closed))) return;
  if (reply.fault === 'drop') return wire.drop();
  wire.res.writeHead(200, { 'content-type': JSON_TYPE }).end(reply.fault === 'malformed' ? malformed : JSON.stringify(body));
}

/** A streamed answer: headers at once, then the pieces, then the plan's end — or the reply's fault. */
export async function sendStream(wire: Wire, reply: Reply, plan: StreamPlan, pieces: readonly string[]): Promise<void> {
  const { res, closed } = wire;
  res.writeHead(200, { 'content-type': plan.contentType, 'cache-control': 'no-cache' }).flushHeaders();
  if (reply.fault === 'stall') return untilClosed(closed);
  const source = reply.endless ? cycle(pieces, ENDLESS_CHUNK_CAP) : pieces[Symbol.iterator]();
  const tokenMs = reply.tokenMs ?? (reply.endless ? 5 : 0);
  const faultAt = reply.afterChunks ?? 1;
  let sent = 0;
  if (!(await pause(reply.firstTokenMs, closed))) return;
  if (reply.wireSplits && !reply.fault && !reply.endless) return sendSplit(wire, reply, plan, pieces, reply.wireSplits);
  for (let next = source.next(); ; next = source.next()) {
    // A fault fires after `afterChunks` pieces, or at the end when the answer is shorter than that.
    if (reply.fault && (sent >= faultAt || next.done)) {
      if (reply.fault === 'drop') {
        // Let the pieces already sent be read first: a reset can make the client discard data it has not read yet.
        if (sent > 0 && !(await pause(Math.max(tokenMs, DROP_AFTER_MS), closed))) return;
        return wire.drop();
      }
      res.end(plan.malformed);
      return;
    }
    if (next.done) break;
    if (sent > 0 && !(await pause(sent === reply.pauseAfter?.chunks ? reply.pauseAfter.ms : tokenMs, closed))) return;
    if (sent === 1 && reply.holdUntil && !(await until(reply.holdUntil, closed))) return;
    res.write(plan.frame(next.value));
    sent++;
  }
  const reason: FinishReason = reply.endless ? 'length' : 'stop';
  res.end(plan.end(sent, reason));
}

/** The whole framed body written in byte ranges cut at `splits`, so frames and characters arrive in parts. */
async function sendSplit(wire: Wire, reply: Reply, plan: StreamPlan, pieces: readonly string[], splits: NonNullable<Reply['wireSplits']>): Promise<void> {
  const body = Buffer.from(pieces.map((p) => plan.frame(p)).join('') + plan.end(pieces.length, 'stop'), 'utf8');
  const cuts = [...new Set(typeof splits === 'function' ? splits(body.length) : splits)].filter((at) => at > 0 && at < body.length).sort((a, b) => a - b);
  let from = 0;
  for (const at of [...cuts, body.length]) {
    if (from > 0 && !(await pause(reply.tokenMs, wire.closed))) return;
    wire.res.write(body.subarray(from, at));
    from = at;
  }
  wire.res.end();
}
