/**
 * The Doctor's row for the workspace's codebase index: its state (off and why, waiting, building with
 * progress, ready, failed), how many files and chunks it holds, how long ago it was last brought up to
 * date and its size on disk. Plain data: the extension fills it from the index's status when the Doctor
 * runs; the text report and the Doctor view show it. It is information, never a failed check of the report.
 */
import type { CodebaseStatus } from '../codebase/indexStatus';
import type { CheckStatus } from './view';

export interface CodebaseReport {
  state: CodebaseStatus['state'];
  reason?: CodebaseStatus['reason'];
  error?: string;
  files: number;
  chunks: number;
  complete: boolean;
  progress?: { done: number; total: number };
  /** Time since the index was last brought up to date, in ms. */
  ageMs?: number;
  snapshotBytes?: number;
  vectors?: number;
  embedError?: string;
  /** Another window holds a folder's index database: the index is in memory here and not saved. */
  busy?: boolean;
}

export function codebaseReport(status: CodebaseStatus, now: number): CodebaseReport {
  const { state, reason, error, files, chunks, complete, progress, syncedAt, snapshotBytes, vectors, embedError, busy } = status;
  return { state, reason, error, files, chunks, complete, progress, ageMs: syncedAt === undefined ? undefined : Math.max(0, now - syncedAt), snapshotBytes, ...(vectors !== undefined && { vectors }), ...(embedError && { embedError }), ...(busy && { busy }) };
}

const OFF: Record<NonNullable<CodebaseReport['reason']>, string> = {
  disabled: 'off (setting fathom.codebase.enabled)',
  untrusted: 'off — the workspace is not trusted (Restricted Mode)',
  noFolder: 'off — no folder is open',
};

/** "ready: 1,234 files, 5,678 chunks, updated 3 min ago, 2.1 MB on disk", and so on. */
export function codebaseSummary(r: CodebaseReport): string {
  if (r.state === 'off') return OFF[r.reason ?? 'noFolder'];
  if (r.state === 'waiting') return 'starts shortly';
  if (r.state === 'failed') return `failed: ${r.error ?? 'unknown error'}`;
  const parts = [`${count(r.files)} files`, `${count(r.chunks)} chunks`];
  if (r.ageMs !== undefined) parts.push(`updated ${age(r.ageMs)}`);
  if (r.snapshotBytes !== undefined) parts.push(`${size(r.snapshotBytes)} on disk`);
  if (r.vectors !== undefined) parts.push(`${count(r.vectors)} with vectors${r.embedError ? ` (embedding stopped: ${r.embedError})` : ''}`);
  if (r.busy) parts.push('in memory only, not saved: another window holds the index database');
  if (r.state === 'building') {
    const p = r.progress && r.progress.total > 0 ? ` ${count(r.progress.done)}/${count(r.progress.total)}` : '';
    return `building${p}: ${parts.join(', ')}`;
  }
  return `${r.complete ? 'ready' : 'partial (the last build was cancelled; it resumes next time)'}: ${parts.join(', ')}`;
}

export function codebaseCheckStatus(r: CodebaseReport): CheckStatus {
  if (r.state === 'failed') return 'fail';
  if (r.state === 'off' || r.state === 'waiting') return 'skip';
  return r.state === 'ready' && r.complete ? 'ok' : 'warn';
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function age(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
