/**
 * A workspace folder written by a test, with a real codebase index over it (LocalCodebase) and the same
 * folder as WorkspaceFiles: what the commands' and the completion retriever's tests run against.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NodeWorkspaceFiles } from '../../../src/cli/nodeWorkspaceFiles';
import { CodebaseIndex } from '../../../src/codebase/codebaseIndex';
import { LocalCodebase } from '../../../src/codebase/localCodebase';
import { syncIndex } from '../../../src/codebase/syncIndex';
import type { Parsers } from '../../../src/syntax/parsers';

export interface TempCodebase {
  root: string;
  codebase: LocalCodebase;
  files: NodeWorkspaceFiles;
  dispose(): void;
}

/** Writes `files` (workspace-relative path → text) into a new temp folder and indexes it. */
export async function tempCodebase(files: Record<string, string>, parsers: Parsers): Promise<TempCodebase> {
  const root = mkdtempSync(join(tmpdir(), 'fathom-cmdctx-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const index = CodebaseIndex.empty();
  await syncIndex(root, index, parsers);
  return { root, codebase: new LocalCodebase(root, index), files: new NodeWorkspaceFiles(root), dispose: () => rmSync(root, { recursive: true, force: true }) };
}
