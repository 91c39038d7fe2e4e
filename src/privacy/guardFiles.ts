/**
 * A WorkspaceFiles that behaves as if ignored files did not exist, so no retriever (imports, similar
 * snippets, recent documents) can read, list or offer them, whatever it asks for.
 */
import type { WorkspaceFiles } from '../completion/types';
import type { IgnoreRules } from './ignoreRules';

/** `rules` may be a function, for rules that change (a user editing .fathomignore): asked on every call. */
export function guardFiles(files: WorkspaceFiles, ruleSource: IgnoreRules | (() => IgnoreRules)): WorkspaceFiles {
  const current = typeof ruleSource === 'function' ? ruleSource : () => ruleSource;
  const rules = { ignores: (p: string) => current().ignores(p), ignoresFileOrFolder: (p: string) => current().ignoresFileOrFolder(p) };
  const guarded: WorkspaceFiles = {
    read: async (path) => (rules.ignores(path) ? undefined : files.read(path)),
    exists: async (path) => (rules.ignores(path) ? false : files.exists(path)),
    recentDocuments: () => files.recentDocuments().filter((doc) => !rules.ignores(doc.path)),
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
