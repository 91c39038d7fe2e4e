/**
 * The messages between the Doctor view's page and the extension, imported by both sides (plain data only).
 */
import type { DoctorView } from '../../doctor/view';
import type { DoctorRole, FixAction } from '../../doctor/probe';

/** Extension → page. */
export type ToDoctor =
  /** The checks are running (again). */
  | { type: 'running' }
  | { type: 'report'; view: DoctorView }
  /** The checks could not run at all (cancelled, or a bug): shown instead of a report. */
  | { type: 'failed'; message: string };

/** Page → extension. */
export type FromDoctor =
  | { type: 'ready' }
  | { type: 'rerun' }
  | { type: 'copy' }
  | { type: 'fix'; role: DoctorRole; action: FixAction }
  /** A recommendation's button: Select Model for the role with the model chosen (the extension checks it was recommended). */
  | { type: 'useModel'; role: 'completion' | 'chat'; model: string };

const ACTIONS = new Set<string>(['startOllama', 'pullModel', 'setApiKey', 'openSettings', 'selectModel', 'openNextEditSetting']);

export function parseFromDoctor(message: unknown): FromDoctor | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.type === 'ready' || m.type === 'rerun' || m.type === 'copy') return { type: m.type };
  if (m.type === 'fix' && (m.role === 'completion' || m.role === 'chat' || m.role === 'nextEdit') && typeof m.action === 'string' && ACTIONS.has(m.action)) {
    return { type: 'fix', role: m.role, action: m.action as FixAction };
  }
  if (m.type === 'useModel' && (m.role === 'completion' || m.role === 'chat') && typeof m.model === 'string' && m.model.length > 0 && m.model.length <= 300) {
    return { type: 'useModel', role: m.role, model: m.model };
  }
  return undefined;
}
