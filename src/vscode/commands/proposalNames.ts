/**
 * "Not found in this workspace" on a proposal's diff: the names the proposed code refers to that exist
 * nowhere (src/codebase/names/) become Warning diagnostics on the proposal document — the name underlined,
 * "`fooBar` is not found in this workspace" on hover — and one line for the diff's title and notification.
 * The check is bounded in time: a slow first read of the dependencies never holds the diff back for long.
 */
import * as vscode from 'vscode';

/** A name the proposed code refers to that exists nowhere, as offsets into the replacement. */
export interface UnknownName {
  name: string;
  start: number;
  end: number;
}

/** The check the proposal runs: the replacement, its language, and the file's text around it (without it). */
export type NameCheck = (code: string, languageId: string, fileText: string) => Promise<UnknownName[]>;

/** How long the diff waits for the check; after that it opens without it (the diagnostics still follow). */
const CHECK_WAIT_MS = 2000;

export class ProposalNames implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('Fathom');

  constructor(private readonly check: NameCheck | undefined) {}

  /**
   * Checks the replacement and marks its unknown names on `proposalUri` (whose text is `proposed`, the
   * replacement at `offset`). Resolves with the names once known, or [] when the check takes too long.
   */
  async mark(proposalUri: vscode.Uri, proposed: string, offset: number, replacement: string, languageId: string, fileText: string): Promise<string[]> {
    if (!this.check) return [];
    const checking = this.check(replacement, languageId, fileText)
      .catch(() => [] as UnknownName[])
      .then((unknown) => {
        this.diagnostics.set(proposalUri, unknown.map((u) => diagnostic(proposed, offset + u.start, offset + u.end, u.name)));
        return [...new Set(unknown.map((u) => u.name))];
      });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), CHECK_WAIT_MS)));
    try {
      return await Promise.race([checking, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  clear(proposalUri: vscode.Uri): void {
    this.diagnostics.delete(proposalUri);
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}

/** "2 names not found in this workspace: fooBar, bazQux"; '' when there are none. */
export function unknownNamesLine(names: readonly string[]): string {
  if (names.length === 0) return '';
  return names.length === 1
    ? vscode.l10n.t('1 name not found in this workspace: {0}', names[0])
    : vscode.l10n.t('{0} names not found in this workspace: {1}', names.length, names.join(', '));
}

function diagnostic(text: string, start: number, end: number, name: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(positionAt(text, start), positionAt(text, end)), vscode.l10n.t('`{0}` is not found in this workspace', name), vscode.DiagnosticSeverity.Warning);
  d.source = 'Fathom';
  d.code = 'name-not-found';
  return d;
}

function positionAt(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
}
