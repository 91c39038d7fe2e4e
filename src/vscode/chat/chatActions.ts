/**
 * What the chat's code-block buttons do in the editor. Copy and Insert are the answer panel's (PanelActions);
 * Apply proposes the code as a diff with Accept / Reject through the same safe-edit module as Refactor
 * (nothing is written without Accept; one undo step); New File opens the code in an untitled editor, with its
 * redaction placeholders as they are.
 */
import * as vscode from 'vscode';
import { planApply } from '../../chat/applyTarget';
import { findTarget } from '../../commands/target';
import { alignedStart } from '../commands/alignment';
import type { ProposalOutcome, Proposals } from '../commands/proposal';
import { snapshotOf } from '../commands/snapshot';
import type { PanelActions } from '../panel/panelActions';
import type { EditorSyntax } from '../syntaxTrees';
import type { EditorWorkspaceFiles } from '../workspaceFiles';

export interface ChatActionDeps {
  actions: PanelActions;
  proposals: Proposals;
  syntax: EditorSyntax;
  files: EditorWorkspaceFiles;
}

const DECLARATIONS = new Set(['function', 'method', 'class']);

/**
 * `restore` puts the answer's own secrets back into the code where the file already holds them
 * (ChatSession.restoreCode); the diff shows the code as it would be applied.
 */
export async function applyCode(deps: ChatActionDeps, answered: string, restore: (code: string, targetText: string) => string = (code) => code): Promise<ProposalOutcome | undefined> {
  const editor = deps.actions.targetEditor();
  if (!editor) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Fathom: open the file to apply the code to (select the part it replaces, if any), then press Apply again.'));
    return undefined;
  }
  const { snapshot, selection } = snapshotOf(editor, deps.files);
  const text = snapshot.text;
  const code = restore(answered, text);
  const plan = planApply(text, selection, code);
  let start = 0;
  let end = text.length;
  let replacement = code;
  let what = 'the whole file';
  if (plan.kind === 'selection') {
    ({ start, end } = plan);
    what = vscode.l10n.t('the selection');
  } else if (plan.kind === 'declaration') {
    const at = { ...snapshot, offset: plan.offset };
    const target = await deps.syntax.withTree(at, (tree) => findTarget(at, undefined, tree));
    if (DECLARATIONS.has(target.kind) && target.name === plan.name) {
      start = alignedStart(text, target.start, code);
      end = target.end;
      replacement = code.replace(/\n+$/, '');
      what = `${target.kind} ${plan.name}`;
    }
  }
  if (start === 0 && end === text.length && text.endsWith('\n') && !replacement.endsWith('\n')) replacement += '\n';
  const name = editor.document.uri.path.split('/').pop();
  return deps.proposals.show({
    uri: editor.document.uri,
    create: false,
    baseText: text,
    version: snapshot.version,
    start,
    end,
    replacement,
    languageId: snapshot.languageId,
    title: vscode.l10n.t('Apply from chat: {0} — {1}', what, name ?? ''),
  });
}

/** Opens the code in a new untitled editor in its language; the user saves it where it belongs. */
export async function openAsNewFile(code: string, language?: string): Promise<vscode.TextEditor> {
  const languageId = language ? await languageIdFor(language) : undefined;
  const document = await vscode.workspace.openTextDocument({ content: code, ...(languageId ? { language: languageId } : {}) });
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
}

const FENCE_TO_LANGUAGE: Record<string, string> = { ts: 'typescript', js: 'javascript', py: 'python', tsx: 'typescriptreact', jsx: 'javascriptreact', sh: 'shellscript', bash: 'shellscript', rs: 'rust', rb: 'ruby', 'c++': 'cpp', cs: 'csharp', kt: 'kotlin', md: 'markdown', yml: 'yaml' };

async function languageIdFor(fence: string): Promise<string | undefined> {
  const wanted = FENCE_TO_LANGUAGE[fence.toLowerCase()] ?? fence.toLowerCase();
  return (await vscode.languages.getLanguages()).includes(wanted) ? wanted : undefined;
}
