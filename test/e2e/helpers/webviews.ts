/**
 * Webviews in the web client are two nested iframes per view, placed over the workbench (not inside the part
 * that shows them), so a view is found by what its page holds: the frame whose document has `selector`.
 */
import type { Frame, Page } from 'playwright-core';
import { PAGE_LOAD_MS, waitFor } from '../../harness';

export async function webviewFrame(page: Page, selector: string, what: string, { timeoutMs = PAGE_LOAD_MS } = {}): Promise<Frame> {
  return waitFor(what, async () => {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
    }
    return undefined;
  }, { timeoutMs });
}

/** The sidebar chat's page (see src/vscode/chat/html.ts). */
export const chatFrame = (page: Page): Promise<Frame> => webviewFrame(page, '#composer', 'the chat view to load');
/** The answer panel's page (see src/vscode/panel/html.ts). */
export const panelFrame = (page: Page): Promise<Frame> => webviewFrame(page, '#answer', 'the answer panel to load');
