import { inputFor, proposeReplacement, targetIn, type FlowDeps } from './flows';
import type { ProposalOutcome } from './proposal';
import { pickRefactoring } from './refactorPick';

/**
 * Fathom: Refactor — asks what to do (or takes `preset`, e.g. from a test), then proposes the rewritten
 * target as a diff. Resolves with what the user decided.
 */
export async function refactor(deps: FlowDeps, preset?: unknown): Promise<ProposalOutcome | 'failed' | 'cancelled'> {
  const resolved = await targetIn(deps, 'refactor');
  if (!resolved) return 'cancelled';
  const instruction = await pickRefactoring(preset);
  if (!instruction) return 'cancelled';
  return proposeReplacement(deps, resolved, inputFor(resolved, 'refactor', { instruction }), instruction.toLowerCase());
}
