import { inputFor, streamToPanel, targetIn, type FlowDeps } from './flows';

/** Fathom: Explain — the target's explanation streams into the answer panel. Resolves with the answer (tests read it). */
export async function explain(deps: FlowDeps): Promise<string | undefined> {
  const resolved = await targetIn(deps, 'explain');
  if (!resolved) return undefined;
  return (await streamToPanel(deps, resolved, inputFor(resolved, 'explain')))?.text;
}
