/**
 * The answer panel's page, from this one function only. The Content-Security-Policy allows nothing but the
 * bundled script (by a nonce new on every load), the extension's stylesheet, and images from the extension
 * or inline data: no remote content, no inline script or style, no frames, no network. Plain data in, a
 * string out (no `vscode` here), so the policy is checked by unit tests.
 */
import { randomBytes } from 'node:crypto';
import { PANEL_LABELS_EN, type PanelLabels } from '../../webview/labels';

export interface PanelPage {
  /** `webview.cspSource`: the origin(s) of the webview's own resources. */
  cspSource: string;
  /** `webview.asWebviewUri(dist/webview/panel.js)`. */
  scriptUri: string;
  /** `webview.asWebviewUri(media/panel.css)`. */
  styleUri: string;
  /** Origin of the webview's resources, whose images an answer may show (others are stripped). */
  resourceOrigin: string;
  nonce: string;
  title: string;
  /** The user's language (`vscode.env.language`), for `<html lang>`. */
  language?: string;
}

/**
 * A page with its words `L` in the user's language (webview/labels.ts): used in the markup and, as
 * `<body data-labels>`, by the script. Without them the page is in English.
 */
export type LocalizedPage<L> = PanelPage & { labels?: L };

/** 128 random bits: a script may run only if it carries this load's nonce. */
export const newNonce = (): string => randomBytes(16).toString('base64');

export function contentSecurityPolicy({ cspSource, nonce }: Pick<PanelPage, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function panelHtml(page: LocalizedPage<PanelLabels>): string {
  const t = page.labels ?? PANEL_LABELS_EN;
  const text = escapeHtml;
  return pageHtml(
    { ...page, labels: t },
    `<header><h1 id="title">${escapeHtml(page.title)}</h1><p id="subtitle" hidden></p><span id="status" role="status"></span></header>
<p id="prompt-file" hidden>${text(t.promptFile)} <a id="prompt-file-link" href="#"></a></p>
<main id="answer" class="markdown" aria-live="polite"></main>
<p id="error" role="alert" hidden></p>
<nav id="sources" aria-labelledby="sources-heading" hidden><h2 id="sources-heading">${text(t.usedFromWorkspace)}</h2><ul id="sources-list"></ul></nav>
<footer><button id="continue" class="primary" type="button" hidden disabled>${text(t.continueInChat)}</button></footer>`,
  );
}

/** A webview page around `body` (trusted markup written by the extension): the policy, the stylesheet, the script. */
export function pageHtml(page: LocalizedPage<object>, body: string): string {
  const attr = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${attr(page.language ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(page))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(page.styleUri)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body data-phase="done" data-resource-origin="${attr(page.resourceOrigin)}" data-labels="${attr(JSON.stringify(page.labels ?? {}))}">
${body}
<script nonce="${attr(page.nonce)}" src="${attr(page.scriptUri)}"></script>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
