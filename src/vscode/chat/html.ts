/**
 * The chat view's page (the same policy and frame as the answer panel: panel/html.ts), in the user's
 * language. The markup is the extension's own; everything the model writes is added later by the script,
 * sanitised.
 */
import { escapeHtml as text, pageHtml, type LocalizedPage } from '../panel/html';
import { CHAT_LABELS_EN, fill, type ChatPageLabels } from '../../webview/labels';

export function chatHtml(page: LocalizedPage<ChatPageLabels>): string {
  const t = page.labels ?? CHAT_LABELS_EN;
  return pageHtml(
    { ...page, labels: t },
    `<header id="toolbar">
<label class="model-picker">${text(t.model)} <select id="model" title="${text(t.modelTitle)}"></select></label>
<span class="spacer"></span>
<button id="history-toggle" type="button" aria-expanded="false" aria-controls="history" title="${text(t.historyTitle)}">${text(t.history)}</button>
</header>
<section id="history" aria-label="${text(t.savedConversations)}" hidden><ul id="history-list"></ul></section>
<h2 id="conversation-title"></h2>
<p id="empty">${fill(text(t.empty), '<kbd>@</kbd>', '<kbd>@codebase</kbd>', '<kbd>@terminal</kbd>', '<kbd>/</kbd>', '<kbd>/explain</kbd>, <kbd>/fix</kbd>, <kbd>/tests</kbd>, <kbd>/doc</kbd>, <kbd>/commit</kbd>')}</p>
<main id="log" role="log" aria-live="polite" aria-label="${text(t.conversation)}"></main>
<div id="notice" role="status" hidden><span id="notice-text"></span> <button id="notice-dismiss" type="button" title="${text(t.dismiss)}">${text(t.dismiss)}</button></div>
<footer id="composer">
<div id="editing" hidden>${text(t.editingNote)} <button id="cancel-edit" type="button">${text(t.cancel)}</button></div>
<div id="chips" aria-label="${text(t.attachedContext)}"></div>
<ul id="slash-menu" role="listbox" aria-label="${text(t.commands)}" hidden></ul>
<textarea id="input" rows="3" aria-label="${text(t.inputLabel)}" aria-controls="slash-menu" aria-autocomplete="list" placeholder="${text(t.placeholder)}"></textarea>
<div id="composer-actions">
<button id="attach-selection" type="button" title="${text(t.selectionTitle)}">${text(t.selection)}</button>
<button id="attach-file" type="button" title="${text(t.fileTitle)}">${text(t.file)}</button>
<button id="attach-diagnostics" type="button" title="${text(t.problemsTitle)}">${text(t.problems)}</button>
<button id="attach-pick" type="button" title="${text(t.pickTitle)}">@</button>
<span class="spacer"></span>
<button id="stop" type="button" title="${text(t.stopTitle)}" hidden>${text(t.stop)}</button>
<button id="send" type="button" class="primary" title="${text(t.sendTitle)}">${text(t.send)}</button>
</div>
</footer>`,
  );
}
