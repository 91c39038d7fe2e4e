/**
 * The doctor's report as what the Doctor view shows: per role, the checks in order (server, model, fill in
 * the middle, context, speed) with a status each, and every problem with the one-click fix that solves it.
 * Plain data in and out (no `vscode`), so the view's content is unit-tested.
 */
import type { Refusal } from '../backends/errors';
import { providerEntry } from '../backends/providers';
import { codebaseCheckStatus, codebaseSummary } from './codebaseRow';
import { formatEmbeddings, type EmbeddingsCheck } from './embeddingsProbe';
import { formatReport } from './formatReport';
import { isLoopback } from '../privacy/endpoints';
import type { DoctorReport, DoctorRole, FixAction, Problem, RoleReport, ServerReport } from './probe';
import type { Role } from '../config/settings';
import { modelsSection, RECOMMENDED_LABEL, recommendationText, UNMATCHED } from './modelsRow';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  label: string;
  detail: string;
  status: CheckStatus;
}

export interface DoctorFix {
  action: FixAction;
  label: string;
  role: DoctorRole;
  /** The model a pull fetches. */
  model?: string;
}

export interface DoctorRoleView {
  role: DoctorRole;
  title: string;
  subtitle: string;
  checks: DoctorCheck[];
  problems: { message: string; fix?: DoctorFix }[];
  /** Information with a fix that is not a problem (how to switch next-edit suggestions on). */
  notes: { message: string; fix?: DoctorFix }[];
}

/** A button of a section that opens Select Model for a role with a model chosen (a recommendation). */
export interface DoctorModelAction {
  label: string;
  role: Role;
  model: string;
}

/** A card of information after the roles' (the codebase index, the models on this machine). */
export interface DoctorSectionView {
  id: string;
  title: string;
  checks: DoctorCheck[];
  actions?: DoctorModelAction[];
}

export interface DoctorView {
  roles: DoctorRoleView[];
  sections: DoctorSectionView[];
  ok: boolean;
  summary: string;
  /** The same report as text (what "Copy report" copies, and the CLI prints). */
  text: string;
}

/** What the Server check says when Fathom would not contact the server at all. */
const REFUSED: Record<Refusal, string> = {
  localOnly: 'not contacted — local-only mode refuses it',
  declined: 'not contacted — you declined sending code to it',
  redirect: 'redirected to another server — not followed',
};

const ROLE_TITLES: Record<DoctorRole | 'embeddings', string> = { completion: 'Completions', chat: 'Chat and commands', nextEdit: 'Next edit suggestions', embeddings: 'Embeddings' };

/** Which server each role uses, each server checked once: one row per server, labelled with its roles. */
function serversSection(servers: ServerReport[]): DoctorSectionView {
  return {
    id: 'servers',
    title: servers.length === 1 ? 'Server' : `Servers (${servers.length})`,
    checks: servers.map((s) => {
      const at = `${providerEntry(s.provider).label} at ${s.baseUrl}${s.version ? `, version ${s.version}` : ''}`;
      const label = s.roles.map((r) => ROLE_TITLES[r]).join(', ');
      if (s.models !== undefined) return { label, detail: `${at}: reachable, ${s.models} model${s.models === 1 ? '' : 's'}`, status: 'ok' as const };
      if (s.reachable && !s.problem) return { label, detail: `${at}: reachable`, status: 'ok' as const };
      // The problem itself is on each role's card, with its fix; here the server's state only, as on those cards.
      return { label, detail: `${at}: ${s.refused ? REFUSED[s.refused] : s.reachable ? 'answered with an error' : 'not reachable'}`, status: 'fail' as const };
    }),
  };
}

export function fixLabel(action: FixAction, model?: string): string {
  switch (action) {
    case 'startOllama':
      return 'Start Ollama';
    case 'pullModel':
      return model ? `Pull ${model}` : 'Pull Model';
    case 'setApiKey':
      return 'Set API Key';
    case 'openSettings':
      return 'Open Settings';
    case 'selectModel':
      return 'Select Model';
    case 'openNextEditSetting':
      return 'Open Setting';
  }
}

export function doctorView(report: DoctorReport): DoctorView {
  const roles = report.roles.map(roleView);
  const problems = roles.reduce((n, r) => n + r.problems.length, 0) + (report.embeddings?.problem ? 1 : 0);
  return {
    roles,
    sections: [
      ...(report.servers?.length ? [serversSection(report.servers)] : []),
      ...modelsSections(report),
      ...(report.codebase ? [{ id: 'codebase', title: 'Codebase index', checks: [{ label: 'Index', detail: codebaseSummary(report.codebase), status: codebaseCheckStatus(report.codebase) }] }] : []),
      ...(report.embeddings ? [embeddingsSection(report.embeddings)] : []),
      ...(report.remote ? [remoteSection(report)] : []),
    ],
    ok: report.ok,
    summary: report.ok ? 'All checks passed: Fathom is ready.' : `${problems} problem${problems === 1 ? '' : 's'} found. Each has a button that fixes it; then run the checks again.`,
    text: formatReport(report),
  };
}

const ROLE_WORDS: Record<Role, string> = { completion: 'completions', chat: 'chat' };

/** "Models on this machine", a card per server the doctor judged, with a button per recommendation not in use. */
function modelsSections(report: DoctorReport): DoctorSectionView[] {
  let count = 0;
  return (report.servers ?? []).flatMap((server) => {
    const section = modelsSection(server, report.roles);
    if (!section) return [];
    count++;
    const checks: DoctorCheck[] = [{ label: 'This machine', detail: section.machine, status: 'ok' }];
    if (section.note) checks.push({ label: 'Sizes', detail: section.note, status: 'skip' });
    for (const row of section.rows) checks.push({ label: row.name, detail: row.detail, status: row.fit === 'gpu' || row.fit === 'memory' ? 'ok' : 'skip' });
    for (const r of section.recommendations) checks.push({ label: RECOMMENDED_LABEL[r.role], detail: recommendationText(r), status: 'ok' });
    for (const role of section.unmatched) checks.push({ label: RECOMMENDED_LABEL[role], detail: UNMATCHED[role], status: 'warn' });
    const actions = section.recommendations.filter((r) => !r.inUse).map((r) => ({ label: `Use ${r.model} for ${ROLE_WORDS[r.role]}`, role: r.role, model: r.model }));
    return [{ id: count === 1 ? 'models' : `models-${count}`, title: section.title, checks, ...(actions.length && { actions }) }];
  });
}

/** Where 127.0.0.1 is in a remote window: a warning while a server there does not answer, information otherwise. */
function remoteSection(report: DoctorReport): DoctorSectionView {
  const unanswered = report.roles.some((r) => !r.off && !r.reachable && isLoopback(r.baseUrl));
  return { id: 'remote', title: 'Remote window', checks: [{ label: 'Where Fathom runs', detail: report.remote ?? '', status: unanswered ? 'warn' : 'ok' }] };
}

function roleView(r: RoleReport): DoctorRoleView {
  const notes = (r.notes ?? []).map((n) => withFix(n, r));
  if (r.off) return { role: r.role, title: ROLE_TITLES[r.role], subtitle: 'off', checks: [], problems: [], notes };
  const checks: DoctorCheck[] = [];
  const server = `${providerEntry(r.provider).label} at ${r.baseUrl}`;
  if (r.models) checks.push({ label: 'Server', detail: `${server}${r.version ? `, version ${r.version}` : ''}: reachable, ${r.models.length} model${r.models.length === 1 ? '' : 's'}`, status: 'ok' });
  else checks.push({ label: 'Server', detail: `${server}: ${r.refused ? REFUSED[r.refused] : r.reachable ? 'answered with an error' : 'not reachable'}`, status: 'fail' });
  if (r.modelPresent === undefined) checks.push({ label: 'Model', detail: `${r.model}: not checked`, status: 'skip' });
  else checks.push({ label: 'Model', detail: r.modelPresent ? `${r.model} is available` : `${r.model} is not on the server`, status: r.modelPresent ? 'ok' : 'fail' });
  if (r.info) {
    if (r.role === 'completion') checks.push({ label: 'Fill in the middle', detail: r.info.supportsFim ? (r.info.infill ? 'yes (llama.cpp /infill)' : 'yes') : r.info.chatOnly ? 'no — the server serves chat only; completions use a chat prompt' : 'no — completions use a plain prompt', status: r.info.supportsFim ? 'ok' : 'warn' });
    checks.push({ label: 'Context length', detail: r.info.contextLength ? `${r.info.contextLength.toLocaleString('en-US')} tokens` : 'not reported (the configured one is used)', status: r.info.contextLength ? 'ok' : 'warn' });
  }
  if (r.latency) {
    const speed = r.latency.tokensPerSecond !== undefined ? `, ${r.latency.tokensPerSecond} tokens/s` : '';
    checks.push({ label: 'Speed', detail: `first token after ${r.latency.firstTokenMs} ms${speed}`, status: 'ok' });
  }
  return {
    role: r.role,
    title: ROLE_TITLES[r.role],
    subtitle: `${r.model} on ${server}`,
    checks,
    problems: r.problems.map((p) => withFix(p, r)),
    notes,
  };
}

function withFix(p: Problem, r: RoleReport): { message: string; fix?: DoctorFix } {
  return {
    message: p.message,
    ...(p.fix ? { fix: { action: p.fix, label: fixLabel(p.fix, r.model), role: r.role, ...(p.fix === 'pullModel' ? { model: r.model } : {}) } } : {}),
  };
}

/** The embeddings role as a card: off (search is lexical), or the one test embedding's outcome. */
function embeddingsSection(check: EmbeddingsCheck): DoctorSectionView {
  const lines = formatEmbeddings(check);
  const status: DoctorCheck['status'] = check.state === 'ok' ? 'ok' : check.state === 'off' ? 'skip' : 'fail';
  const detail = check.state === 'off' ? lines[0] : lines.map((l) => l.replace(/^\s*[✓✗]\s*/, '')).join(' — ');
  return { id: 'embeddings', title: 'Embeddings (codebase search)', checks: [{ label: 'Embeddings', detail, status }] };
}
