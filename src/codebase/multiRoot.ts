/**
 * One Codebase over several workspace folders' indexes (a multi-root workspace): each question goes to
 * every folder, the answers are merged by score, best first. With one folder, paths stay relative to it;
 * with several, each path starts with its folder's name (`folder/src/x.ts`, as VS Code's
 * asRelativePath(uri, true) writes them), and `locate` turns such a path back into its folder and the path
 * inside it. Plain data: the extension's service (src/vscode/codebase/) builds it over the worker's indexes.
 */
import type { Codebase, CodebaseHit } from './codebase';

export interface FolderCodebase {
  /** The folder's name, as VS Code shows it (the prefix of its paths when there are several folders). */
  name: string;
  codebase: Codebase;
}

export class MultiRootCodebase implements Codebase {
  constructor(private readonly folders: readonly FolderCodebase[]) {}

  search(query: string, top: number): Promise<CodebaseHit[]> {
    return this.merge(top, (c) => c.search(query, top));
  }

  definitions(name: string, top: number): Promise<CodebaseHit[]> {
    return this.merge(top, (c) => c.definitions(name, top));
  }

  usages(name: string, top: number, exceptPath?: string): Promise<CodebaseHit[]> {
    const except = exceptPath === undefined ? undefined : this.locate(exceptPath);
    return this.merge(top, (c, folder) => c.usages(name, top, except?.folder === folder ? except.path : undefined));
  }

  /** The folder a (prefixed, when there are several folders) path belongs to, and the path inside it. */
  locate(path: string): { folder: FolderCodebase; path: string } | undefined {
    if (this.folders.length === 1) return { folder: this.folders[0], path };
    const slash = path.indexOf('/');
    const folder = slash > 0 ? this.folders.find((f) => f.name === path.slice(0, slash)) : undefined;
    return folder && { folder, path: path.slice(slash + 1) };
  }

  private async merge(top: number, ask: (codebase: Codebase, folder: FolderCodebase) => Promise<CodebaseHit[]>): Promise<CodebaseHit[]> {
    const prefix = this.folders.length > 1;
    const answers = await Promise.all(this.folders.map(async (folder) => (await ask(folder.codebase, folder)).map((hit) => (prefix ? { ...hit, path: `${folder.name}/${hit.path}` } : hit))));
    // A stable sort: equal scores keep their folder's order and their rank within it.
    return answers.flat().sort((a, b) => b.score - a.score).slice(0, top);
  }
}
