import * as vscode from 'vscode';

export const PROPOSAL_SCHEME = 'fathom-proposal';

/**
 * Read-only virtual documents holding a proposed version of a file, for the right side of the diff editor.
 * Nothing here touches the real file: a proposal is only text in memory until the user accepts it.
 */
export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  private counter = 0;

  /** A new virtual document named after `source` (so the diff title and language mode match the file). */
  add(source: vscode.Uri, text: string): vscode.Uri {
    const name = source.path.split('/').pop() || 'proposal';
    // The id keeps two proposals for the same file apart; the file name last keeps the language detection.
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${++this.counter}/${name}`, query: source.toString() });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  remove(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
