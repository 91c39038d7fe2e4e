/**
 * The identifier-like words of a text: what the name table keeps per workspace file and what a target
 * file contributes as known names. Words in comments and strings count too: a name the workspace only
 * mentions is still not one a model invented, and counting them keeps false alarms down.
 */

/** Longer "words" are hashes, base64 or generated tables, not names anyone calls. */
export const MAX_NAME_LENGTH = 64;

const WORD = /[A-Za-z_$][\w$]*/g;
/** «secret:rule:tag» placeholders put in by redaction: their pieces (a rule's name) are not the code's words. */
const PLACEHOLDER = /«secret:[^»]*»/g;

/**
 * The distinct identifier-like words of `text` (letters, digits, `_`, `$`; not starting with a digit), added
 * to `into` when given (a file's words gathered chunk by chunk, without a set per chunk) in order of first occurrence.
 */
export function wordsOf(text: string, into = new Set<string>()): Set<string> {
  const plain = text.includes('«') ? text.replace(PLACEHOLDER, ' ') : text;
  // exec in a loop, not matchAll: indexing reads every chunk, and the iterator's garbage shows.
  const word = new RegExp(WORD);
  for (let m = word.exec(plain); m; m = word.exec(plain)) if (m[0].length <= MAX_NAME_LENGTH) into.add(m[0]);
  return into;
}
