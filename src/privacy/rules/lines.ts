/**
 * What can stand at the start of a line before the text a rule looks for, shared by the rule families.
 *
 * Context snippets reach a prompt written as comments of the current language (`// `, `# `, `-- `, …), and
 * a snippet of a file that already had comments gets a second marker (`//   // DB_PASSWORD=…`). A raw
 * fill-in-the-middle prompt puts the model's own tokens right against the text (`<|fim_prefix|>`, `<PRE> `,
 * `[SUFFIX]`, `<｜fim▁begin｜>`), so a config line can start right after one.
 */

/** One comment marker a line can start with. */
const MARKER = String.raw`(?:\/\/|#|--|;;?|%|REM\b|!|\*|\/\*|<!--|')`;

/** Indentation and up to three comment markers (a commented snippet of a commented line). */
export const COMMENTED = String.raw`[ \t]*(?:${MARKER}[ \t]*){0,3}`;

/** A fill-in-the-middle or chat template token. */
export const FIM_TOKEN = String.raw`(?:<\|?[\w▁-]{1,30}\|?>|<｜[^｜\n]{1,30}｜>|\[[A-Z_]{1,12}\])`;

/**
 * The start of a line (with the `m` flag), or a template token the line starts right after. The token is
 * part of the match (a lookbehind here would be tried at every position of the text).
 */
export const LINE_START = String.raw`(?:^|${FIM_TOKEN} ?)${COMMENTED}`;
