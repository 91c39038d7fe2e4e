/**
 * What the CLI commands that work at a cursor share: where they write, and how `--root`, `--file` and
 * `--offset` become the document snapshot and workspace view the editor would give the pipeline — seen
 * through the same ignore rules (the defaults plus the root's `.fathomignore`): an ignored `--file` is
 * refused, and ignored files do not exist for the context retrievers.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import type { DocumentSnapshot } from '../workspace/document';
import type { WorkspaceFiles } from '../workspace/files';
import { guardFiles } from '../privacy/guardFiles';
import { rulesForRoot } from '../privacy/rootRules';
import { languageOfPath } from '../syntax/languages';
import { NodeWorkspaceFiles } from './nodeWorkspaceFiles';

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Files of the same folder and language stand in for the editor's recently edited documents. */
const RECENT_SIBLINGS = 8;

export interface CursorDocument {
  root: string;
  snapshot: DocumentSnapshot;
  /**
   * The workspace as the editor would show it: other files from the disk, the folder's siblings as recent
   * documents, ignored files absent.
   */
  files: WorkspaceFiles;
}

/** The document at `--offset` of `--file` under `--root`; a message for the user when the arguments are wrong or the file is ignored. */
export async function openAtCursor(values: { root?: string; file?: string; offset?: string }): Promise<CursorDocument | { error: string }> {
  if (!values.root || !values.file || values.offset === undefined) return { error: '--root, --file and --offset are required.' };
  const root = resolve(values.root);
  const path = posix.normalize(values.file.replace(/\\/g, '/')).replace(/^\.\//, '');
  const rules = await rulesForRoot((name) => readFile(join(root, name), 'utf8'));
  if (rules.ignores(path)) return { error: `${path} matches the ignore rules (.fathomignore or the built-in defaults for secrets): Fathom never reads or sends it.` };
  const files = guardFiles(new NodeWorkspaceFiles(root, { recent: siblings(root, path) }), rules);
  const text = await files.read(path);
  if (text === undefined) return { error: `cannot read ${path} under ${root}.` };
  const offset = Number(values.offset);
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) return { error: `--offset must be an integer from 0 to ${text.length}.` };
  return { root, files, snapshot: { uri: path, path, languageId: languageOfPath(path, text) ?? 'plaintext', text, offset, version: 1 } };
}

/** Other files of the file's folder and language, most recently modified first. */
export function siblings(root: string, path: string): string[] {
  const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
  const languageId = languageOfPath(path);
  try {
    return readdirSync(resolve(root, dir))
      .map((name) => (dir ? `${dir}/${name}` : name))
      .filter((p) => p !== path && languageOfPath(p) === languageId)
      .map((p) => ({ p, mtime: statSync(resolve(root, p)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime)
      .slice(0, RECENT_SIBLINGS)
      .map((s) => s.p);
  } catch {
    return [];
  }
}
