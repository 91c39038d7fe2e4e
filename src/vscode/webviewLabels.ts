/**
 * The webview pages' words (webview/labels.ts) in the user's language: the extension translates them here
 * and html.ts puts them in the page, so the page scripts need no `vscode`. Each message is a literal, so the
 * l10n unit test finds it and checks its translation in l10n/bundle.l10n.*.json.
 */
import * as vscode from 'vscode';
import type { ChatPageLabels, CodeActionLabels, DoctorLabels, PanelLabels } from '../webview/labels';

function codeActionLabels(): CodeActionLabels {
  return {
    copy: vscode.l10n.t('Copy'),
    copyTitle: vscode.l10n.t('Copy this code'),
    insert: vscode.l10n.t('Insert'),
    insertTitle: vscode.l10n.t('Insert this code at the cursor in the editor'),
    apply: vscode.l10n.t('Apply'),
    applyTitle: vscode.l10n.t('Apply this code to the file: shows a diff to accept or reject'),
    saveAs: vscode.l10n.t('New File'),
    saveAsTitle: vscode.l10n.t('Open this code in a new untitled editor (save it where it belongs with Ctrl+S)'),
    copied: vscode.l10n.t('Copied'),
  };
}

export function panelLabels(): PanelLabels {
  return {
    ...codeActionLabels(),
    promptFile: vscode.l10n.t('Using the workspace prompt file'),
    usedFromWorkspace: vscode.l10n.t('Used from this workspace'),
    continueInChat: vscode.l10n.t('Continue in chat'),
    answering: vscode.l10n.t('Answering…'),
    failed: vscode.l10n.t('Failed'),
    answerFailed: vscode.l10n.t('The answer failed.'),
    openLine: vscode.l10n.t('Open {0}, line {1}'),
    openLineRange: vscode.l10n.t('Open {0}, lines {1}'),
  };
}

export function chatPageLabels(): ChatPageLabels {
  return {
    ...codeActionLabels(),
    model: vscode.l10n.t('Model'),
    modelTitle: vscode.l10n.t('The chat model (saved in the fathom.chat.model setting)'),
    history: vscode.l10n.t('History'),
    historyTitle: vscode.l10n.t('Saved conversations: open, rename, delete'),
    savedConversations: vscode.l10n.t('Saved conversations'),
    empty: vscode.l10n.t('Ask about your code. Attach the selection, the file or its problems below, or type {0} to pick files and symbols — or {1} to search the whole workspace, {2} for the last command\'s output. Start with {3} for a command: {4}.'),
    conversation: vscode.l10n.t('Conversation'),
    dismiss: vscode.l10n.t('Dismiss'),
    editingNote: vscode.l10n.t('Editing an earlier message: sending replaces it and the answers after it.'),
    cancel: vscode.l10n.t('Cancel'),
    attachedContext: vscode.l10n.t('Attached context'),
    commands: vscode.l10n.t('Commands'),
    inputLabel: vscode.l10n.t('Message to Fathom'),
    placeholder: vscode.l10n.t('Ask Fathom… (Enter sends, Shift+Enter for a new line, @ attaches files and symbols, / for commands)'),
    selection: vscode.l10n.t('Selection'),
    selectionTitle: vscode.l10n.t("Attach the editor's selection"),
    file: vscode.l10n.t('File'),
    fileTitle: vscode.l10n.t('Attach the current file'),
    problems: vscode.l10n.t('Problems'),
    problemsTitle: vscode.l10n.t('Attach the problems reported in the current file'),
    pickTitle: vscode.l10n.t('Attach files or symbols from the workspace'),
    stop: vscode.l10n.t('Stop'),
    stopTitle: vscode.l10n.t('Stop the answer (Escape)'),
    send: vscode.l10n.t('Send'),
    sendTitle: vscode.l10n.t('Send (Enter)'),
    you: vscode.l10n.t('You'),
    stopped: vscode.l10n.t('Stopped.'),
    edit: vscode.l10n.t('Edit'),
    editTitle: vscode.l10n.t('Edit this message and send it again (the answers after it are replaced)'),
    regenerate: vscode.l10n.t('Regenerate'),
    regenerateTitle: vscode.l10n.t('Ask for this answer again'),
    remove: vscode.l10n.t('Remove {0}'),
    noConversations: vscode.l10n.t('No saved conversations yet.'),
    openConversation: vscode.l10n.t('Open "{0}" ({1} messages, {2})'),
    rename: vscode.l10n.t('Rename'),
    renameTitle: vscode.l10n.t('Rename "{0}"'),
    delete: vscode.l10n.t('Delete'),
    deleteTitle: vscode.l10n.t('Delete "{0}"'),
  };
}

export function doctorLabels(): DoctorLabels {
  return {
    heading: vscode.l10n.t('Fathom Doctor'),
    copyReport: vscode.l10n.t('Copy Report'),
    copyReportTitle: vscode.l10n.t('Copy the report as text'),
    runAgain: vscode.l10n.t('Run Again'),
    runAgainTitle: vscode.l10n.t('Run the checks again'),
    checking: vscode.l10n.t('Checking the servers and models…'),
    useForCompletions: vscode.l10n.t('Use {0} for completions'),
    useForChat: vscode.l10n.t('Use {0} for chat'),
  };
}
