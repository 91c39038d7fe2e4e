/**
 * The doctor's "Models on this machine" for one server: each model with its size, whether it fits this
 * machine (roles/modelFit.ts) and the speed measured for it, and the recommended completion and chat models
 * for the roles that use this server. One shape, written as text (CLI, Copy Report) and as the view's card.
 */
import { providerEntry } from '../backends/providers';
import type { Role } from '../config/settings';
import { fitText, formatBytes, loadedText, machineText, notJudgedText, speedText, type Fit, type ModelFit } from '../roles/modelFit';
import { sameModel, type RoleReport, type ServerReport } from './probe';

export interface ModelRow {
  name: string;
  fit: Fit;
  /** "4.7 GB · fits in GPU memory · fills in the middle · first token 80 ms, 41.5 tokens/s". */
  detail: string;
}

export interface Recommendation {
  role: Role;
  model: string;
  /** The role already uses it. */
  inUse: boolean;
}

export interface ModelsSection {
  title: string;
  /** This machine's memory, or why this server is not judged by it. */
  machine: string;
  /** Set when the server's models are not judged (sizes not reported, another machine or a cloud service). */
  note?: string;
  rows: ModelRow[];
  recommendations: Recommendation[];
  /** Roles using this local server for which no model fits (or, for completions, none fills in the middle). */
  unmatched: Role[];
}

function rowDetail(m: ModelFit, server: ServerReport): string {
  const machine = server.choice?.machine;
  const parts = [m.sizeBytes !== undefined ? formatBytes(m.sizeBytes) : 'size not reported'];
  if (machine && m.fit !== 'unknown') parts.push(fitText(m, machine));
  const loaded = loadedText(m);
  if (loaded) parts.push(loaded);
  if (m.fim) parts.push('fills in the middle');
  parts.push(speedText(m));
  return parts.join(' · ');
}

/** The section for a server the doctor judged (undefined when it has no model choice: unreachable, or no machine read). */
export function modelsSection(server: ServerReport, roles: readonly RoleReport[]): ModelsSection | undefined {
  const choice = server.choice;
  if (!choice) return undefined;
  const note = notJudgedText(choice.kind);
  const recommendations: Recommendation[] = [];
  const unmatched: Role[] = [];
  for (const role of ['completion', 'chat'] as const) {
    const model = choice[role];
    if (!server.roles.includes(role)) continue;
    if (!model) {
      if (choice.kind === 'local') unmatched.push(role);
      continue;
    }
    const report = roles.find((r) => r.role === role);
    recommendations.push({ role, model, inUse: !!report && sameModel(server.provider, model, report.model) });
  }
  return {
    title: `Models on this machine — ${providerEntry(server.provider).label} at ${server.baseUrl}`,
    machine: machineText(choice.machine),
    ...(note && { note }),
    // A server elsewhere may list hundreds (a cloud service): its models are on each role's card already.
    rows: choice.kind === 'local' ? choice.models.map((m) => ({ name: m.name, fit: m.fit, detail: rowDetail(m, server) })) : [],
    recommendations,
    unmatched,
  };
}

export const RECOMMENDED_LABEL: Record<Role, string> = { completion: 'Recommended completion model', chat: 'Recommended chat model' };

/** Why a role has no recommendation on a local server. */
export const UNMATCHED: Record<Role, string> = {
  completion: 'none — no fill-in-the-middle model on this server fits this machine (pull a small code model, e.g. qwen2.5-coder:1.5b)',
  chat: 'none — no chat model on this server fits this machine',
};

/** "qwen2.5-coder:1.5b (in use)" / "qwen2.5-coder:7b — Select Model to use it". */
export function recommendationText(r: Recommendation): string {
  return r.inUse ? `${r.model} (in use)` : `${r.model} — not in use; Select Model to use it`;
}

/** The section as the CLI's text. */
export function formatModelsSection(section: ModelsSection): string[] {
  const out = [`${section.title}:`, `  ${section.machine}`];
  if (section.note) out.push(`  ℹ ${section.note}`);
  for (const row of section.rows) out.push(`  ${row.fit === 'gpu' || row.fit === 'memory' ? '✓' : '–'} ${row.name}: ${row.detail}`);
  for (const r of section.recommendations) out.push(`  → ${RECOMMENDED_LABEL[r.role].toLowerCase()}: ${recommendationText(r)}`);
  for (const role of section.unmatched) out.push(`  → ${RECOMMENDED_LABEL[role].toLowerCase()}: ${UNMATCHED[role]}`);
  return out;
}
