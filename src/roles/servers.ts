/**
 * Which server each role talks to, in one place: completions and chat (`fathom.<role>.baseUrl`, else the
 * provider's URL), next-edit suggestions and embeddings (their own `baseUrl`, else the provider's), the latter
 * two only while they are on. The pool builds each role's client from this; the Doctor, Select Model, Pull
 * Model, Set API Key and the status bar show and check the same list. Plain data, no `vscode`.
 */
import { originOf } from '../backends/origin';
import type { ProviderKind } from '../backends/types';
import { PROVIDER_IDS, providerEntry } from '../backends/providers';
import { embeddingsBaseUrl, nextEditBaseUrl, roleBaseUrl, type FathomConfig } from '../config/settings';

/** Every role that sends requests to a model server. */
export const SERVER_ROLES = ['completion', 'chat', 'nextEdit', 'embeddings'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

export function isServerRole(value: unknown): value is ServerRole {
  return SERVER_ROLES.includes(value as ServerRole);
}

export interface RoleServer {
  role: ServerRole;
  provider: ProviderKind;
  baseUrl: string;
  model: string;
}

/** One server and the roles that use it (in role order). */
export interface SharedServer {
  provider: ProviderKind;
  baseUrl: string;
  roles: ServerRole[];
}

/** How the user-facing texts name a role. */
export const ROLE_NAMES: Record<ServerRole, string> = { completion: 'completions', chat: 'chat and commands', nextEdit: 'next edit suggestions', embeddings: 'embeddings' };

/** The roles that are on, each with its server and model, in a fixed order (completion, chat, next edit, embeddings). */
export function roleServers(config: FathomConfig): RoleServer[] {
  const list: RoleServer[] = [
    { role: 'completion', provider: config.completion.provider, baseUrl: roleBaseUrl(config, 'completion'), model: config.completion.model },
    { role: 'chat', provider: config.chat.provider, baseUrl: roleBaseUrl(config, 'chat'), model: config.chat.model },
  ];
  if (config.nextEdit.enabled) list.push({ role: 'nextEdit', provider: config.nextEdit.provider, baseUrl: nextEditBaseUrl(config), model: config.nextEdit.model });
  const embeddings = embeddingsBaseUrl(config);
  if (config.embeddings.enabled && config.embeddings.provider && embeddings) list.push({ role: 'embeddings', provider: config.embeddings.provider, baseUrl: embeddings, model: config.embeddings.model });
  return list;
}

/** The same server for Fathom: one provider at one base URL (a trailing slash aside). */
export function serverKey(provider: ProviderKind, baseUrl: string): string {
  return `${provider}|${baseUrl.replace(/\/+$/, '')}`;
}

/** The distinct servers the roles use, each once, with its roles, in the order of their first role. */
export function distinctServers(roles: readonly Pick<RoleServer, 'role' | 'provider' | 'baseUrl'>[]): SharedServer[] {
  const byKey = new Map<string, SharedServer>();
  for (const r of roles) {
    const key = serverKey(r.provider, r.baseUrl);
    const server = byKey.get(key);
    if (server) server.roles.push(r.role);
    else byKey.set(key, { provider: r.provider, baseUrl: r.baseUrl, roles: [r.role] });
  }
  return [...byKey.values()];
}

/**
 * The servers an API key may be stored for: every role's server, then each provider's own URL setting when no
 * role uses it (where a role would go once switched to that provider). One entry per provider and origin: keys
 * are stored per origin (config/apiKeys.ts).
 */
export function keyTargets(config: FathomConfig, providers: readonly ProviderKind[]): SharedServer[] {
  const byOrigin = new Map<string, SharedServer>();
  const add = (provider: ProviderKind, baseUrl: string, role?: ServerRole) => {
    const key = `${provider}|${originOf(baseUrl)}`;
    const target = byOrigin.get(key) ?? { provider, baseUrl, roles: [] };
    if (role && !target.roles.includes(role)) target.roles.push(role);
    byOrigin.set(key, target);
  };
  for (const r of roleServers(config)) add(r.provider, r.baseUrl, r.role);
  for (const provider of providers) add(provider, config[provider].baseUrl);
  return [...byOrigin.values()];
}

/**
 * The servers Pull Model can download into (those of a provider that pulls: Ollama): every one a role uses
 * (with its roles), then that provider's own URL setting when no role uses it (where a role switched to it
 * would go).
 */
export function pullTargets(config: FathomConfig): SharedServer[] {
  const pulls = (provider: ProviderKind) => providerEntry(provider).capabilities.pull;
  const targets = distinctServers(roleServers(config).filter((r) => pulls(r.provider)));
  for (const provider of PROVIDER_IDS.filter(pulls)) {
    const own = config[provider].baseUrl;
    if (!targets.some((t) => serverKey(t.provider, t.baseUrl) === serverKey(provider, own))) targets.push({ provider, baseUrl: own, roles: [] });
  }
  return targets;
}

/**
 * Where a pull goes when the caller says: a role (its server, when it pulls) or the base URL of one of the pull
 * targets (an error's server). Anything else — no hint, a role on a server that does not pull, a URL no role
 * uses — is undefined: ask or default.
 */
export function pullTargetFor(config: FathomConfig, where: unknown): SharedServer | undefined {
  if (typeof where !== 'string' || !where) return undefined;
  const targets = pullTargets(config);
  if (isServerRole(where)) return targets.find((t) => t.roles.includes(where));
  return targets.find((t) => serverKey(t.provider, t.baseUrl) === serverKey(t.provider, where));
}
