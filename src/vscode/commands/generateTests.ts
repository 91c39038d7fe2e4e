import * as vscode from 'vscode';
import { showCommandError } from './errors';
import { inputFor, targetIn, type FlowDeps } from './flows';
import { withCommandProgress } from './progress';
import type { CommandAnswer } from './core';
import type { ProposalOutcome } from './proposal';

/**
 * Fathom: Generate Tests — tests for the target in the project's framework, proposed as a new file beside the
 * source (a diff against an empty document; Accept creates it). When that file exists already (or the language
 * keeps tests in the source, like Rust), the tests are proposed as an addition at its end.
 */
export async function generateTests(deps: FlowDeps): Promise<ProposalOutcome | 'failed' | 'cancelled'> {
  const resolved = await targetIn(deps, 'tests');
  if (!resolved) return 'cancelled';
  const folder = vscode.workspace.getWorkspaceFolder(resolved.editor.document.uri);
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: Generate Tests needs the file to be in a workspace folder, to know where the tests go.'));
    return 'cancelled';
  }
  let answer: CommandAnswer;
  const setup = await deps.core.testSetup(resolved.snapshot);
  const input = inputFor(resolved, 'tests', { testSetup: setup });
  try {
    answer = await withCommandProgress(deps.status, { title: vscode.l10n.t('Generate Tests ({0})…', setup.framework), activity: 'writing tests' }, (signal) => deps.core.run(input, signal, () => {}));
  } catch (error) {
    showCommandError(vscode.l10n.t('Generate Tests'), error);
    return 'failed';
  }
  const code = deps.core.replacement(answer.text, input);
  if (code === undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t("Fathom: Generate Tests: the model's answer holds no code. Nothing was written."));
    return 'failed';
  }
  const uri = vscode.Uri.joinPath(folder.uri, setup.testPath);
  const existing = await readIfExists(uri);
  const title = vscode.l10n.t('Generate Tests ({0}) — {1}', setup.framework, setup.testPath);
  if (existing === undefined) {
    // A new file never gets a secret back: its placeholders stay as the model wrote them.
    return deps.proposals.show({ uri, create: true, baseText: '', version: 0, start: 0, end: 0, replacement: withNewline(code), languageId: resolved.snapshot.languageId, title, sources: answer.workspace });
  }
  const end = existing.text.length;
  const separator = end === 0 ? '' : existing.text.endsWith('\n') ? '\n' : '\n\n';
  return deps.proposals.show({
    uri,
    create: false,
    baseText: existing.text,
    version: existing.version,
    start: end,
    end,
    // Only secrets the test file already holds come back (never the source file's).
    replacement: separator + withNewline(answer.redaction.restoreInto(code, existing.text)),
    languageId: resolved.snapshot.languageId,
    title,
    sources: answer.workspace,
  });
}

function withNewline(code: string): string {
  return code.endsWith('\n') ? code : `${code}\n`;
}

async function readIfExists(uri: vscode.Uri): Promise<{ text: string; version: number } | undefined> {
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  return { text: document.getText(), version: document.version };
}
