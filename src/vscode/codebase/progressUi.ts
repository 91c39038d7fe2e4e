/**
 * Where the user sees the index being built: a notification with a progress bar and Cancel (Cancel stops
 * the build; what is indexed so far stays searchable and saved, and the next start resumes), and a status
 * bar item "Indexing 1,234/10,000" while any build runs. Clicking the item opens the Doctor, whose row
 * says what the index holds.
 */
import * as vscode from 'vscode';
import type { CodebaseStatus } from '../../codebase/indexStatus';
import type { ShowProgress } from './session';

export const showBuildProgress: ShowProgress = (cancel) => {
  let update: ((done: number, total: number) => void) | undefined;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fathom: indexing the workspace'), cancellable: true },
    (progress, token) => {
      token.onCancellationRequested(cancel);
      let shown = 0;
      update = (done, total) => {
        const percent = total > 0 ? (done / total) * 100 : 0;
        progress.report({ message: vscode.l10n.t('{0}/{1} files', count(done), count(total)), increment: Math.max(0, percent - shown) });
        shown = Math.max(shown, percent);
      };
      return finished;
    },
  );
  return { report: (done, total) => update?.(done, total), end: finish };
};

/** The status bar item shown while the index builds. */
export class IndexStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('fathom.codebaseIndex', vscode.StatusBarAlignment.Right, 99);
    this.item.name = vscode.l10n.t('Fathom Index');
    this.item.command = 'fathom.doctor';
  }

  /** What the item shows for `status` (undefined: hidden). */
  static textFor(status: CodebaseStatus): string | undefined {
    if (status.state !== 'building') return undefined;
    const p = status.progress;
    return p && p.total > 0 ? `$(sync~spin) ${vscode.l10n.t('Indexing {0}/{1}', count(p.done), count(p.total))}` : `$(sync~spin) ${vscode.l10n.t('Indexing')}`;
  }

  show(status: CodebaseStatus): void {
    const text = IndexStatusItem.textFor(status);
    if (text === undefined) return this.item.hide();
    this.item.text = text;
    this.item.tooltip = vscode.l10n.t('Fathom is indexing the workspace ({0} files so far). Click for the Doctor.', count(status.files));
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
