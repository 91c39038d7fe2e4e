/**
 * The ignore rules in force for a workspace root: the built-in defaults plus the root's `.fathomignore`.
 * One function for the extension (src/vscode/privacyRules.ts, reading through VS Code's file system) and
 * the CLI (reading from disk), so both refuse exactly the same files.
 */
import { IgnoreRules } from './ignoreRules';

export const FATHOMIGNORE = '.fathomignore';

/** `readRootFile` reads a file at the root by name; a missing or unreadable `.fathomignore` means the defaults alone. */
export async function rulesForRoot(readRootFile: (name: string) => Promise<string | undefined>): Promise<IgnoreRules> {
  let text: string | undefined;
  try {
    text = await readRootFile(FATHOMIGNORE);
  } catch {
    text = undefined;
  }
  return IgnoreRules.defaults().withFathomIgnore(text ?? '');
}
