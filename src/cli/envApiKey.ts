/** The CLI's API key for a provider: the first of that provider's environment variables that is set. */
import { isProviderKind, providerEntry } from '../backends/providers';

export function envApiKey(provider: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = isProviderKind(provider) ? providerEntry(provider).apiKey.envVars : [];
  return names.map((name) => env[name]).find((value) => value) || undefined;
}
