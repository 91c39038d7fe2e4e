/** Debian's Chromium, driven by playwright-core (which downloads no browser of its own). */
import { chromium, type Browser, type Page } from 'playwright-core';
import { prepareTestEnv } from './prepare';
import { waitFor } from './wait';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Headless unless FATHOM_HEADED=1 (and a display). */
export async function launchBrowser(): Promise<Browser> {
  const { chromium: executablePath } = await prepareTestEnv();
  if (!executablePath) throw new Error('no Chromium found: run scripts/vscode-test-env, or set FATHOM_CHROMIUM');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: process.env.FATHOM_HEADED !== '1' });
}

/**
 * Opens the web client at `url` in a fresh page and waits until the workbench is on screen. `locale` (e.g.
 * 'zh-CN') is the browser's language, which the web client takes as VS Code's display language.
 */
export async function openWorkbench(browser: Browser, url: string, { timeoutMs = 60_000, locale }: { timeoutMs?: number; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...(locale ? { locale: browserLocale(locale) } : {}) });
  const page = await context.newPage();
  await page.goto(url);
  await waitFor('the VS Code workbench (.monaco-workbench) to appear', () => page.locator('.monaco-workbench').count(), { timeoutMs, intervalMs: 200 });
  return page;
}

/** VS Code's language ids are lower case ('zh-cn'); the browser wants a BCP 47 tag ('zh-CN'). */
export function browserLocale(locale: string): string {
  const [language, ...rest] = locale.split('-');
  return [language.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('-');
}
