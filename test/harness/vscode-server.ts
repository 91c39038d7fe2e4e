/**
 * A real VS Code 1.100 server (from code-server's package) on a free port, with a fresh user-data-dir, its own
 * extensions dir, and a workspace folder; the web client it serves loads Fathom through the URL's payload.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE_FIXTURE } from './paths';
import { freePort } from './ports';
import { prepareTestEnv } from './prepare';
import { startProcess, type Started } from './processes';
import { GiveUp, waitFor } from './wait';

/** User settings that keep the workbench quiet and deterministic: no trust prompt, welcome page, tips, updates. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'chat.commandCenter.enabled': false,
};

/** For tests only: an editor that behaves the same on every run. */
export const TEST_EDITOR_SETTINGS: Record<string, unknown> = {
  'files.autoSave': 'off',
  'editor.inlineSuggest.enabled': true,
  // The suggest widget would compete with ghost text while typing: keep it for explicit requests only.
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
};

export interface ProfileOptions {
  /** Use this existing folder as the workspace (default: a fresh copy of `fixture`). */
  folder?: string;
  /** Folder copied into a temporary workspace (default test/fixtures/workspace). */
  fixture?: string;
  /** Extra files written into the workspace, path relative to it → content. */
  files?: Record<string, string>;
  /** User settings on top of QUIET_SETTINGS (and TEST_EDITOR_SETTINGS unless `forTests` is false). */
  settings?: Record<string, unknown>;
  /** Add TEST_EDITOR_SETTINGS (default true; `npm start` leaves the editor as VS Code ships it). */
  forTests?: boolean;
  /** Keep the temporary folder after dispose() (default: when FATHOM_KEEP_TEMP=1). */
  keep?: boolean;
  /**
   * Names of more (empty) workspace folders created beside the workspace: the window then opens a multi-root
   * workspace (`workspace.code-workspace` in the profile: the workspace first, these after it).
   */
  extraFolders?: string[];
}

/** A fresh VS Code profile in a temporary folder: user-data/ (with settings.json), extensions/, workspace/. */
export interface Profile {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  /** The `.code-workspace` file opened instead of the folder, when there are extra folders. */
  workspaceFile?: string;
  dispose(): void;
}

export function createProfile(options: ProfileOptions = {}): Profile {
  const root = mkdtempSync(join(tmpdir(), 'fathom-vscode-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...(options.forTests === false ? {} : TEST_EDITOR_SETTINGS), ...options.settings }, null, 2));

  const workspace = options.folder ? resolve(options.folder) : join(root, 'workspace');
  if (!options.folder) cpSync(options.fixture ?? WORKSPACE_FIXTURE, workspace, { recursive: true });
  for (const [rel, content] of Object.entries(options.files ?? {})) {
    const abs = join(workspace, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  let workspaceFile: string | undefined;
  if (options.extraFolders?.length) {
    const extra = options.extraFolders.map((name) => join(root, name));
    for (const folder of extra) mkdirSync(folder, { recursive: true });
    workspaceFile = join(root, 'workspace.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [workspace, ...extra].map((path) => ({ path })) }, null, 2));
  }
  const keep = options.keep ?? process.env.FATHOM_KEEP_TEMP === '1';
  // Removed also when the process exits without dispose() (Ctrl-C, a crash).
  const remove = () => rmSync(root, { recursive: true, force: true });
  if (!keep) process.once('exit', remove);
  return {
    root,
    userDataDir,
    extensionsDir,
    workspace,
    workspaceFile,
    dispose: () => {
      if (keep) return console.error(`[harness] kept ${root}`);
      process.off('exit', remove);
      remove();
    },
  };
}

export interface VSCodeServerOptions extends ProfileOptions {
  /** Extra environment for the server (and so for the extension host it starts). */
  env?: NodeJS.ProcessEnv;
  port?: number;
  host?: string;
  /** Echo the server's output to stderr. */
  echo?: boolean;
  /**
   * .vsix files installed into the profile's extensions dir before the server starts (its own
   * `--install-extension`, as a user would): they then load like any installed extension, no payload needed.
   */
  installExtensions?: string[];
  /**
   * Workspace trust on (default off: QUIET_SETTINGS and `--disable-workspace-trust`): the workspace then opens
   * in Restricted Mode, untrusted, without the startup prompt; `Workbench.trustWorkspace()` trusts it.
   */
  workspaceTrust?: boolean;
  /**
   * VS Code's display language, e.g. 'zh-cn': the server's `--locale`, and an empty language pack for it
   * (see `registerEmptyLanguagePack`). Open the workbench with the same locale
   * (`openWorkbench(browser, url, { locale })`).
   */
  locale?: string;
}

export interface PayloadOptions {
  /** Load this folder as an extension under development. */
  extensionDevelopmentPath?: string;
  /** Run this test module's `run()` inside the extension host; the host exits when it settles. */
  extensionTestsPath?: string;
  /** Open this file (absolute, or relative to the workspace) at start. */
  openFile?: string;
}

export interface VSCodeServer {
  /** http://host:port/ */
  url: string;
  port: number;
  profile: Profile;
  /** The workspace folder it serves. */
  workspace: string;
  process: Started;
  /** The web client's URL for the workspace, with development options in the payload. */
  workbenchUrl(payload?: PayloadOptions): string;
  /** `vscode-remote://` URI of a path on the server's machine. */
  remoteUri(absPath: string): string;
  /** Absolute path of a workspace file. */
  file(relPath: string): string;
  /** Stops the server and everything it started, and removes the profile. */
  stop(): Promise<void>;
}

export async function startVSCodeServer(options: VSCodeServerOptions = {}): Promise<VSCodeServer> {
  const { serverMain } = await prepareTestEnv();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  const trust = options.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  const profile = createProfile({ ...options, settings: { ...options.settings, ...trust } });
  if (options.locale && !options.locale.startsWith('en')) registerEmptyLanguagePack(profile, options.locale);
  for (const vsix of options.installExtensions ?? []) {
    try {
      await installExtension(serverMain, profile, vsix);
    } catch (err) {
      profile.dispose();
      throw err;
    }
  }
  const proc = startProcess(
    'vscode-server',
    process.execPath,
    [
      serverMain,
      '--host', host,
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--user-data-dir', profile.userDataDir,
      '--extensions-dir', profile.extensionsDir,
      '--disable-telemetry',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      ...(options.locale ? ['--locale', options.locale] : []),
    ],
    { env: { ...process.env, ...options.env }, logFile: join(profile.root, 'server.log'), echo: options.echo },
  );

  const url = `http://${host}:${port}/`;
  const remoteUri = (abs: string) => `vscode-remote://${host}:${port}${encodeURI(abs)}`;
  const server: VSCodeServer = {
    url,
    port,
    profile,
    workspace: profile.workspace,
    process: proc,
    remoteUri,
    file: (rel) => resolve(profile.workspace, rel),
    workbenchUrl(payload = {}) {
      const entries: [string, string][] = [];
      if (payload.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', remoteUri(resolve(payload.extensionDevelopmentPath))]);
      if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remoteUri(resolve(payload.extensionTestsPath))]);
      if (payload.openFile) entries.push(['openFile', remoteUri(resolve(profile.workspace, payload.openFile))]);
      const opened = profile.workspaceFile ? `workspace=${encodeURIComponent(profile.workspaceFile)}` : `folder=${encodeURIComponent(profile.workspace)}`;
      const query = opened + (entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : '');
      return `${url}?${query}`;
    },
    async stop() {
      await proc.stop();
      profile.dispose();
    },
  };

  try {
    await waitFor(`the VS Code server to answer on ${url}`, async () => {
      if (proc.hasExited()) throw new GiveUp(`the server exited early:\n${proc.tail()}`);
      const res = await fetch(url).catch(() => undefined);
      return res?.status === 200;
    }, { timeoutMs: 60_000, intervalMs: 200 });
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/**
 * Without a language pack for the locale, the web client's display language stays 'en' whatever --locale or
 * the browser say (VS Code 1.100's platform.language in the browser is the language of the NLS messages it
 * loaded), and with it `vscode.env.language`, `vscode.l10n` and the package.nls.<locale>.json the server
 * applies. A real pack (e.g. MS-CEINTL.vscode-language-pack-zh-hans) comes from the Marketplace, which is
 * out of reach here; so the profile registers one the way an installed pack is registered
 * (<user-data>/languagepacks.json, read by VS Code's resolveNLSConfiguration) whose translation file is empty:
 * VS Code's own UI stays English, everything else runs exactly as with a real pack.
 */
export function registerEmptyLanguagePack(profile: Profile, locale: string): void {
  const language = locale.toLowerCase();
  const translations = join(profile.root, 'language-pack', 'main.i18n.json');
  mkdirSync(dirname(translations), { recursive: true });
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  const pack = {
    hash: `fathom-test-${language}`,
    // VS Code reads the pack's first extension (its id names the pack); none is installed.
    extensions: [{ extensionIdentifier: { id: `fathom-test.language-pack-${language}` }, version: '0.0.0' }],
    translations: { vscode: translations },
    label: language,
  };
  writeFileSync(join(profile.userDataDir, 'languagepacks.json'), JSON.stringify({ [language]: pack }, null, 2));
}

/** `server-main.js --install-extension VSIX` into the profile's extensions dir (the server CLI exits when done). */
export async function installExtension(serverMain: string, profile: Profile, vsix: string): Promise<void> {
  const args = [serverMain, '--install-extension', resolve(vsix), '--force', '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir, '--accept-server-license-terms'];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 4 << 20, timeout: 120_000 });
    if (!/successfully installed/i.test(stdout)) throw new Error(stdout.trim() || 'no output');
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`installing ${vsix} into the VS Code server failed: ${[e.message, e.stdout, e.stderr].filter(Boolean).join('\n')}`);
  }
}
