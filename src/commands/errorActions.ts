/**
 * The buttons a failed command's error notification offers, by what went wrong: each names the command it
 * runs, so the editor layer only shows labels and runs the one picked.
 */
import { isBackendError } from '../backends/errors';
import { providerEntry } from '../backends/providers';

export interface ErrorAction {
  label: string;
  command: string;
  args: unknown[];
}

export function errorActions(error: unknown): ErrorAction[] {
  if (!isBackendError(error)) return [];
  const actions: ErrorAction[] = [];
  // Both name the server that failed: with a server per role, the key or the model belongs on that one.
  if (error.kind === 'unauthorized') actions.push({ label: 'Set API Key', command: 'fathom.setApiKey', args: [error.baseUrl] });
  if (error.kind === 'modelMissing' && providerEntry(error.provider).capabilities.pull && error.model) actions.push({ label: 'Pull Model', command: 'fathom.pullModel', args: [error.model, error.baseUrl] });
  if (error.kind === 'modelMissing' || error.kind === 'tooLong') actions.push({ label: 'Select Model', command: 'fathom.selectModel', args: [] });
  actions.push({ label: 'Open Doctor', command: 'fathom.doctor', args: [] });
  return actions;
}
