import { providerEntry } from '../backends/providers';
import { formatEmbeddings } from './embeddingsProbe';
import { codebaseSummary } from './codebaseRow';
import { formatModelsSection, modelsSection } from './modelsRow';
import type { DoctorReport, RoleReport, ServerReport } from './probe';

/** The doctor's report as plain text (CLI output, and the body of the editor's report). */
export function formatReport(report: DoctorReport): string {
  const lines = ['Fathom doctor', ''];
  if (report.servers?.length) lines.push('servers (each checked once):', ...report.servers.map(formatServer), '');
  for (const r of report.roles) lines.push(...formatRole(r), '');
  for (const server of report.servers ?? []) {
    const section = modelsSection(server, report.roles);
    if (section) lines.push(...formatModelsSection(section), '');
  }
  if (report.embeddings) lines.push(...formatEmbeddings(report.embeddings), '');
  if (report.codebase) lines.push(`Codebase index: ${codebaseSummary(report.codebase)}`, '');
  if (report.remote) lines.push(`Remote window: ${report.remote}`, '');
  lines.push(report.ok ? 'All checks passed.' : `${countProblems(report)} problem(s) found. Fix them and run the doctor again.`);
  return lines.join('\n');
}

/** "  ✓ Ollama at http://… (version 0.5.0) — completion, chat: reachable, 3 model(s)". */
export function formatServer(s: ServerReport): string {
  const head = `${providerEntry(s.provider).label} at ${s.baseUrl}${s.version ? ` (version ${s.version})` : ''} — ${s.roles.join(', ')}`;
  if (s.models !== undefined) return `  ✓ ${head}: reachable, ${s.models} model(s)`;
  if (s.reachable && !s.problem) return `  ✓ ${head}: reachable`;
  return `  ✗ ${head}: ${s.problem ?? 'not reachable'}`;
}

function formatRole(r: RoleReport): string[] {
  if (r.off) return (r.notes ?? []).map((n) => n.message);
  const head = `${r.role}: ${providerEntry(r.provider).label} at ${r.baseUrl}${r.version ? ` (version ${r.version})` : ''}, model ${r.model}`;
  const out = [head];
  const ok = (s: string) => out.push(`  ✓ ${s}`);
  if (r.reachable && r.models) ok(`reachable, ${r.models.length} model(s): ${r.models.slice(0, 8).map((m) => m.name).join(', ')}${r.models.length > 8 ? ', …' : ''}`);
  if (r.modelPresent) ok(`model ${r.model} is available`);
  if (r.info) {
    const fim = r.info.supportsFim ? (r.info.infill ? 'yes (llama.cpp /infill)' : 'yes') : r.info.chatOnly ? 'no (the server serves chat only)' : 'no';
    ok(`fill-in-the-middle: ${fim}; context length: ${r.info.contextLength ? `${r.info.contextLength} tokens` : 'not reported'}`);
  }
  if (r.latency) {
    const tps = r.latency.tokensPerSecond !== undefined ? `, ${r.latency.tokensPerSecond} tokens/s` : '';
    ok(`latency: first token ${r.latency.firstTokenMs} ms, total ${r.latency.totalMs} ms${tps}`);
  }
  for (const p of r.problems) out.push(`  ✗ ${p.message}`);
  for (const n of r.notes ?? []) out.push(`  ℹ ${n.message}`);
  return out;
}

function countProblems(report: DoctorReport): number {
  return report.roles.reduce((n, r) => n + r.problems.length, 0) + (report.embeddings?.problem ? 1 : 0);
}
