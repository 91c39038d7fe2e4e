import * as vscode from 'vscode';
import { inputFor, proposeReplacement, targetIn, type FlowDeps } from './flows';
import type { ProposalOutcome } from './proposal';

/** Fathom: Document — the target with doc comments in its language's style, proposed as a diff. */
export async function documentTarget(deps: FlowDeps): Promise<ProposalOutcome | 'failed' | 'cancelled'> {
  const resolved = await targetIn(deps, 'document');
  if (!resolved) return 'cancelled';
  return proposeReplacement(deps, resolved, inputFor(resolved, 'document'), vscode.l10n.t('doc comments'));
}
