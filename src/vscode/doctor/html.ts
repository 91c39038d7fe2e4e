/** The Doctor view's page (the same policy and frame as the other webviews: panel/html.ts). */
import { pageHtml, type PanelPage } from '../panel/html';

export function doctorHtml(page: PanelPage): string {
  return pageHtml(
    page,
    `<header><h1>Fathom Doctor</h1><span class="spacer"></span>
<button id="copy" type="button" title="Copy the report as text">Copy Report</button>
<button id="rerun" type="button" class="primary" title="Run the checks again">Run Again</button></header>
<p id="summary" role="status" aria-live="polite">Checking the servers and models…</p>
<main id="roles"></main>`,
  );
}
