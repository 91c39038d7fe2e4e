/** Shared by the prompt tests: documents written with █ where the cursor is, as the user sees them. */
import type { ModelInfo } from '../../../../src/backends/types';
import type { RoleSettings } from '../../../../src/config/settings';
import type { ContextSnippet, SnippetSource } from '../../../../src/context/snippets/snippet';
import type { DocumentSnapshot } from '../../../../src/workspace/document';

export const CURSOR = '█';

/** A snapshot of `marked` (one █ marks the cursor). */
export function atCursor(marked: string, path = 'src/app.ts', languageId = 'typescript'): DocumentSnapshot {
  const offset = marked.indexOf(CURSOR);
  if (offset === -1 || marked.indexOf(CURSOR, offset + 1) !== -1) throw new Error('mark the cursor with exactly one █');
  return { uri: `file:///ws/${path}`, path, languageId, text: marked.slice(0, offset) + marked.slice(offset + 1), offset, version: 1 };
}

export function snippet(path: string, text: string, score: number, source: SnippetSource = 'imports'): ContextSnippet {
  return { path, startLine: 1, endLine: text.split('\n').length, text, source, score };
}

export const SETTINGS: RoleSettings = { provider: 'ollama', baseUrl: '', model: 'qwen2.5-coder:1.5b', temperature: 0.2, maxTokens: 256 };

export const fimInfo = (name: string): ModelInfo => ({ name, supportsFim: true });
export const noFimInfo = (name: string): ModelInfo => ({ name, supportsFim: false });
