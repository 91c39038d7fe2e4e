/** The statistics page (the same policy and frame as the other webviews: panel/html.ts). */
import { escapeHtml, pageHtml, type PanelPage } from '../panel/html';

/** The page's frame; the script fills it from the summary. `clear`: the localized button label. */
export function statisticsHtml(page: PanelPage, clear: string): string {
  return pageHtml(
    page,
    `<header><h1 id="title">${escapeHtml(page.title)}</h1><span class="spacer"></span>
<button id="clear" type="button" disabled>${escapeHtml(clear)}</button></header>
<p id="summary" role="status" aria-live="polite"></p>
<main id="charts"></main>
<p id="local" class="note"></p>`,
  );
}
