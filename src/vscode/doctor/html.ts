/** The Doctor view's page (the same policy and frame as the other webviews: panel/html.ts), in the user's language. */
import { escapeHtml as text, pageHtml, type LocalizedPage } from '../panel/html';
import { DOCTOR_LABELS_EN, type DoctorLabels } from '../../webview/labels';

export function doctorHtml(page: LocalizedPage<DoctorLabels>): string {
  const t = page.labels ?? DOCTOR_LABELS_EN;
  return pageHtml(
    { ...page, labels: t },
    `<header><h1>${text(t.heading)}</h1><span class="spacer"></span>
<button id="copy" type="button" title="${text(t.copyReportTitle)}">${text(t.copyReport)}</button>
<button id="rerun" type="button" class="primary" title="${text(t.runAgainTitle)}">${text(t.runAgain)}</button></header>
<p id="summary" role="status" aria-live="polite">${text(t.checking)}</p>
<main id="roles"></main>`,
  );
}
