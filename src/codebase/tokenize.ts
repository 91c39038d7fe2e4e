/**
 * The words of code and of questions about code, as the lexical index compares them: identifiers split
 * on camelCase, PascalCase, snake_case, kebab-case and digits, lower-cased and lightly stemmed, so
 * `parseHTTPHeaders`, `parse_http_header` and "parses the HTTP headers" share `pars`, `http`, `header`.
 * The same function reads chunks and queries; only queries drop English stop words (in code, `this`,
 * `for` or `is` name nothing), and redaction placeholders are never words.
 */
import { boundedMemo } from '../text/boundedMemo';
import { stem } from '../text/stem';
import { ABBREVIATIONS, isAbbreviation } from './abbreviations';
import { splitCompound } from './compounds';

/** Runs of letters and digits (any script), the raw material of identifiers and prose. */
const WORD = /[\p{L}\p{N}]+/gu;
/** Splits inside a run: lower→Upper (parseJson), UPPER→Upper+lower (HTTPServer), letter↔digit (utf8Decode). */
const PARTS = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|[\p{L}]+/gu;
/** «secret:rule:tag» placeholders put in by redaction (placeholder.ts): their pieces are not the code's words. */
const PLACEHOLDER = /«secret:[^»]*»/g;
/** Parts longer than this are data (hashes, base64), not words. */
const MAX_PART = 40;

/** Common English words that carry no meaning for a search in code. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a an the and or but if then else of to in on at by for from with without into onto over under as is are was were be been ' +
    'being this that these those it its it\'s which who whom whose what when where how why all any each every some such no not only ' +
    'own same so than too very can will just should would could may might must do does did done has have had having i me my we our ' +
    'you your he she they them their there here about above below after before again further once also via per both either neither ' +
    'given whether one e g eg ie etc use used uses using return returns returned').split(/\s+/),
);

/** The terms of each word seen (code repeats its identifiers): indexing pays for a word once. */
const WORD_CACHE_LIMIT = 200_000;
const termsOfWord = boundedMemo<string, readonly string[]>(wordTerms, WORD_CACHE_LIMIT);

/** The identifier parts of `text`, lower-cased and stemmed, in order (repeats kept: they are term frequency). */
export function codeTokens(text: string): string[] {
  const out: string[] = [];
  eachWordTerms(text, (terms) => {
    for (const t of terms) out.push(t);
  });
  return out;
}

/**
 * codeTokens(text) counted into `counts` (each term's occurrences added, new terms in order of first
 * occurrence), without the array of every occurrence: what an index needs of a chunk, at less garbage.
 */
export function countCodeTokens(text: string, counts: Map<string, number>): void {
  eachWordTerms(text, (terms) => {
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  });
}

/** Each word of `text` in order, as its terms (wordTerms, remembered per distinct word). */
function eachWordTerms(text: string, visit: (terms: readonly string[]) => void): void {
  const plain = text.includes('«') ? text.replace(PLACEHOLDER, ' ') : text;
  // exec in a loop, not matchAll: indexing tokenizes every chunk, and the iterator's garbage shows.
  const words = new RegExp(WORD);
  for (let match = words.exec(plain); match; match = words.exec(plain)) {
    visit(termsOfWord(match[0]));
  }
}

function wordTerms(word: string): string[] {
  const out: string[] = [];
  const parts = splitIdentifier(word);
  for (const part of parts) {
    if (part.length > MAX_PART) continue;
    out.push(normalize(part));
    // A one-word identifier may be two words run together (`readline`): the halves count as well.
    if (parts.length === 1) for (const half of splitCompound(part)) out.push(normalize(half));
  }
  return out;
}

/**
 * The distinct terms an identifier's name is made of, as codeTokens reads them, but a one-word compound
 * as its words instead of itself (`getvalue` → get, valu): what a question has to say to name it all.
 */
export function nameTerms(name: string): string[] {
  const out = new Set<string>();
  for (const word of name.replace(PLACEHOLDER, ' ').matchAll(WORD)) {
    const parts = splitIdentifier(word[0]).filter((p) => p.length <= MAX_PART);
    for (const part of parts) {
      const halves = parts.length === 1 ? splitCompound(part) : [];
      for (const piece of halves.length ? halves : [part]) out.add(normalize(piece));
    }
  }
  return [...out];
}

/** The words of a natural-language or identifier query: codeTokens without stop words (all of them when nothing else is left). */
export function queryTokens(text: string): string[] {
  return readQuery(withoutDocMarkup(text)).terms;
}

/** Javadoc's and JSDoc's inline tags: `{@code x}`, `{@link Type#member label}`, `{@inheritDoc}`. */
const INLINE_TAG = /\{@(\w+)\s*([^{}]*)\}/g;
/**
 * Sphinx's roles in Python docstrings: `:func:\`itertools.groupby\``, `:py:class:\`datetime\``, `:class:\`~.Buffer\``
 * (the backticks may be gone: `:obj:setuptools.dist`). The target's `~`, `.` or `!` prefix is Sphinx's, not code.
 */
const SPHINX_ROLE = /:(?:py:)?(?:func|class|meth|attr|data|exc|mod|obj|const|type|any|ref|term|envvar|option|keyword|file|program):`?[~.!]*([\p{L}_][\p{L}\p{N}_.]*(?:\(\))?)`?/gu;

/**
 * A question with doc-comment markup read as its author meant it: `{@code Application}` and `{@link Activity}`
 * are code (as if in backticks, so CODE_WRITTEN counts them twice), a link's label is prose, and the tags' and
 * roles' own names (`code`, `link`, `func`, `class`) are not words of the question. A Sphinx role's target stays
 * a plain word: it mostly names a type or function the one asked about uses (counted twice, recall@10 on 8 such
 * questions of 500 in the gcloud Python check set fell 0.2).
 */
export function withoutDocMarkup(text: string): string {
  let out = text;
  if (out.includes('{@')) {
    out = out.replace(INLINE_TAG, (_all, _tag: string, content: string) => {
      const [target, ...label] = content.trim().split(/\s+/);
      return target ? `\`${target}\`${label.length ? ' ' + label.join(' ') : ''}` : ' ';
    });
  }
  if (out.includes(':')) out = out.replace(SPHINX_ROLE, (_all, target: string) => ` ${target} `);
  return out;
}

/**
 * Stop words that code builds names from (`isEmpty`, `hasOwn`, `canRead`, `toString`, `fromJSON`, `getAll`,
 * `forEach`, `sortBy`, `insertBefore`): in a question beside other words they are matched against names only
 * (`nameWords`), where they tell `insertBefore` from `insertAfter`; in a body they are noise. With
 * `is`, `has` and `can` among them, JavaScript's recall@10 rose 1.2 points more (the other sets 0 to +0.2).
 */
const NAME_WORDS: ReadonlySet<string> = new Set(
  'is has can to from all each by as at for before after with without into over under some any own no not only again'.split(' '),
);

/** A query as the index reads it (queryWords). */
export interface QueryWords {
  /** The words matched in every field (queryTokens), normalized, repeats kept; a word written as code (CODE_WRITTEN) once more. */
  terms: string[];
  /** The stop words among the question's words that code builds names from (NAME_WORDS), normalized, repeats kept. */
  nameWords: string[];
  /** Leading parts of the question's longer words, as code cuts words short (truncations), normalized, distinct. */
  truncations: string[];
}

/**
 * A query read once: its `terms` (queryTokens), and for names only its `nameWords` and `truncations`. A
 * question of stop words only has no name words: its stop words are its terms.
 */
export function queryWords(question: string): QueryWords {
  const text = withoutDocMarkup(question);
  const { all, kept, terms } = readQuery(text);
  const nameWords = kept.length ? all.filter((w) => NAME_WORDS.has(w)).map(normalize) : [];
  // A word the question writes as code names an identifier: its terms count twice.
  const written = codeWritten(text);
  const doubled = written.size ? [...terms, ...terms.filter((t) => written.has(t))] : terms;
  return { terms: doubled, nameWords, truncations: truncations(kept, terms) };
}

/** A query's word parts (`all`), those that are not stop words (`kept`), and its terms (queryTokens). */
function readQuery(text: string): { all: string[]; kept: string[]; terms: string[] } {
  const all = wordParts(text);
  const kept = all.filter((w) => !STOP_WORDS.has(w));
  const terms = (kept.length ? kept : all).map(normalize);
  if (PREDICATE.test(text)) {
    // A yes/no question describes a predicate, named `isX`, `hasX` or `canX`: those words count here.
    terms.push(normalize('is'));
    for (const w of all) if (PREDICATE_WORDS.has(w)) terms.push(normalize(PREDICATE_WORDS.get(w) as string));
  }
  return { all, kept, terms };
}

/**
 * Words a question writes as code: quoted ('dir', `line`, "value", *s*), in snake_case or camelCase
 * (`client_id`, `startIndex`), or called or indexed (`readline()`, `maps[0]`). A doc comment names a
 * function's parameters and attributes so ("Add 'dir' to the list of directories"); counting their terms
 * twice raised recall@10 in memory on Python (71.2 → 72.4) and the held-out packages (74.2 → 75.2), the other
 * sets level. queryWords only: in the FTS5 tier it moved recall@10 by −0.2 to +0.4 and cost each query a
 * repeated phrase (p95 over 10,000 files +1.5 ms, near the 50 ms target).
 */
const CODE_WRITTEN = /'([\p{L}_][\p{L}\p{N}_.]*)'|`([^`\n]+)`|"([\p{L}_][\p{L}\p{N}_.]*)"|\*([\p{L}_][\p{L}\p{N}_]*)\*|(?<![\p{L}\p{N}_])(?:\p{L}+_[\p{L}\p{N}_]+|\p{Ll}+\p{Lu}[\p{L}\p{N}]*|[\p{L}\p{N}_]+(?=\[|\(\)))/gu;

/** The terms of the words `text` writes as code (CODE_WRITTEN). */
function codeWritten(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.replace(PLACEHOLDER, ' ').matchAll(CODE_WRITTEN)) {
    for (const word of (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[0]).matchAll(WORD)) for (const t of termsOfWord(word[0])) out.add(t);
  }
  return out;
}

/** Words shorter than this are not cut: their leading parts are too short to be an abbreviation. */
const MIN_TRUNCATED_WORD = 6;
/** The shortest leading part that counts (`sock` of "socket"). */
const MIN_TRUNCATION = 4;
/** Letters a leading part leaves out at least: one letter short is mostly a word form (`connect` of "connects"), which stemming folds. */
const MIN_CUT = 2;

/**
 * The leading parts of a question's longer words, normalized as the index reads names: code cuts words short
 * beyond any table of abbreviations (`ident` for "identifier", `sock` for "socket", `proto` for "protocol",
 * `upper` for "uppercase"). Matched against names only, they let "Thread identifier of this thread" find
 * `ident`. Recall@10 rose on three development sets and held on TypeScript (JavaScript +0.2, Python +0.4,
 * the held-out Python packages +1.2); recall@1 and MRR rose on all four. Parts already among the terms, and
 * words in the abbreviation table or with digits, are left out.
 */
function truncations(words: readonly string[], terms: readonly string[]): string[] {
  const have = new Set(terms);
  const out = new Set<string>();
  for (const word of new Set(words)) {
    if (word.length < MIN_TRUNCATED_WORD || /\d/.test(word) || isAbbreviation(word)) continue;
    for (let length = MIN_TRUNCATION; length <= word.length - MIN_CUT; length++) {
      const part = normalize(word.slice(0, length));
      if (!have.has(part)) out.add(part);
    }
  }
  return [...out];
}

/**
 * A question a predicate answers: "Return True if …", "Returns `true` when …", "Checks whether …", "Whether …".
 * With `is` (and the question's own `has` or `can`) as terms, recall@10 rose on every development set
 * (JavaScript 82.0 → 83.2, Python 69.4 → 70.0, held-out 70.0 → 70.6; TypeScript recall@1 +0.2).
 * "Is called when …" is not one: a question starting with "Is" is mostly passive.
 */
const PREDICATE = /^\s*(?:(?:returns?|checks?|tests?|determines?|tells?|reports?|indicates?|decides?)\s+(?:[`'"]?true[`'"]?\s+(?:if|when|iff)\b|whether\b|if\b)|true\s+if\b|whether\b)/i;
/** Stop words a predicate question keeps, as the name part they stand for. */
const PREDICATE_WORDS: ReadonlyMap<string, string> = new Map([['has', 'has'], ['have', 'has'], ['can', 'can']]);

/** The lower-case parts of `text`'s words, in order (placeholders and data-like parts left out). */
function wordParts(text: string): string[] {
  const all = [];
  for (const word of text.replace(PLACEHOLDER, ' ').matchAll(WORD)) {
    for (const part of splitIdentifier(word[0])) if (part.length <= MAX_PART) all.push(part);
  }
  return all;
}

/** A word part as the index compares it: abbreviation spelled out, then stemmed. */
function normalize(part: string): string {
  return stem(isAbbreviation(part) ? ABBREVIATIONS[part] : part);
}

/** `parseHTTPHeaders2` → ['parse', 'http', 'headers', '2']; lower-cased. A plain word comes back alone. */
export function splitIdentifier(word: string): string[] {
  const parts = word.match(PARTS);
  return (parts ?? [word]).map((p) => p.toLowerCase());
}
