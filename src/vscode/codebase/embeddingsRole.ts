/**
 * The embeddings role as the codebase index needs it: which model's vectors to keep (`provider:model`,
 * none while `fathom.embeddings.provider` is off) and an embedder that goes through the role's guarded
 * backend — consent, local-only mode, redaction and the request log, like every request Fathom makes. The
 * index worker calls it over its port; the API key never leaves the extension host.
 */
import type { FathomConfig } from '../../config/settings';
import { embeddingModelKey } from '../../codebase/vectors/refreshVectors';
import type { BackendPool } from '../../roles/pool';
import type { WorkspaceEmbeddings } from './workspaceCodebase';

export function embeddingsRole(pool: BackendPool, getConfig: () => FathomConfig): WorkspaceEmbeddings {
  return {
    modelKey: async () => {
      const role = await pool.embeddingsBackend();
      return role && embeddingModelKey(role.backend.provider, role.settings.model);
    },
    embed: async (texts, signal) => {
      const role = await pool.embeddingsBackend();
      if (!role) throw new Error('Embeddings are off (setting fathom.embeddings.provider).');
      return role.backend.embed(texts, role.settings.model, { signal, timeoutMs: getConfig().requestTimeoutMs });
    },
  };
}
