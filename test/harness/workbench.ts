/**
 * What a UI test does in the VS Code web client, as a user would: open a file, type, see ghost text, accept it,
 * run a command by its palette title, open a view, read the editor, take a screenshot. Every step waits for
 * what it expects with a timeout whose error says what it waited for.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOTS_DIR } from './paths';
import { waitFor, WaitTimeoutError, type WaitOptions } from './wait';

/** DOM id of the status bar item `fathom.status` that extension `fathom.fathom` creates. */
export const FATHOM_STATUS_ITEM = 'fathom.fathom.fathom.status';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Monaco renders spaces as no-break spaces. */
const plain = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ');

export class Workbench {
  constructor(readonly page: Page) {}

  /** The editor that has focus (or, failing that, the one in the active editor group). */
  get activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
  }

  /** A status bar item by its DOM id (`<extension id>.<item id>`). */
  statusItem(id: string): Locator {
    return this.page.locator(`.statusbar [id="${id}"]`);
  }

  /** Waits until the extension's status bar item is shown: the visible sign that it has activated. */
  async waitForActivation(itemId = FATHOM_STATUS_ITEM, { timeoutMs = 30_000 } = {}): Promise<void> {
    await waitFor(`the status bar item ${itemId} (extension activated)`, () => this.statusItem(itemId).isVisible(), { timeoutMs, intervalMs: 100 });
  }

  /** The status bar item's accessible text, e.g. "sparkle Fathom". */
  async statusText(itemId = FATHOM_STATUS_ITEM): Promise<string> {
    return plain(await this.statusItem(itemId).getAttribute('aria-label'));
  }

  /**
   * Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor has focus and is ready for
   * typing: VS Code creates some editor parts, inline suggestions among them, only once the window is idle
   * after the editor appeared, and keys typed before that never ask for ghost text. A notebook opens in the
   * notebook editor, whose cells are text editors of their own: `{ notebook: true }` waits for its cells.
   */
  async openFile(relPath: string, { timeoutMs = 15_000, notebook = false } = {}): Promise<void> {
    const name = basename(relPath);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) }).first();
    // A view that takes the focus late (a webview being revealed) closes Quick Open: open it again then.
    await waitFor(`"${relPath}" picked in Quick Open`, async () => {
      if (!(await this.page.locator('.quick-input-widget').isVisible())) await this.quickInput('Control+P', relPath);
      if (!(await row.isVisible())) return false;
      return row.click({ timeout: 2000 }).then(() => true, () => false);
    }, { timeoutMs });
    if (notebook) {
      await waitFor(`the cells of ${relPath}`, () => this.page.locator('.notebook-editor .cell-editor-container .monaco-editor').first().isVisible(), { timeoutMs });
      await this.idle();
      return;
    }
    await waitFor(`the editor of ${relPath} to have focus`, async () => {
      const uri = await this.page.locator('.editor-group-container.active .monaco-editor.focused[data-uri]').first().getAttribute('data-uri').catch(() => null);
      return uri?.endsWith(relPath.replace(/^\.?\//, ''));
    }, { timeoutMs });
    await this.idle();
  }

  /** Resolves once the page has been idle (so the idle work VS Code queued before this call has run). */
  async idle({ timeoutMs = 10_000 } = {}): Promise<void> {
    const idled = await this.page.evaluate(
      (ms) => new Promise<boolean>((resolve) => requestIdleCallback((deadline) => resolve(!deadline.didTimeout), { timeout: ms })),
      timeoutMs,
    );
    if (!idled) throw new WaitTimeoutError(`Timed out after ${timeoutMs} ms waiting for the browser window to become idle`);
  }

  /** Puts the cursor at a 1-based line and column of the active editor (Ctrl+G). */
  async goTo(line: number, column = 1): Promise<void> {
    const there = async () => plain(await this.page.locator('.statusbar [id="status.editor.selection"]').getAttribute('aria-label').catch(() => '')).includes(`Ln ${line}, Col ${column}`);
    // On a loaded machine an Enter can reach Go to Line before it has read the typed position (it then closes
    // without moving): ask again, as a user would, before giving up.
    for (let attempt = 1; ; attempt++) {
      await this.quickInput('Control+G', `:${line}:${column}`);
      await this.page.keyboard.press('Enter');
      try {
        await waitFor(`the cursor at Ln ${line}, Col ${column}`, there, { timeoutMs: attempt < 3 ? 4_000 : 10_000 });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        if (await this.page.locator('.quick-input-widget').isVisible()) await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Moves the cursor to the end of the active editor's text. */
  async goToEnd(): Promise<void> {
    await this.page.keyboard.press('Control+End');
  }

  /** Types into whatever has focus, one key at a time like a user (the editor may auto-close brackets). */
  async type(text: string, { delayMs = 25 } = {}): Promise<void> {
    await this.page.keyboard.type(text, { delay: delayMs });
  }

  /** The ghost text shown in the active editor now ('' when none): first line inline, further lines below it. */
  async ghostText(): Promise<string> {
    const editor = this.activeEditor;
    const first = (await editor.locator('.ghost-text-decoration, .ghost-text-decoration-preview').allTextContents()).join('');
    const more = await editor.locator('.suggest-preview-text .view-line').allTextContents();
    return plain([first, ...more].join('\n'));
  }

  /** Waits for ghost text (matching `expected` when given) and returns it. */
  async waitForGhostText(expected?: string | RegExp, { timeoutMs = 15_000 }: WaitOptions = {}): Promise<string> {
    const what = expected === undefined ? 'ghost text in the editor' : `ghost text ${expected instanceof RegExp ? expected : JSON.stringify(expected)}`;
    let last = '';
    try {
      return await waitFor(what, async () => {
        last = await this.ghostText();
        if (!last) return false;
        if (expected === undefined) return last;
        return (typeof expected === 'string' ? last === expected : expected.test(last)) && last;
      }, { timeoutMs, intervalMs: 100 });
    } catch (err) {
      throw new Error(`${(err as Error).message}; last seen: ${JSON.stringify(last)}`);
    }
  }

  /** Presses Tab to accept the ghost text and waits until it is gone. */
  async acceptGhostText({ timeoutMs = 5_000 } = {}): Promise<void> {
    await this.page.keyboard.press('Tab');
    await waitFor('the ghost text to be accepted (gone from the editor)', async () => (await this.ghostText()) === '', { timeoutMs });
  }

  /**
   * The text of an editor (default: the active one), as rendered. Monaco renders only the lines in view, so
   * this is the whole text only for files that fit on screen.
   */
  async editorText(editor: Locator = this.activeEditor): Promise<string> {
    const lines = await editor.locator('.view-lines .view-line').evaluateAll((els) =>
      els.map((e) => ({ top: parseFloat((e as HTMLElement).style.top) || 0, text: e.textContent ?? '' })).sort((a, b) => a.top - b.top).map((l) => l.text),
    );
    return plain(lines.join('\n'));
  }

  /** Waits until the editor's text satisfies `predicate` (or equals it, when a string) and returns it. */
  async waitForEditorText(expected: string | RegExp | ((text: string) => boolean), editor: Locator = this.activeEditor, { timeoutMs = 10_000 } = {}): Promise<string> {
    const test = typeof expected === 'string' ? (t: string) => t === expected : expected instanceof RegExp ? (t: string) => expected.test(t) : expected;
    let last = '';
    try {
      const found = await waitFor(`the editor text to match ${typeof expected === 'function' ? 'the condition' : JSON.stringify(String(expected))}`, async () => {
        last = await this.editorText(editor);
        return test(last) && { text: last };
      }, { timeoutMs });
      return found.text;
    } catch (err) {
      throw new Error(`${(err as Error).message}; last seen:\n${last}`);
    }
  }

  /** Runs a command from the command palette (F1) by its exact title, e.g. "Fathom: Doctor". */
  async runCommand(title: string, { timeoutMs = 10_000 } = {}): Promise<void> {
    // A view that takes the focus as it comes up (a webview restored after a reload) closes the palette under
    // the test's hands: opened again, up to three times, when it closed before the command showed.
    const widget = this.page.locator('.quick-input-widget');
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) }).first();
    for (let attempt = 1; ; attempt++) {
      await this.quickInput('F1', `>${title}`);
      const shown = await waitFor(`the command "${title}" in the command palette`, async () => (await row.isVisible()) || ((await widget.isVisible()) ? false : 'closed'), { timeoutMs });
      if (shown === true || attempt === 3) break;
    }
    await this.pickRow(title, `the command "${title}" in the command palette`, timeoutMs);
  }

  /**
   * Opens a view or view container by its title through "View: Open View" (Quick Open's `view ` prefix),
   * e.g. "Fathom" for the container in the activity bar, then waits for its title on screen.
   */
  async openView(title: string, { timeoutMs = 10_000 } = {}): Promise<Locator> {
    await this.quickInput('Control+P', `view ${title}`);
    await this.pickRow(title, `the view "${title}" in View: Open View`, timeoutMs);
    const heading = this.page
      .locator('.part.sidebar .composite.title h2, .part.auxiliarybar .composite.title h2, .part.panel .composite.title .action-label, .pane-header h3.title')
      .filter({ hasText: new RegExp(`^${escapeRegExp(title)}$`, 'i') })
      .first();
    await waitFor(`the view "${title}" to be shown`, () => heading.isVisible(), { timeoutMs });
    return heading;
  }

  /**
   * Trusts the workspace as a user does: "Workspaces: Manage Workspace Trust", then the editor's Trust button
   * (only in a window started with workspace trust on; see `startVSCodeServer({ workspaceTrust: true })`).
   */
  async trustWorkspace({ timeoutMs = 15_000 } = {}): Promise<void> {
    // Right after start-up the palette may not list the command yet, or a late view may close it: ask again.
    await waitFor('the Workspace Trust editor to open', () => this.runCommand('Workspaces: Manage Workspace Trust', { timeoutMs: 3000 }).then(() => true), { timeoutMs: timeoutMs * 2 });
    const trust = this.page.locator('.workspace-trust-editor .workspace-trust-buttons .monaco-button').filter({ hasText: /^Trust$/ }).first();
    await waitFor('the Trust button of the Workspace Trust editor', () => trust.isVisible(), { timeoutMs });
    await trust.click();
    // Granted: the editor replaces the Trust button (whoever needs the trust waits for it: workspace.isTrusted).
    await waitFor('the Trust button to go', async () => !(await trust.isVisible()), { timeoutMs });
  }

  /** "Preferences: Color Theme" and the theme's row (e.g. "Dark High Contrast"), with the keyboard as a user would. */
  async pickColorTheme(label: string): Promise<void> {
    // Not runCommand: it waits for the palette to close, and the theme picker opens in its place.
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('F1');
    await waitFor('the command palette', () => input.isVisible());
    await input.fill('>Preferences: Color Theme');
    const command = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: /^Preferences: Color Theme$/ }) }).first();
    await waitFor('the command in the palette', () => command.isVisible());
    await command.click();
    await waitFor('the theme picker', async () => (await this.page.locator('.quick-input-list .label-name', { hasText: /^Light Modern$/ }).count()) > 0);
    await input.fill(label);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
    await waitFor(`"${label}" in the theme picker`, () => row.isVisible());
    await row.click();
    await waitFor('the theme picker to close', async () => !(await this.page.locator('.quick-input-widget').isVisible()));
  }

  /** Saves a PNG of the whole window to test-results/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const path = join(SCREENSHOTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Opens a quick input with `key` and replaces its text with `text`. */
  private async quickInput(key: string, text: string): Promise<void> {
    await this.page.keyboard.press(key);
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await waitFor(`the quick input to open (${key})`, () => input.isVisible());
    await input.fill(text);
  }

  /** Clicks the quick input row whose label is exactly `label`, then waits for the quick input to close. */
  private async pickRow(label: string, what: string, timeoutMs: number): Promise<void> {
    const row = this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
      .first();
    await waitFor(what, () => row.isVisible(), { timeoutMs });
    await row.click();
    // Accepted when the quick input closes, or when the command opened its own quick input at once (Refactor's
    // picker replaces the palette in the same widget, which then never hides): the clicked row is gone.
    await waitFor('the quick input to close (or to show the command\'s own)', async () => !(await this.page.locator('.quick-input-widget').isVisible()) || !(await row.isVisible()));
  }
}
