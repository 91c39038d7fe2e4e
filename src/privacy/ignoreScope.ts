/**
 * The ignore rules applied to absolute paths: in a workspace of one or more folders, each with its own rules
 * (defaults + that folder's `.fathomignore`, matched against the path relative to that folder), and following
 * symbolic links, so a path is ignored when either it or the file it really leads to is:
 * - a link whose target the target's folder ignores (`notes.txt -> .env`, `src/cfg -> ../secrets/`);
 * - a link from inside a folder to outside every folder (`src/x.ts -> /etc/passwd`, `-> ~/.ssh/id_rsa`);
 * - a link that cannot be resolved (broken, a loop, no permission): what cannot be judged is not read.
 * A path outside every folder is judged by the `outside` rules (the defaults) on its absolute segments.
 * Links are resolved by a function given as data (nodeRealpath.ts on a local disk), so this stays plain.
 */
import type { IgnoreRules } from './ignoreRules';
import { spellingsOf, splitPath } from './pathForms';

/**
 * The real path of an absolute path, every link on the way resolved; for a path where nothing exists yet,
 * its nearest existing folder's real path joined with the rest. Undefined when a link on the way cannot be
 * resolved.
 */
export type RealPath = (absPath: string) => string | undefined;

/** What guardFiles asks of rules about workspace-relative paths: IgnoreRules, or one folder of a scope. */
export interface PathRules {
  ignores(relPath: string): boolean;
  ignoresFileOrFolder(relPath: string): boolean;
}

export interface ScopeFolder {
  /** The folder's absolute path (a URI's path or a native path: either separator, a drive letter or not). */
  path: string;
  rules: IgnoreRules;
}

export interface ScopeOptions {
  /** Rules for paths outside every folder, matched on their absolute segments (usually the defaults). */
  outside: IgnoreRules;
  /** Resolves links; without it paths are judged as written (virtual file systems, other machines). */
  realpath?: RealPath;
}

interface Folder {
  segments: string[];
  rules: IgnoreRules;
  /** The folder's own real segments, when it sits under a link (macOS' /tmp -> /private/tmp). */
  real: string[] | undefined;
}

export class IgnoreScope {
  private readonly folders: Folder[];

  constructor(
    folders: readonly ScopeFolder[],
    private readonly options: ScopeOptions,
  ) {
    this.folders = folders.map((f) => {
      const segments = splitPath(f.path).segments;
      const real = options.realpath?.(f.path);
      const realSegments = real === undefined ? undefined : splitPath(real).segments;
      return { segments, rules: f.rules, real: realSegments && !sameSegments(realSegments, segments) ? realSegments : undefined };
    });
  }

  /**
   * Whether an absolute path (a trailing separator: a folder) is ignored, by any spelling of it, and — unless
   * `followLinks` is false or no realpath was given — by where it really leads.
   */
  ignores(absPath: string, { followLinks = true } = {}): boolean {
    if (spellingsOf(absPath).some((spelling) => this.ignoresAsWritten(splitPath(spelling)))) return true;
    return followLinks && this.ignoresTarget(splitPath(absPath));
  }

  /** Rules for paths relative to folder `index` (what guardFiles takes); paths climbing out with `..` land where they land. */
  forFolder(index: number): PathRules {
    const folder = this.folders[index];
    if (!folder) return this.options.outside;
    const root = '/' + folder.segments.join('/');
    const ignores = (relPath: string) => {
      // Spelled before joining: decoding the folder's own path could only move it.
      if (spellingsOf(relPath).some((spelling) => this.ignoresAsWritten(splitPath(`${root}/${spelling}`)))) return true;
      return this.ignoresTarget(splitPath(`${root}/${relPath}`));
    };
    return {
      ignores,
      ignoresFileOrFolder: (relPath) => ignores(relPath) || (!/[\\/]$/.test(relPath) && ignores(relPath + '/')),
    };
  }

  /**
   * Rules for workspace paths: relative to the only folder, or — with several — starting with the name of
   * their folder (`names`: the folders' names in this scope's order). A path naming no folder leads nowhere
   * Fathom may read: it counts as ignored.
   */
  forWorkspacePaths(names: readonly string[]): PathRules {
    if (this.folders.length <= 1) return this.forFolder(0);
    const perFolder = this.folders.map((_, i) => this.forFolder(i));
    const judge = (path: string, ask: (rules: PathRules, rest: string) => boolean) => {
      const slash = path.indexOf('/');
      const index = slash > 0 ? names.indexOf(path.slice(0, slash)) : -1;
      return index < 0 || !perFolder[index] || ask(perFolder[index], path.slice(slash + 1));
    };
    return {
      ignores: (path) => judge(path, (rules, rest) => rules.ignores(rest)),
      ignoresFileOrFolder: (path) => judge(path, (rules, rest) => rules.ignoresFileOrFolder(rest)),
    };
  }

  /** By the path's own name: its folder's rules on the path relative to it, or the outside rules. */
  private ignoresAsWritten({ segments, folder: isFolder }: { segments: string[]; folder: boolean }): boolean {
    const within = this.folderOf(segments, (f) => f.segments);
    if (within) return within.folder.rules.matchesSegments(within.rest, isFolder);
    return this.options.outside.matchesSegments(segments, isFolder);
  }

  /** By the file the path really leads to. */
  private ignoresTarget(path: { segments: string[]; folder: boolean }): boolean {
    const realpath = this.options.realpath;
    if (!realpath) return false;
    const real = realpath(joinSegments(path.segments));
    if (real === undefined) return true;
    const target = splitPath(real).segments;
    if (sameSegments(target, path.segments)) return false; // no link on the way: judged already
    const within = this.folderOf(target, (f) => f.real ?? f.segments) ?? this.folderOf(target, (f) => f.segments);
    if (within) return within.folder.rules.matchesSegments(within.rest, path.folder);
    // The target is outside every folder: a link from a folder out of the workspace is never followed.
    if (this.folderOf(path.segments, (f) => f.segments)) return true;
    return this.options.outside.matchesSegments(target, path.folder);
  }

  /** The deepest folder holding `segments` (exact case first, then any case), and the segments below it. */
  private folderOf(segments: readonly string[], rootOf: (f: Folder) => readonly string[]): { folder: Folder; rest: string[] } | undefined {
    for (const fold of [(s: string) => s, (s: string) => s.toLowerCase()]) {
      let best: Folder | undefined;
      for (const folder of this.folders) {
        const root = rootOf(folder);
        if (root.length <= segments.length && root.every((s, i) => fold(s) === fold(segments[i])) && (!best || root.length > rootOf(best).length)) best = folder;
      }
      if (best) return { folder: best, rest: segments.slice(rootOf(best).length) };
    }
    return undefined;
  }
}

function sameSegments(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** Back to an absolute path: `/a/b`, or `/c:/a` for a Windows drive (nodeRealpath takes both forms). */
function joinSegments(segments: readonly string[]): string {
  return '/' + segments.join('/');
}
