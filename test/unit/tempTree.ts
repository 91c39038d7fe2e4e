/** A folder of files a test writes (path relative to it → text), in a new temporary folder; temporary folders removed after the run. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes `files` under `root`, making their folders. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A new temporary folder named `prefix…` holding `files`; the caller removes it. */
export function tempTree(prefix: string, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  writeTree(root, files);
  return root;
}

/** Folders made by tempDir, removed once every test has run. */
const made: string[] = [];
after(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A new temporary folder named `prefix…`, removed after the whole run: for the folders a test file's helpers
 * make outside any hook (a cases file, a settings file, a workspace a describe shares), which would otherwise
 * be left in the system's temporary folder by every run.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
