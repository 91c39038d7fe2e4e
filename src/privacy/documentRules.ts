/**
 * "Is this document ignored?" for any document the editor can show, by its URI's parts (plain data): files,
 * and the other schemes a file's text reaches the editor through — the diff view of git (`git:`), remote and
 * virtual workspaces (`vscode-remote:`, `vscode-vfs:`), notebook cells, unsaved documents (`untitled:`) —
 * are all judged by the path they carry, so none is a way around the rules. Output panes and debug sources
 * are never read.
 */
import type { IgnoreScope } from './ignoreScope';

/** A document's address: a URI's scheme, path and query. */
export interface DocumentAddress {
  scheme: string;
  path: string;
  query?: string;
}

/**
 * Never read, whatever their name: the Output panel (`output:`: logs of tools and extensions, which echo
 * tokens, URLs with passwords and command lines) and sources the debugger serves (`debug:`: text a running
 * program produced, not a file of the workspace).
 */
export const NEVER_READ_SCHEMES: ReadonlySet<string> = new Set(['output', 'debug']);

/**
 * Schemes whose path is a path on this machine's disk, where links can be followed: files, git's view of a
 * working-tree file, and a cell of a notebook file. Others (a remote machine, a virtual file system) are judged
 * by their path as written: its links are not on this disk.
 */
const LOCAL_PATH_SCHEMES: ReadonlySet<string> = new Set(['file', 'git', 'vscode-notebook-cell']);

/**
 * Whether a document is ignored. Every path the address carries is judged, by the folder it falls in:
 * - `git:` diff views carry the file's path twice: as the URI's path (sometimes with `.git` or `.diff`
 *   added, so that language features leave it alone) and as `path` in the JSON query; all are judged (a
 *   JSON query's `path` is judged for every scheme).
 * - `untitled:` documents are judged by their name (`untitled:.env` is ignored, `Untitled-1` is not): an
 *   untitled document's text pasted from an ignored file cannot be known by its path.
 */
export function ignoresDocument(scope: IgnoreScope, address: DocumentAddress): boolean {
  const scheme = address.scheme.toLowerCase();
  if (NEVER_READ_SCHEMES.has(scheme)) return true;
  const followLinks = LOCAL_PATH_SCHEMES.has(scheme);
  return pathsOf(scheme, address).some((path) => scope.ignores(path, { followLinks }));
}

function pathsOf(scheme: string, { path, query }: DocumentAddress): string[] {
  // A bare name (`untitled:Untitled-1`, `untitled:.env`) is judged as a name outside every folder.
  const paths = [path.startsWith('/') || /^[a-zA-Z]:/.test(path) ? path : `/${path}`];
  if (scheme === 'git') {
    const original = paths[0].replace(/\.(?:git|diff)$/, '');
    if (original !== paths[0]) paths.push(original);
  }
  // Git's, and other source-control views' (pull requests, history), original file.
  const fromQuery = queryPath(query);
  if (fromQuery) paths.push(fromQuery);
  return paths;
}

/** The `path` of a JSON query (`{"path":"/repo/.env","ref":"HEAD"}`), as git and similar views write it. */
function queryPath(query: string | undefined): string | undefined {
  if (!query?.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(query);
    const path = typeof parsed === 'object' && parsed !== null ? (parsed as { path?: unknown }).path : undefined;
    return typeof path === 'string' && path !== '' ? path : undefined;
  } catch {
    return undefined;
  }
}
