/**
 * The words the webview pages show (buttons, tooltips, placeholders, empty states, status texts), in the
 * user's language. The extension translates them (`vscode.l10n.t`, src/vscode/webviewLabels.ts) and puts
 * them in the page as JSON in `<body data-labels>`; the page scripts read them from there and never import
 * `vscode`. The English below is what a page shows when a label is missing (jsdom tests, an older page).
 * Placeholders are `{0}`, `{1}`…, filled by `fill`.
 */

/** The code block toolbar's buttons (render.ts): a label and a tooltip each. */
export interface CodeActionLabels {
  copy: string;
  copyTitle: string;
  insert: string;
  insertTitle: string;
  apply: string;
  applyTitle: string;
  saveAs: string;
  saveAsTitle: string;
  /** The Copy button's label for a moment after it copied. */
  copied: string;
}

export interface PanelLabels extends CodeActionLabels {
  promptFile: string;
  usedFromWorkspace: string;
  continueInChat: string;
  answering: string;
  failed: string;
  answerFailed: string;
  /** A source link's tooltip: {0} the path, {1} the line. */
  openLine: string;
  /** A source link's tooltip: {0} the path, {1} the lines (`3–7`). */
  openLineRange: string;
}

export interface ChatPageLabels extends CodeActionLabels {
  model: string;
  modelTitle: string;
  history: string;
  historyTitle: string;
  savedConversations: string;
  /** The empty conversation's hint; `@`, `@codebase`, `@terminal`, `/` and the slash commands are shown as keys in it (see chat/html.ts). */
  empty: string;
  conversation: string;
  dismiss: string;
  editingNote: string;
  cancel: string;
  attachedContext: string;
  /** The `/` list's name (its commands' descriptions come with the state). */
  commands: string;
  inputLabel: string;
  placeholder: string;
  selection: string;
  selectionTitle: string;
  file: string;
  fileTitle: string;
  problems: string;
  problemsTitle: string;
  pickTitle: string;
  stop: string;
  stopTitle: string;
  send: string;
  sendTitle: string;
  you: string;
  stopped: string;
  edit: string;
  editTitle: string;
  regenerate: string;
  regenerateTitle: string;
  /** {0} an attachment's name. */
  remove: string;
  noConversations: string;
  /** {0} the title, {1} the number of messages, {2} when it was last changed. */
  openConversation: string;
  rename: string;
  /** {0} the title. */
  renameTitle: string;
  delete: string;
  /** {0} the title. */
  deleteTitle: string;
}

export interface DoctorLabels {
  heading: string;
  copyReport: string;
  copyReportTitle: string;
  runAgain: string;
  runAgainTitle: string;
  checking: string;
  /** A recommendation's button on the "Models on this machine" card; {0} is the model. */
  useForCompletions: string;
  useForChat: string;
}

const CODE_ACTIONS_EN: CodeActionLabels = {
  copy: 'Copy',
  copyTitle: 'Copy this code',
  insert: 'Insert',
  insertTitle: 'Insert this code at the cursor in the editor',
  apply: 'Apply',
  applyTitle: 'Apply this code to the file: shows a diff to accept or reject',
  saveAs: 'New File',
  saveAsTitle: 'Open this code in a new untitled editor (save it where it belongs with Ctrl+S)',
  copied: 'Copied',
};

export const PANEL_LABELS_EN: PanelLabels = {
  ...CODE_ACTIONS_EN,
  promptFile: 'Using the workspace prompt file',
  usedFromWorkspace: 'Used from this workspace',
  continueInChat: 'Continue in chat',
  answering: 'Answering…',
  failed: 'Failed',
  answerFailed: 'The answer failed.',
  openLine: 'Open {0}, line {1}',
  openLineRange: 'Open {0}, lines {1}',
};

export const CHAT_LABELS_EN: ChatPageLabels = {
  ...CODE_ACTIONS_EN,
  model: 'Model',
  modelTitle: 'The chat model (saved in the fathom.chat.model setting)',
  history: 'History',
  historyTitle: 'Saved conversations: open, rename, delete',
  savedConversations: 'Saved conversations',
  empty: 'Ask about your code. Attach the selection, the file or its problems below, or type {0} to pick files and symbols — or {1} to search the whole workspace, {2} for the last command\'s output. Start with {3} for a command: {4}.',
  conversation: 'Conversation',
  dismiss: 'Dismiss',
  editingNote: 'Editing an earlier message: sending replaces it and the answers after it.',
  cancel: 'Cancel',
  attachedContext: 'Attached context',
  commands: 'Commands',
  inputLabel: 'Message to Fathom',
  placeholder: 'Ask Fathom… (Enter sends, Shift+Enter for a new line, @ attaches files and symbols, / for commands)',
  selection: 'Selection',
  selectionTitle: "Attach the editor's selection",
  file: 'File',
  fileTitle: 'Attach the current file',
  problems: 'Problems',
  problemsTitle: 'Attach the problems reported in the current file',
  pickTitle: 'Attach files or symbols from the workspace',
  stop: 'Stop',
  stopTitle: 'Stop the answer (Escape)',
  send: 'Send',
  sendTitle: 'Send (Enter)',
  you: 'You',
  stopped: 'Stopped.',
  edit: 'Edit',
  editTitle: 'Edit this message and send it again (the answers after it are replaced)',
  regenerate: 'Regenerate',
  regenerateTitle: 'Ask for this answer again',
  remove: 'Remove {0}',
  noConversations: 'No saved conversations yet.',
  openConversation: 'Open "{0}" ({1} messages, {2})',
  rename: 'Rename',
  renameTitle: 'Rename "{0}"',
  delete: 'Delete',
  deleteTitle: 'Delete "{0}"',
};

export const DOCTOR_LABELS_EN: DoctorLabels = {
  heading: 'Fathom Doctor',
  copyReport: 'Copy Report',
  copyReportTitle: 'Copy the report as text',
  runAgain: 'Run Again',
  runAgainTitle: 'Run the checks again',
  checking: 'Checking the servers and models…',
  useForCompletions: 'Use {0} for completions',
  useForChat: 'Use {0} for chat',
};

/** `template` with `{0}`, `{1}`… replaced by `args` (each once, in any order; a missing one stays). */
export function fill(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

/**
 * The labels the extension put in the page (`<body data-labels>`), over `defaults`: only string values of
 * known keys are taken, so a damaged attribute falls back to English rather than breaking the page.
 */
export function readLabels<T extends object>(doc: Document, defaults: T): T {
  let given: unknown;
  try {
    given = JSON.parse(doc.body?.dataset.labels ?? '{}');
  } catch {
    given = {};
  }
  const result = { ...defaults } as Record<string, unknown>;
  if (given && typeof given === 'object') {
    for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
      if (key in result && typeof value === 'string') result[key] = value;
    }
  }
  return result as T;
}
