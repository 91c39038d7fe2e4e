/**
 * The chat view's page (the same policy and frame as the answer panel: panel/html.ts). The markup is the
 * extension's own; everything the model writes is added later by the script, sanitised.
 */
import { pageHtml, type PanelPage } from '../panel/html';

export function chatHtml(page: PanelPage): string {
  return pageHtml(
    page,
    `<header id="toolbar">
<label class="model-picker">Model <select id="model" title="The chat model (saved in the fathom.chat.model setting)"></select></label>
<span class="spacer"></span>
<button id="history-toggle" type="button" aria-expanded="false" aria-controls="history" title="Saved conversations: open, rename, delete">History</button>
</header>
<section id="history" aria-label="Saved conversations" hidden><ul id="history-list"></ul></section>
<h2 id="conversation-title"></h2>
<p id="empty">Ask about your code. Attach the selection, the file or its problems below, or type <kbd>@</kbd> to pick files and symbols — or <kbd>@codebase</kbd> to search the whole workspace, <kbd>@terminal</kbd> for the last command's output. Start with <kbd>/</kbd> for a command: <kbd>/explain</kbd>, <kbd>/fix</kbd>, <kbd>/tests</kbd>, <kbd>/doc</kbd>, <kbd>/commit</kbd>.</p>
<main id="log" role="log" aria-live="polite" aria-label="Conversation"></main>
<div id="notice" role="status" hidden><span id="notice-text"></span> <button id="notice-dismiss" type="button" title="Dismiss">Dismiss</button></div>
<footer id="composer">
<div id="editing" hidden>Editing an earlier message: sending replaces it and the answers after it. <button id="cancel-edit" type="button">Cancel</button></div>
<div id="chips" aria-label="Attached context"></div>
<ul id="slash-menu" role="listbox" aria-label="Commands" hidden></ul>
<textarea id="input" rows="3" aria-label="Message to Fathom" aria-controls="slash-menu" aria-autocomplete="list" placeholder="Ask Fathom… (Enter sends, Shift+Enter for a new line, @ attaches files and symbols, / for commands)"></textarea>
<div id="composer-actions">
<button id="attach-selection" type="button" title="Attach the editor's selection">Selection</button>
<button id="attach-file" type="button" title="Attach the current file">File</button>
<button id="attach-diagnostics" type="button" title="Attach the problems reported in the current file">Problems</button>
<button id="attach-pick" type="button" title="Attach files or symbols from the workspace">@</button>
<span class="spacer"></span>
<button id="stop" type="button" title="Stop the answer (Escape)" hidden>Stop</button>
<button id="send" type="button" class="primary" title="Send (Enter)">Send</button>
</div>
</footer>`,
  );
}
