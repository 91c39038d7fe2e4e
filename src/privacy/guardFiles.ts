/**
 * A WorkspaceFiles that behaves as if ignored files did not exist, so no retriever (imports, similar
 * snippets, recent documents) can read, list or offer them, whatever it asks for and however it spells the
 * path. Given the workspace's root and a RealPath, links count too: a link into an ignored folder, out of the
 * workspace, or to nowhere is ignored. Whatever is read is also checked by its content (credentialContent.ts).
 */
import type { WorkspaceFiles } from '../workspace/files';
import { holdsCredentials } from './credentialContent';
import type { IgnoreRules } from './ignoreRules';
import { IgnoreScope, type PathRules, type RealPath } from './ignoreScope';

/** Rules, or a function asked on every call for rules that change (a user editing .fathomignore). */
export type RuleSource<R> = R | (() => R);

/** Where the workspace is on disk, to follow links (nodeRealpath.ts for a local disk). */
export interface LinkOptions {
  root: string;
  realpath: RealPath;
}

export function guardFiles(files: WorkspaceFiles, ruleSource: RuleSource<PathRules>): WorkspaceFiles;
export function guardFiles(files: WorkspaceFiles, ruleSource: RuleSource<IgnoreRules>, links: LinkOptions): WorkspaceFiles;
export function guardFiles(files: WorkspaceFiles, ruleSource: RuleSource<PathRules | IgnoreRules>, links?: LinkOptions): WorkspaceFiles {
  const source = typeof ruleSource === 'function' ? ruleSource : () => ruleSource;
  const current = links ? followingLinks(source as () => IgnoreRules, links) : source;
  const rules: PathRules = { ignores: (p) => current().ignores(p), ignoresFileOrFolder: (p) => current().ignoresFileOrFolder(p) };
  const guarded: WorkspaceFiles = {
    read: async (path) => {
      if (rules.ignores(path)) return undefined;
      const text = await files.read(path);
      return text !== undefined && holdsCredentials(text) ? undefined : text;
    },
    exists: async (path) => (rules.ignores(path) ? false : files.exists(path)),
    recentDocuments: () => files.recentDocuments().filter((doc) => !rules.ignores(doc.path) && !holdsCredentials(doc.text)),
  };
  const list = files.list?.bind(files);
  if (list) {
    guarded.list = async (dir) => {
      // A folder that is itself ignored lists as empty, as if it did not exist.
      if (dir !== '' && rules.ignoresFileOrFolder(dir)) return [];
      const prefix = dir === '' || dir.endsWith('/') ? dir : dir + '/';
      const names = await list(dir);
      return names.filter((name) => !rules.ignoresFileOrFolder(prefix + name));
    };
  }
  return guarded;
}

/**
 * The rules as one folder of a scope rooted at `links.root`, rebuilt only when the rules change. Outside the
 * root (a path climbing out with `..`) the same rules judge the absolute path.
 */
function followingLinks(source: () => IgnoreRules, links: LinkOptions): () => PathRules {
  let built: { rules: IgnoreRules; folder: PathRules } | undefined;
  return () => {
    const rules = source();
    if (built?.rules !== rules) built = { rules, folder: new IgnoreScope([{ path: links.root, rules }], { outside: rules, realpath: links.realpath }).forFolder(0) };
    return built.folder;
  };
}
