/**
 * A workspace folder written by a test, with a real codebase index over it (LocalCodebase) and the same
 * folder as WorkspaceFiles: what the commands' and the completion retriever's tests run against.
 */
import { rmSync } from 'node:fs';
import { NodeWorkspaceFiles } from '../../../src/cli/nodeWorkspaceFiles';
import { CodebaseIndex } from '../../../src/codebase/codebaseIndex';
import { LocalCodebase } from '../../../src/codebase/localCodebase';
import { syncIndex } from '../../../src/codebase/syncIndex';
import type { Parsers } from '../../../src/syntax/parsers';
import { tempTree } from '../tempTree';

export interface TempCodebase {
  root: string;
  codebase: LocalCodebase;
  files: NodeWorkspaceFiles;
  dispose(): void;
}

/** Writes `files` (workspace-relative path → text) into a new temp folder and indexes it. */
export async function tempCodebase(files: Record<string, string>, parsers: Parsers): Promise<TempCodebase> {
  const root = tempTree('fathom-cmdctx-', files);
  const index = CodebaseIndex.empty();
  await syncIndex(root, index, parsers);
  return { root, codebase: new LocalCodebase(root, index), files: new NodeWorkspaceFiles(root), dispose: () => rmSync(root, { recursive: true, force: true }) };
}
