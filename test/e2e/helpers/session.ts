/**
 * One UI test session: the fake LLM server, a VS Code server whose user settings point Fathom at it, Chromium
 * showing the web client with Fathom loaded from this repository (dist/, so build first; or from
 * FATHOM_EXTENSION_PATH; or installed from a .vsix with `vsix`), and a Workbench to drive it. `useSession()` wires it into mocha: started before the
 * suite, a screenshot of every failed test, everything stopped after the suite — also when a test or the start
 * itself fails.
 */
import type { Browser, Page } from 'playwright-core';
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../../fake-server';
import { EXTENSION_PATH, launchBrowser, openWorkbench, startVSCodeServer, Workbench, type VSCodeServer } from '../../harness';

export interface SessionOptions {
  /** Files written into the workspace (a copy of test/fixtures/workspace), path → content. */
  files?: Record<string, string>;
  /** User settings on top of the harness's quiet ones and `fathom.ollama.baseUrl` = the fake server. */
  settings?: Record<string, unknown>;
  fakeServer?: FakeServerOptions;
  /** A workspace file to open at start. */
  openFile?: string;
  /**
   * Install this .vsix into the VS Code server (`--install-extension`) and load Fathom from there, instead of
   * loading this repository (or FATHOM_EXTENSION_PATH) as an extension under development.
   */
  vsix?: string;
  /** VS Code's display language, e.g. 'zh-cn' (the server's --locale and the browser's language). */
  locale?: string;
  /** Wait for Fathom to be activated before the tests (default true; false: a test meets the window starting). */
  waitForActivation?: boolean;
  /** Environment variables for the VS Code server and so its extension host (e.g. FATHOM_LOAD_REST_AFTER_MS). */
  env?: NodeJS.ProcessEnv;
  /** Runs on the workspace folder (its absolute path) after the files are written, before the window opens (e.g. `git init`). */
  beforeOpen?: (workspace: string) => Promise<void>;
}

export interface Session {
  fake: FakeServer;
  server: VSCodeServer;
  browser: Browser;
  page: Page;
  wb: Workbench;
  /** Stops everything the session started, newest first. */
  stop(): Promise<void>;
}

export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (let step = cleanup.pop(); step; step = cleanup.pop()) await step().catch((err) => console.error(`[session] cleanup: ${err}`));
  };
  try {
    const fake = await startFakeServer(options.fakeServer);
    cleanup.push(() => fake.close());
    const server = await startVSCodeServer({
      files: options.files,
      settings: { 'fathom.ollama.baseUrl': fake.url, ...options.settings },
      installExtensions: options.vsix ? [options.vsix] : [],
      locale: options.locale,
      env: options.env,
    });
    cleanup.push(() => server.stop());
    await options.beforeOpen?.(server.profile.workspace);
    const browser = await launchBrowser();
    cleanup.push(() => browser.close());
    const page = await openWorkbench(browser, server.workbenchUrl({ extensionDevelopmentPath: options.vsix ? undefined : EXTENSION_PATH, openFile: options.openFile }), { locale: options.locale });
    const wb = new Workbench(page);
    if (options.waitForActivation !== false) await wb.waitForActivation();
    return { fake, server, browser, page, wb, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Mocha hooks for a UI suite; returns the session, filled in once the suite's `before` hook ran.
 * Failed tests leave test-results/screenshots/<test>-failed.png.
 */
export function useSession(options: SessionOptions = {}): Session {
  const session = {} as Session;
  before(async function () {
    this.timeout(120_000);
    Object.assign(session, await startSession(options));
  });
  beforeEach(() => session.fake.reset());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session.wb) {
      const path = await session.wb.screenshot(`${this.currentTest.fullTitle()}-failed`).catch(() => undefined);
      if (path) console.error(`    screenshot: ${path}`);
      const requests = session.fake.requests.map((r) => `${r.endpoint}${r.closedByClient ? ' (cancelled)' : ''}`);
      console.error(`    the fake server got: ${requests.join(', ') || 'no requests'}`);
    }
  });
  after(async function () {
    this.timeout(30_000);
    await session.stop?.();
  });
  return session;
}
