import * as vscode from 'vscode';
import type { Tree } from 'web-tree-sitter';
import type { DocumentSnapshot } from '../workspace/document';
import { DocumentTrees } from '../syntax/documentTrees';
import { hasGrammar } from '../syntax/languages';
import { shippedGrammar } from '../syntax/locateGrammar';
import { Parsers } from '../syntax/parsers';

/**
 * Keeps the syntax trees of open documents in step with the editor: each edit is recorded for an
 * incremental re-parse on the next request, a closed document's tree is freed. Grammars load on first use.
 */
export class EditorSyntax implements vscode.Disposable {
  readonly parsers: Parsers;
  readonly trees: DocumentTrees;
  private readonly subscriptions: vscode.Disposable[];

  constructor(extensionUri: vscode.Uri) {
    this.parsers = new Parsers(shippedGrammar(vscode.Uri.joinPath(extensionUri, 'dist').fsPath));
    this.trees = new DocumentTrees(this.parsers);
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        const uri = e.document.uri.toString();
        if (e.contentChanges.length === 0 || !this.trees.follows(uri)) return;
        this.trees.edit(uri, e.contentChanges, e.document.getText(), e.document.version);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.trees.close(d.uri.toString())),
    ];
  }

  /** Runs `use` on the snapshot's tree (undefined for languages without a grammar and huge files). */
  withTree<R>(snapshot: DocumentSnapshot, use: (tree: Tree | undefined) => R): Promise<R> {
    if (!hasGrammar(snapshot.languageId)) return Promise.resolve(use(undefined));
    return this.trees.withTree(snapshot.uri, snapshot.languageId, snapshot.version, snapshot.text, use);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.trees.dispose();
    this.parsers.dispose();
  }
}
