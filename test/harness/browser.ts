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
  recordConsole(page);
  await page.goto(url);
  await waitFor('the VS Code workbench (.monaco-workbench) to appear', () => page.locator('.monaco-workbench').count(), { timeoutMs, intervalMs: 200 });
  return page;
}

const consoles = new WeakMap<Page, string[]>();
const CONSOLE_LINES = 2000;

/**
 * Keeps the page's console (its frames and webviews too), each line with the seconds since the page opened, so a
 * failed run can show what the workbench said, e.g. a webview that waited for its service worker.
 */
function recordConsole(page: Page): void {
  const lines: string[] = [];
  const opened = Date.now();
  consoles.set(page, lines);
  const add = (line: string) => {
    lines.push(`${((Date.now() - opened) / 1000).toFixed(1).padStart(7)} s  ${line}`);
    if (lines.length > CONSOLE_LINES) lines.shift();
  };
  page.on('console', (m) => add(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => add(`[pageerror] ${e.message}`));
}

/** What the page's console printed (the last lines), for a failure's diagnostics. */
export function consoleOf(page: Page): string {
  return (consoles.get(page) ?? []).join('\n') + '\n';
}

/** VS Code's language ids are lower case ('zh-cn'); the browser wants a BCP 47 tag ('zh-CN'). */
export function browserLocale(locale: string): string {
  const [language, ...rest] = locale.split('-');
  return [language.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('-');
}
