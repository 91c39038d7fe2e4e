import { originOf } from '../backends/origin';
import type { ProviderKind } from '../backends/types';

/**
 * Where an API key lives in SecretStorage. Keys are stored per provider *and* server origin, so a key
 * set for api.openai.com is never sent to another server the user points Fathom at later.
 */
export function apiKeySecretName(provider: ProviderKind, baseUrl: string): string {
  return `fathom.apiKey.${provider}.${originOf(baseUrl)}`;
}

/** Looks up the key for a server; `undefined` when none is stored. */
export type ApiKeyLookup = (provider: ProviderKind, baseUrl: string) => Promise<string | undefined>;
