/**
 * Blocks that open with a keyword and close with one rather than with brackets or indentation: Ruby's
 * `def … end`, `items.each do |x| … end`, `if … end`; Elixir's `def f(x) do … end`; Lua's
 * `function … end`, `if … then … end`, `repeat … until`. Which lines open such a block (for the
 * single-line-or-block decision and the syntax check's window), and which lines close one (for the block
 * end). Bracket and indentation blocks are read by the code scanner; these rules add the keywords.
 */
import { languageFacts, type KeywordBlockStyle } from '../../syntax/languages';

interface KeywordRules {
  /** Where a line comment starts, so a trailing comment does not hide a trailing `do`. */
  lineComment: string;
  /** The line's code (trimmed, without its comment) opens a block whose body follows on the next lines. */
  opens: readonly RegExp[];
  /** Opened and closed on the same line (`def x; end`, `if a then b end`), or a one-line form. */
  oneLine: readonly RegExp[];
  /** The first words of a line that closes a block, and the closer the syntax check appends for a header. */
  closer: RegExp;
  closerFor: (header: string) => string;
}

/** `x = if …`, `@cache ||= begin`: an assignment whose value is a block. */
const ASSIGNED = String.raw`(?:[\w.@$:\[\]]+\s*(?:\|\||&&|[-+*/%|&])?=\s*)?`;

const RUBY: KeywordRules = {
  lineComment: '#',
  opens: [
    /^(?:(?:private|protected|public|module_function|private_class_method)\s+)?def\b/,
    /^(?:class|module)\b/,
    new RegExp(String.raw`^${ASSIGNED}(?:if|unless|while|until|case|begin|for)\b`),
    // The sections of an if, case or begin open their own body.
    /^(?:else|ensure)$/,
    /^(?:elsif|when|in|rescue)\b/,
    // A block given to a call: `items.each do |item|`, `loop do`, `items.map { |item|`.
    /\bdo(?:\s*\|[^|]*\|)?$/,
    /\{\s*\|[^|]*\|$/,
  ],
  oneLine: [
    /(?:^|[\s;)])end$/,
    // An endless method (`def full_name = "#{first} #{last}"`), a `when x then y` clause.
    /^(?:(?:private|protected|public)\s+)?def\s+[\w.?!]+\s*(?:\([^)]*\))?\s*=(?![=~>])/,
    /\bthen\s+\S/,
  ],
  closer: /^end\b/,
  closerFor: () => 'end',
};

const ELIXIR: KeywordRules = {
  lineComment: '#',
  // `defmodule App do`, `def run(x) do`, `if ok do`; `fn x ->` and a case clause `{:ok, v} ->`.
  opens: [/\bdo$/, /->$/, /^(?:else|rescue|catch|after)$/],
  oneLine: [/(?:^|[\s;)])end$/],
  closer: /^end\b/,
  closerFor: () => 'end',
};

const LUA: KeywordRules = {
  lineComment: '--',
  opens: [/^(?:local\s+)?function\b/, /\bfunction\s*\([^)]*\)$/, /\bthen$/, /\bdo$/, /^(?:else|repeat)$/],
  oneLine: [/(?:^|[\s;)])end\b/, /\buntil\b/],
  closer: /^(?:end|until)\b/,
  closerFor: (header) => (/^repeat$/.test(header.trim()) ? 'until true' : 'end'),
};

/** Ruby's `end` also closed the blocks of the other languages the code scanner reads like Ruby. */
const END_ONLY: KeywordRules = { lineComment: '#', opens: [], oneLine: [], closer: /^end\b/, closerFor: () => 'end' };

/** The rules of each keyword-block style; which style a language uses is in the language table. */
const STYLES: Readonly<Record<KeywordBlockStyle, KeywordRules>> = { ruby: RUBY, elixir: ELIXIR, lua: LUA, end: END_ONLY };

function rulesOf(languageId: string): KeywordRules | undefined {
  const style = languageFacts(languageId)?.keywordBlocks;
  return style ? STYLES[style] : undefined;
}

/** The line opens a keyword block whose body is on the lines below (`def greet(name)`, `5.times do |i|`). */
export function opensKeywordBlock(line: string, languageId: string): boolean {
  const rules = rulesOf(languageId);
  if (!rules || rules.opens.length === 0) return false;
  const code = codeOf(line, rules.lineComment).trim();
  return rules.opens.some((r) => r.test(code)) && !rules.oneLine.some((r) => r.test(code));
}

/** The line (trimmed) closes a keyword block: Ruby's and Elixir's `end`, Lua's `end` and `until`. */
export function closesKeywordBlock(trimmed: string, languageId: string): boolean {
  return rulesOf(languageId)?.closer.test(trimmed) ?? false;
}

/** What closes the keyword block that `header` opens (the syntax check completes a window with it). */
export function keywordCloser(header: string, languageId: string): string | undefined {
  const rules = rulesOf(languageId);
  return rules && opensKeywordBlock(header, languageId) ? rules.closerFor(header) : undefined;
}

/** The line without its trailing comment (a comment marker inside a string does not count). */
function codeOf(line: string, marker: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (line.startsWith(marker, i)) return line.slice(0, i);
  }
  return line;
}
