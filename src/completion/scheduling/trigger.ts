/**
 * Step 1 of the pipeline: whether a completion could help at this cursor at all. Pure: the editor adapter
 * gathers the facts (cursor count, ignore rules, syntax at the cursor when a tree is at hand) and this
 * decides, so the rules are the same in the editor, the CLI and the benchmarks.
 *
 * Manual triggers (Alt+\, "Fathom: Trigger Completion") skip only for hard reasons (settings, privacy,
 * several cursors): a user who asks explicitly has already judged that a suggestion may help. The guesses
 * about where a suggestion is unwanted apply to automatic triggers only.
 */
import type { SyntaxAtCursor } from '../analysis/syntaxAtCursor';
import { languageFacts, type Hole, type LexicalRules } from '../../syntax/languages';
import { TRIGGER_LOOK_BACK_CHARS as LOOK_BACK_CHARS } from '../../tunables/tunables';

export type TriggerKind = 'automatic' | 'manual';

export type SkipReason =
  | 'ignoredFile'
  | 'disabledLanguage'
  | 'multipleCursors'
  | 'emptyDocument'
  | 'wordRightOfCursor'
  | 'insideString'
  | 'commentsDisabled'
  | 'answering';

export interface TriggerInput {
  text: string;
  /** Cursor, as a UTF-16 offset into `text`. */
  offset: number;
  languageId: string;
  kind: TriggerKind;
  /** How many cursors the editor has; inline suggestions serve one. */
  selections: number;
  /** The file matches the privacy ignore rules: nothing of it may reach a model. */
  ignoredFile?: boolean;
  /** The completion server is a local one writing a chat or command answer now (roles/serverActivity.ts). */
  serverAnswering?: boolean;
  syntax?: SyntaxAtCursor;
}

export interface TriggerSettings {
  /** VS Code language ids for which completions are off. */
  disabledLanguages: readonly string[];
  /** Automatic completions inside comments (Python docstrings count as comments). */
  enableInComments: boolean;
}

export const DEFAULT_TRIGGER_SETTINGS: TriggerSettings = { disabledLanguages: [], enableInComments: true };

/** Letters, digits and the identifier punctuation of most languages. */
const WORD_CHAR = /[\p{L}\p{N}_$]/u;

/** Why no completion should be requested here, or undefined when one may help. */
export function skipReason(input: TriggerInput, settings: TriggerSettings): SkipReason | undefined {
  const early = skipBeforeSyntax(input, settings);
  if (early !== 'syntaxDecides') return early;
  const at = input.syntax ?? lexicalGuess(input.text, input.offset, input.languageId);
  if (at?.inComment) return settings.enableInComments ? undefined : 'commentsDisabled';
  // Inside a string with more of its text right of the cursor: there is no telling where new text would end.
  if (at?.stringTextRightOfCursor !== undefined && at.stringTextRightOfCursor.trim() !== '') return 'insideString';
  return undefined;
}

/**
 * Whether the decision at this cursor turns on what the syntax tree says about it. Only then is the tree
 * worth asking (the adapter looks it up lazily): manual triggers and cursors the cheap checks already
 * rule out never pay for a parse.
 */
export function needsSyntax(input: TriggerInput, settings: TriggerSettings): boolean {
  return skipBeforeSyntax(input, settings) === 'syntaxDecides';
}

/** The checks that need no syntax: a reason, undefined (complete), or 'syntaxDecides' (comments and strings decide). */
function skipBeforeSyntax(input: TriggerInput, settings: TriggerSettings): SkipReason | 'syntaxDecides' | undefined {
  if (input.ignoredFile) return 'ignoredFile';
  if (settings.disabledLanguages.includes(input.languageId)) return 'disabledLanguage';
  if (input.selections > 1) return 'multipleCursors';
  if (input.kind === 'manual') return undefined;
  // One local model, two jobs: an automatic request would slow the answer the user is reading (asked for, Alt+\ still completes).
  if (input.serverAnswering) return 'answering';

  if (!/\S/.test(input.text)) return 'emptyDocument';
  const lineEnd = input.text.indexOf('\n', input.offset);
  const restOfLine = input.text.slice(input.offset, lineEnd === -1 ? input.text.length : lineEnd);
  // Word characters right of the cursor: the user is editing existing code on this line, and ghost text
  // can only be inserted, so a suggestion would push that code along instead of completing it.
  // Closing brackets, quotes and punctuation are fine: the pipeline replaces auto-closed ones.
  if (WORD_CHAR.test(restOfLine)) return 'wordRightOfCursor';
  return 'syntaxDecides';
}

// ── Lexical guess ─────────────────────────────────────────────────────────────────────────────────────
// For when no syntax tree is at hand (unsupported language, a file above the parse limit, a grammar still
// loading). It reads the cursor's line plus a bounded look-back for block comments and triple-quoted
// strings, so it stays cheap on huge files; it can be wrong on exotic code, which is why syntax wins.

// The comments, quotes and interpolation holes of each language are facts in syntax/languages.ts.

/** Text left of a quote that a Hole's prefix is matched against: the longest prefix (`raw`) and more. */
const PREFIX_CHARS = 8;

const IN_COMMENT: SyntaxAtCursor = { inComment: true };
const IN_CODE: SyntaxAtCursor = { inComment: false };

/** A string the scan is inside of: its closing quote and the interpolation holes it may hold. */
interface OpenString {
  quote: string;
  holes: readonly Hole[];
}

/** A string whose interpolation hole the scan is in, with the brackets opened since the hole began. */
interface OpenHole extends OpenString {
  close: string;
  depth: number;
}

/** A guess from the characters alone; undefined when the language's comment and string syntax is unknown. */
export function lexicalGuess(text: string, offset: number, languageId: string): SyntaxAtCursor | undefined {
  const rules = languageFacts(languageId)?.lexical;
  if (!rules) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (lineStartsInsideBlock(text, lineStart, rules)) return IN_COMMENT;

  let string: OpenString | undefined;
  /** Interpolation holes the scan is in, innermost last (`${f(`${…}`)}` nests). */
  const holes: OpenHole[] = [];
  for (let i = lineStart; i < offset; i++) {
    const ch = text[i];
    if (string !== undefined) {
      const hole = string.holes.find((h) => text.startsWith(h.open, i));
      if (hole?.doubledIsLiteral && text.startsWith(hole.open, i + hole.open.length)) {
        i += 2 * hole.open.length - 1;
      } else if (hole) {
        // Code again until the hole's closer: `${█}` is typed like any expression.
        holes.push({ ...string, close: hole.close, depth: 0 });
        string = undefined;
        i += hole.open.length - 1;
      } else if (ch === '\\') i++;
      else if (ch === string.quote) string = undefined;
      continue;
    }
    const hole = holes[holes.length - 1];
    if (hole && hole.depth === 0 && ch === hole.close) {
      holes.pop();
      string = hole;
      continue;
    }
    if (hole && '([{'.includes(ch)) hole.depth++;
    else if (hole && ')]}'.includes(ch)) hole.depth = Math.max(0, hole.depth - 1);
    if (rules.lineComments.some((marker) => text.startsWith(marker, i))) return IN_COMMENT;
    const block = rules.blockComment;
    if (block && text.startsWith(block[0], i)) {
      const close = text.indexOf(block[1], i + block[0].length);
      if (close === -1 || close + block[1].length > offset) return IN_COMMENT;
      i = close + block[1].length - 1;
      continue;
    }
    if (rules.tripleQuotes && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
      const close = text.indexOf(text.slice(i, i + 3), i + 3);
      if (close === -1 || close + 3 > offset) return IN_COMMENT;
      i = close + 2;
      continue;
    }
    if (rules.quotes.includes(ch)) string = { quote: ch, holes: holesOf(rules, ch, text.slice(Math.max(lineStart, i - PREFIX_CHARS), i)) };
  }
  return string === undefined ? IN_CODE : { inComment: false, stringTextRightOfCursor: stringTextAfter(text, offset, string.quote) };
}

/** The interpolation holes a string opened by `quote` after `before` (the text just left of it) may hold. */
function holesOf(rules: LexicalRules, quote: string, before: string): readonly Hole[] {
  return (rules.holes ?? []).filter((h) => h.quotes.includes(quote) && (h.prefix === undefined || h.prefix.test(before)));
}

/** True when the line begins inside a block comment or a triple-quoted string opened on an earlier line. */
function lineStartsInsideBlock(text: string, lineStart: number, rules: LexicalRules): boolean {
  if (lineStart === 0) return false;
  const window = text.slice(Math.max(0, lineStart - LOOK_BACK_CHARS), lineStart);
  if (rules.blockComment) {
    const [open, close] = rules.blockComment;
    const lastOpen = window.lastIndexOf(open);
    if (lastOpen !== -1 && window.lastIndexOf(close) < lastOpen) return true;
  }
  if (rules.tripleQuotes) {
    for (const triple of ['"""', "'''"]) {
      if ((window.split(triple).length - 1) % 2 === 1) return true;
    }
  }
  return false;
}

/** The string's text from the cursor to its closing quote (to the end of the line when it is not closed). */
function stringTextAfter(text: string, offset: number, quote: string): string {
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd === -1 ? text.length : lineEnd;
  for (let i = offset; i < end; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return text.slice(offset, i);
  }
  return text.slice(offset, end);
}
