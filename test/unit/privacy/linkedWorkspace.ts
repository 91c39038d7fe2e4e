/**
 * A two-folder workspace on disk, in a temporary folder the test creates, with the symbolic links an attacker
 * (or a careless repository) would use to reach ignored files: a file link to `.env`, a folder link into
 * `secrets/`, links out of the workspace to a key and a password file, broken links, a loop, a chain of links,
 * a link to another workspace folder's ignored folder — and the workspace opened through a link to its folder.
 * Every file holds a marker naming it, so a test can count what leaked.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Text of each real file, by its path below the temporary folder. */
export const LINKED_FILES: Record<string, string> = {
  'ws/.env': 'DATABASE_URL=zebra_link_dotenv\n',
  'ws/secrets/db.ts': 'export const password = "zebra_link_secrets_folder";\n',
  'ws/src/app.ts': 'export const app = 1;\n',
  'ws/src/settings.ts': 'export function loadSettings(name: string): string {\n  return name;\n}\n',
  'ws/Private/notes.ts': 'export const notes = "zebra_link_case_folder";\n',
  'ws/.fathomignore': 'private/\n',
  'second/.fathomignore': 'internal/\n',
  'second/internal/pricing.ts': 'export const margin = "zebra_link_second_folder";\n',
  'second/src/shared.ts': 'export const shared = 2;\n',
  'outside/home/.ssh/id_rsa': '-----BEGIN OPENSSH PRIVATE KEY-----\nzebra_link_outside_key\n-----END OPENSSH PRIVATE KEY-----\n',
  'outside/etc/passwd': 'root:x:0:0:zebra_link_outside_passwd:/root:/bin/sh\n',
  'outside/project/main.go': 'package main\n',
};

/** Each link (below the temporary folder) → its target as written in the link (relative or absolute). */
export function linkTargets(root: string): Record<string, string> {
  return {
    'ws/src/notes.txt': '../.env', // a file link to an ignored file
    'ws/src/cfg': '../secrets', // a folder link into an ignored folder
    'ws/src/private-notes.ts': '../Private/notes.ts', // into a folder .fathomignore names in another case
    'ws/src/passwd.ts': join(root, 'outside/etc/passwd'), // out of the workspace
    'ws/src/key.ts': join(root, 'outside/home/.ssh/id_rsa'), // out of the workspace, to a key
    'ws/src/vendor': join(root, 'outside/project'), // a folder link out of the workspace
    'ws/src/broken.ts': '../missing.ts', // leads nowhere
    'ws/src/broken-dir': '../missing-dir', // a folder link to nowhere
    'ws/src/loop-a.ts': 'loop-b.ts', // a loop
    'ws/src/loop-b.ts': 'loop-a.ts', // …
    'ws/src/chain.ts': 'chain-2.ts', // a chain ending at .env
    'ws/src/chain-2.ts': '../.env', // …
    'ws/src/margin.ts': join(root, 'second/internal/pricing.ts'), // into the other folder's ignored folder
    'ws/src/shared.ts': join(root, 'second/src/shared.ts'), // into the other folder, allowed there
    'ws/src/app-link.ts': 'app.ts', // an ordinary link inside the workspace
    'ws-link': join(root, 'ws'), // the workspace folder opened through a link
    'outside/notes.txt': 'home/.ssh/id_rsa', // outside every folder, to a key outside every folder
  };
}

export interface LinkedWorkspace {
  /** The temporary folder holding ws/, second/, outside/ and ws-link. */
  root: string;
  ws: string;
  second: string;
  outside: string;
  /** ws opened through a link to it. */
  wsLink: string;
  dispose(): void;
}

export function createLinkedWorkspace(): LinkedWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'fathom-links-'));
  for (const [path, text] of Object.entries(LINKED_FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const [path, target] of Object.entries(linkTargets(root))) symlinkSync(target, join(root, path));
  return {
    root,
    ws: join(root, 'ws'),
    second: join(root, 'second'),
    outside: join(root, 'outside'),
    wsLink: join(root, 'ws-link'),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
