/**
 * The definitions a next-edit prompt may carry: those of the imported names the code around the cursor uses,
 * found by the completion's import retriever (context/gather.ts) in the workspace files the caller hands in —
 * guarded by the ignore rules (privacy/guardFiles.ts), so an ignored file never shows — and bounded in tokens.
 */
import type { Tree } from 'web-tree-sitter';
import { gatherContext } from '../context/gather';
import type { Parsers } from '../syntax/parsers';
import type { WorkspaceFiles } from '../workspace/files';
import type { NextEditDocument, Position, RelatedDefinition } from './types';

/** Tokens the definitions may take: enough for a few signatures and small types, little next to the file excerpt. */
export const RELATED_TOKENS = 1000;

export interface RelatedOptions {
  /** The document's current tree, when the caller keeps one; else it is parsed here. */
  tree?: Tree;
  signal?: AbortSignal;
  budgetTokens?: number;
}

export async function relatedDefinitions(document: NextEditDocument, cursor: Position, files: WorkspaceFiles, parsers: Parsers, options: RelatedOptions = {}): Promise<RelatedDefinition[]> {
  const snapshot = { uri: document.path, path: document.path, languageId: document.languageId, text: document.text, offset: offsetOf(document.text, cursor), version: 0 };
  const gathered = await gatherContext(snapshot, files, parsers, { budgetTokens: options.budgetTokens ?? RELATED_TOKENS, tree: options.tree, signal: options.signal, retrievers: ['imports'] });
  return gathered.snippets.map((s) => ({ path: s.path, text: s.text }));
}

function offsetOf(text: string, cursor: Position): number {
  let offset = 0;
  for (let line = 0; line < cursor.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + cursor.character);
}
