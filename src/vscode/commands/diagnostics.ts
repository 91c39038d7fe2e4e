import * as vscode from 'vscode';
import type { DiagnosticInfo } from '../../commands/types';

const SEVERITY: Record<vscode.DiagnosticSeverity, DiagnosticInfo['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function toDiagnosticInfo(d: vscode.Diagnostic): DiagnosticInfo {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return { message: d.message, severity: SEVERITY[d.severity], startLine: d.range.start.line + 1, endLine: d.range.end.line + 1, source: d.source, code };
}

/** The diagnostic under the cursor, most severe first; undefined when there is none. */
export function diagnosticAt(uri: vscode.Uri, position: vscode.Position): vscode.Diagnostic | undefined {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.range.contains(position) || d.range.start.line === position.line)
    .sort((a, b) => a.severity - b.severity)[0];
}
