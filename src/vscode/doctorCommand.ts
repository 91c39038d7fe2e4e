import * as vscode from 'vscode';
import type { BackendPool } from '../backends/pool';
import type { FathomConfig } from '../config/settings';
import { formatReport } from '../doctor/formatReport';
import { runDoctor } from '../doctor/probe';
import type { ReportDocuments } from './reportDocument';

/** "Fathom: Doctor": runs the CLI's probe and opens its report beside the editor. */
export async function runDoctorCommand(pool: BackendPool, config: FathomConfig, reports: ReportDocuments): Promise<string> {
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Fathom: checking backends…', cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return runDoctor((role) => pool.backendFor(role), { timeoutMs: config.requestTimeoutMs, signal: abort.signal });
    },
  );
  const text = formatReport(report);
  await reports.show('Fathom Doctor.txt', text);
  return text;
}
