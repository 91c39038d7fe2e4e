/**
 * When a chat question should bring code from the workspace index, and what to look up: `@codebase` in the
 * question asks for it explicitly (a search with the rest of the question); otherwise the names it mentions
 * as code does — camelCase, PascalCase, snake_case words and `backticked` names — may be looked up as
 * definitions, when the code the user already gave (attachments, the open file) does not contain them.
 * Plain text logic: no index, no editor.
 */

/** The word that asks for the workspace's code. */
export const CODEBASE_MENTION = '@codebase';

export interface CodebaseAsk {
  /** The question said `@codebase`. */
  explicit: boolean;
  /** The question without `@codebase`, for the search. */
  query: string;
  /** Names the question mentions as code, in order of appearance, each once. */
  names: string[];
}

const MENTION = /(^|[^\w@])@codebase\b/gi;
/** `name` or `name()` between backticks. */
const BACKTICKED = /`([A-Za-z_$][\w$]*)(?:\(\))?`/g;
/** Words shaped like code names: lowerCamel, PascalCase with two humps or more, snake_case / SCREAMING_SNAKE. */
const CODE_WORD = /(?<![\w$./-])(?:[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)(?![\w$])/g;
/** Looked-up names shorter than this find too much to be worth a definition search. */
const MIN_NAME = 3;
const MAX_NAMES = 8;

export function parseCodebaseAsk(question: string): CodebaseAsk {
  const explicit = new RegExp(MENTION.source, 'i').test(question);
  const query = question.replace(MENTION, '$1').replace(/\s+/g, ' ').trim();
  return { explicit, query, names: namesIn(query) };
}

/** The names a text mentions as code (backticked first, then code-shaped words), each once, at most 8. */
export function namesIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(BACKTICKED)) names.add(m[1]);
  const outsideBackticks = text.replace(/`[^`]*`/g, ' ');
  for (const m of outsideBackticks.matchAll(CODE_WORD)) names.add(m[0]);
  return [...names].filter((n) => n.length >= MIN_NAME).slice(0, MAX_NAMES);
}

/** The names that do not occur, as a whole word, in any of `known` (the code the model already gets). */
export function namesNotIn(names: readonly string[], known: readonly string[]): string[] {
  return names.filter((name) => {
    const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
    return !known.some((text) => word.test(text));
  });
}
