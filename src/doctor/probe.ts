/**
 * The doctor's probe: for each role, can Fathom reach the server, does the model exist, can it fill in
 * the middle, how long is its context, how fast does it answer. Used by the CLI (`doctor`) and the
 * extension ("Fathom: Doctor"); it returns plain data and says what to do about each problem.
 */
import { BackendError, isBackendError, type Refusal } from '../backends/errors';
import type { Backend, LoadedModel, ModelInfo, ModelSummary } from '../backends/types';
import { providerEntry } from '../backends/providers';
import { probeEmbeddings, type EmbeddingsCheck, type EmbeddingsLookup } from './embeddingsProbe';
import { ROLES, type NextEditSettings, type Role, type RoleSettings } from '../config/settings';
import type { CodebaseReport } from './codebaseRow';
import { canStartOllamaHere } from './remoteHost';
import { distinctServers, serverKey } from '../roles/servers';
import { chooseModels, type ModelChoice } from '../roles/modelFit';
import type { MachineResources } from '../roles/machine';

export type FixAction = 'startOllama' | 'pullModel' | 'setApiKey' | 'openSettings' | 'selectModel' | 'openNextEditSetting';

/** The roles the doctor checks: the two main ones, and next-edit suggestions (optional, off until a model is set). */
export type DoctorRole = Role | 'nextEdit';

/** What the doctor says while next-edit suggestions are off: information, not a problem. */
export const NEXT_EDIT_OFF = 'Next edit suggestions: off — set fathom.nextEdit.model (e.g. zeta, or any chat model)';

export interface Problem {
  message: string;
  fix?: FixAction;
}

export interface Latency {
  firstTokenMs: number;
  totalMs: number;
  chunks: number;
  /** Chunks after the first per second of streaming (a chunk is about a token on both protocols). */
  tokensPerSecond?: number;
}

export interface RoleReport {
  role: DoctorRole;
  provider: Backend['provider'];
  baseUrl: string;
  model: string;
  reachable: boolean;
  /**
   * Set when Fathom refused to contact the server (local-only mode and a remote server, or a redirect to
   * another server): then nothing was probed, and the report says why instead.
   */
  refused?: Refusal;
  version?: string;
  models?: ModelSummary[];
  modelPresent?: boolean;
  info?: ModelInfo;
  latency?: Latency;
  problems: Problem[];
  /** The role is switched off (next-edit suggestions without a model): nothing was probed. */
  off?: boolean;
  /** Information with an optional fix that does not make the report fail (how to switch an off role on). */
  notes?: Problem[];
}

/** One server the roles use, checked once (version and model list) however many roles use it. */
export interface ServerReport {
  provider: Backend['provider'];
  baseUrl: string;
  /** The roles that use it, in role order (embeddings included when they use it). */
  roles: (DoctorRole | 'embeddings')[];
  reachable: boolean;
  refused?: Refusal;
  version?: string;
  models?: number;
  /** Why it could not be checked (the same message each of its roles shows). */
  problem?: string;
  /** Which of its models fit this machine, with the measured speeds, and the two recommendations (roles/modelFit.ts). */
  choice?: ModelChoice;
}

export interface DoctorReport {
  roles: RoleReport[];
  /** Each distinct server once, with the roles that use it (what the CLI and the Doctor view list first). */
  servers?: ServerReport[];
  /** The embeddings role (codebase search), when the caller asked for it. */
  embeddings?: EmbeddingsCheck;
  ok: boolean;
  /**
   * In a remote window (SSH, WSL, a container, a codespace) whose servers include a loopback one: where that
   * address really is and how to reach the laptop's server (doctor/remoteHost.ts). The extension's report only.
   */
  remote?: string;
  /** The workspace's codebase index (the extension's report only; information, not a check that fails). */
  codebase?: CodebaseReport;
  /** This machine's memory and GPU memory, when the caller gave `ProbeOptions.machine`. */
  machine?: MachineResources;
}

export interface ProbeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  now?: () => number;
  /** Reads this machine's resources (roles/machine.ts `readMachine`); without it no server's models are judged. */
  machine?: () => Promise<MachineResources>;
}

export type RoleBackendLookup = (role: Role) => Promise<{ backend: Backend; settings: RoleSettings }>;

/** The next-edit role's backend; without one (no model set) the role is off. */
export type NextEditLookup = () => Promise<{ backend?: Backend; settings: NextEditSettings }>;

/** A server's answer to the doctor's first two questions (version, models), or why it gave none. */
type ServerAnswer = { version: string | undefined; models: ModelSummary[] } | { error: unknown };

/** Asks each distinct server (provider and base URL) once, whichever roles share it. */
export class ServerChecks {
  private readonly answers = new Map<string, Promise<ServerAnswer>>();
  private readonly backends = new Map<string, Backend>();

  check(backend: Backend, call: { signal?: AbortSignal; timeoutMs: number }): Promise<ServerAnswer> {
    const key = serverKey(backend.provider, backend.baseUrl);
    let answer = this.answers.get(key);
    if (!answer) {
      this.backends.set(key, backend);
      answer = (async () => {
        try {
          const version = await backend.version(call);
          return { version, models: await backend.listModels(call) };
        } catch (error) {
          return { error };
        }
      })();
      this.answers.set(key, answer);
    }
    return answer;
  }

  /**
   * The models each server that answered has loaded now (Ollama's /api/ps, after the roles' tiny generations),
   * by server key; a server that does not say, or fails to, has none listed.
   */
  async loaded(call: { signal?: AbortSignal; timeoutMs: number }): Promise<Map<string, LoadedModel[]>> {
    const out = new Map<string, LoadedModel[]>();
    for (const [key, backend] of this.backends) {
      const answer = await this.answers.get(key);
      if (!answer || !('models' in answer) || !backend.loadedModels) continue;
      try {
        out.set(key, await backend.loadedModels(call));
      } catch {
        // Information only: the models are still judged by this machine's memory.
      }
    }
    return out;
  }
}

export async function runDoctor(lookup: RoleBackendLookup, options: ProbeOptions, nextEdit?: NextEditLookup, embeddings?: EmbeddingsLookup): Promise<DoctorReport> {
  const roles: RoleReport[] = [];
  const servers = new ServerChecks();
  // nvidia-smi runs while the servers are asked.
  const machine = options.machine?.();
  for (const role of ROLES) {
    const { backend, settings } = await lookup(role);
    roles.push(await probeRole(role, backend, settings, options, servers));
  }
  if (nextEdit) roles.push(await probeNextEdit(nextEdit, options, servers));
  const embeddingsCheck = embeddings && (await probeEmbeddings(embeddings, options));
  const resources = await machine;
  const loaded = resources ? await servers.loaded({ signal: options.signal, timeoutMs: options.timeoutMs }) : new Map<string, LoadedModel[]>();
  return {
    roles,
    servers: serverReports(roles, embeddingsCheck, resources, loaded),
    ...(embeddingsCheck && { embeddings: embeddingsCheck }),
    ...(resources && { machine: resources }),
    ok: roles.every((r) => r.problems.length === 0) && !embeddingsCheck?.problem,
  };
}

/** The distinct servers of the probed roles (and of embeddings), each with its roles and what its check found. */
function serverReports(roles: RoleReport[], embeddings: EmbeddingsCheck | undefined, machine: MachineResources | undefined, loaded: Map<string, LoadedModel[]>): ServerReport[] {
  const on = roles.filter((r) => !r.off);
  const used = [...on.map((r) => ({ role: r.role, provider: r.provider, baseUrl: r.baseUrl })), ...(embeddings?.provider && embeddings.baseUrl ? [{ role: 'embeddings' as const, provider: embeddings.provider, baseUrl: embeddings.baseUrl }] : [])];
  return distinctServers(used).map((server) => {
    const first = on.find((r) => server.roles.includes(r.role));
    if (!first) {
      // Only embeddings use it: their one test embedding was its check.
      const ok = embeddings?.state === 'ok';
      return { ...server, reachable: ok, ...(embeddings?.problem && { problem: embeddings.problem.message }) };
    }
    const problem = first.models ? undefined : first.problems[0]?.message;
    // The speeds measured on this server: each role's model, by its tiny generation.
    const measured = on.flatMap((r) => (server.roles.includes(r.role) && r.latency ? [{ model: r.model, firstTokenMs: r.latency.firstTokenMs, tokensPerSecond: r.latency.tokensPerSecond }] : []));
    const choice = machine && first.models ? chooseModels({ baseUrl: server.baseUrl, models: first.models, machine, measured, loaded: loaded.get(serverKey(server.provider, server.baseUrl)), sameModel: (listed, wanted) => sameModel(server.provider, listed, wanted) }) : undefined;
    return {
      ...server,
      reachable: first.reachable,
      ...(first.refused && { refused: first.refused }),
      ...(first.version !== undefined && { version: first.version }),
      ...(first.models && { models: first.models.length }),
      ...(problem && { problem }),
      ...(choice && { choice }),
    };
  });
}

/** Next-edit suggestions: off (a note saying how to switch them on), or probed like the chat role on their own endpoint. */
async function probeNextEdit(lookup: NextEditLookup, options: ProbeOptions, servers?: ServerChecks): Promise<RoleReport> {
  const { backend, settings } = await lookup();
  if (!backend || !settings.enabled) {
    return { role: 'nextEdit', provider: settings.provider, baseUrl: '', model: '', reachable: false, problems: [], off: true, notes: [{ message: NEXT_EDIT_OFF, fix: 'openNextEditSetting' }] };
  }
  const report = await probeRole('nextEdit', backend, settings, options, servers);
  // "Select Model" picks the completion or chat model; the next-edit model is a setting.
  report.problems = report.problems.map((p) => (p.fix === 'selectModel' ? { ...p, fix: 'openNextEditSetting' } : p));
  return report;
}

/** Probes one role on its server; with `servers`, a server another role already asked is not asked again. */
export async function probeRole(role: DoctorRole, backend: Backend, settings: Pick<RoleSettings, 'model'>, options: ProbeOptions, servers = new ServerChecks()): Promise<RoleReport> {
  const report: RoleReport = { role, provider: backend.provider, baseUrl: backend.baseUrl, model: settings.model, reachable: false, problems: [] };
  const call = { signal: options.signal, timeoutMs: options.timeoutMs };
  const answer = await servers.check(backend, call);
  if ('models' in answer) {
    report.version = answer.version;
    report.models = answer.models;
    report.reachable = true;
  } else {
    const error = answer.error;
    if (isBackendError(error) && error.kind === 'refused') report.refused = error.refusal;
    report.reachable = isBackendError(error) && error.kind !== 'unreachable' && error.kind !== 'timeout' && error.kind !== 'refused';
    report.problems.push(problemFrom(error));
    return report;
  }
  report.modelPresent = report.models.some((m) => sameModel(backend.provider, m.name, settings.model));
  if (!report.modelPresent) {
    report.problems.push(problemFrom(new BackendError('modelMissing', { provider: backend.provider, baseUrl: backend.baseUrl, model: settings.model })));
    return report;
  }
  try {
    report.info = await backend.modelInfo(settings.model, call);
    if (role === 'completion' && report.info.chatOnly) {
      report.problems.push({
        message: `${backend.baseUrl} serves chat completions only, so completions are asked as a chat "fill the hole" prompt: slower and weaker than fill-in-the-middle. For fast completions use a local server with a code model (e.g. qwen2.5-coder:1.5b).`,
        fix: 'openSettings',
      });
    } else if (role === 'completion' && !report.info.supportsFim) {
      report.problems.push({
        message: `"${settings.model}" cannot fill in the middle on this server, so completions will be weaker. Pick a code model with FIM support (e.g. qwen2.5-coder:1.5b).`,
        fix: 'selectModel',
      });
    }
    report.latency = await measureLatency(role, backend, settings, report.info, options);
  } catch (error) {
    report.problems.push(problemFrom(error));
  }
  return report;
}

/** A tiny generation: time to the first chunk and chunks per second after it. */
async function measureLatency(role: DoctorRole, backend: Backend, settings: Pick<RoleSettings, 'model'>, info: ModelInfo, options: ProbeOptions): Promise<Latency> {
  const now = options.now ?? (() => performance.now());
  const common = { model: settings.model, maxTokens: 16, temperature: 0, signal: options.signal, timeoutMs: options.timeoutMs };
  // The pool's backend caps the answer's size (backends/answerCap.ts).
  const stream =
    role === 'completion' && info.supportsFim
      ? backend.streamCompletion({ ...common, prompt: 'def add(a, b):\n    return ', suffix: '\n' })
      : backend.streamChat({ ...common, messages: [{ role: 'user', content: 'Reply with the single word: ready' }] });
  const start = now();
  let first: number | undefined;
  let chunks = 0;
  for await (const _ of stream) {
    first ??= now();
    chunks++;
  }
  const end = now();
  const firstTokenMs = (first ?? end) - start;
  const streaming = end - (first ?? end);
  return {
    firstTokenMs: Math.round(firstTokenMs),
    totalMs: Math.round(end - start),
    chunks,
    tokensPerSecond: chunks > 1 && streaming > 0 ? Math.round(((chunks - 1) / streaming) * 10000) / 10 : undefined,
  };
}

function problemFrom(error: unknown): Problem {
  if (!isBackendError(error)) return { message: `Unexpected failure: ${error instanceof Error ? error.message : String(error)}` };
  const unreachable = providerEntry(error.provider).doctor.unreachable;
  const fix: Partial<Record<BackendError['kind'], FixAction>> = {
    // "Start Ollama" starts it on the extension host's machine: it can only help a server there.
    unreachable: unreachable === 'startOllama' && !canStartOllamaHere(error.baseUrl) ? 'openSettings' : unreachable,
    unauthorized: 'setApiKey',
    modelMissing: providerEntry(error.provider).doctor.modelMissing,
    timeout: 'openSettings',
    tooLong: 'selectModel',
    refused: 'openSettings',
  };
  return { message: error.message, fix: fix[error.kind] };
}

/** Some servers (Ollama) treat "name" and "name:latest" as one model. */
export function sameModel(provider: Backend['provider'], listed: string, wanted: string): boolean {
  if (listed === wanted) return true;
  if (!providerEntry(provider).capabilities.latestTagAlias) return false;
  const withTag = (n: string) => (n.includes(':') ? n : `${n}:latest`);
  return withTag(listed) === withTag(wanted);
}
