/**
 * The one table of language facts, keyed by VS Code language id: how a language writes comments, strings
 * and interpolation, how its blocks open and close, its tree-sitter grammar, file extensions, names and the
 * fence and doc-comment conventions prompts use. Every stage reads its facts here instead of keeping a map.
 * Adding a language: one entry in LANGUAGES (+ its grammar wasm in grammarSources and queries, to parse it).
 * It sits in syntax/, a folder every user of these facts (completion, context, commands, cli) may import.
 */

/** How a comment is written: a line marker, or a block with an opener and closer. */
export type CommentSyntax = { line: string } | { open: string; close: string };

/** Languages grouped by how the bracket scanner reads comments and strings; 'jsx' is 'js' with JSX markup. */
export type ScanFamily = 'js' | 'jsx' | 'c' | 'python' | 'ruby' | 'php';

/** Keyword-delimited blocks: Ruby's, Elixir's and Lua's rules, or only Ruby's `end` closing a block. */
export type KeywordBlockStyle = 'ruby' | 'elixir' | 'lua' | 'end';

/** An interpolation hole: inside a string opened by one of `quotes`, `open` starts code that `close` ends. */
export interface Hole {
  quotes: readonly string[];
  open: string;
  close: string;
  /** What must stand right before the opening quote (`f"…"` in Python, `$"…"` in C#); any text when absent. */
  prefix?: RegExp;
  /** The opener written twice is a literal character (`{{` in Python f-strings and C#), not a hole. */
  doubledIsLiteral?: boolean;
}

/** The comment and string syntax the trigger's lexical guess follows. */
export interface LexicalRules {
  lineComments: readonly string[];
  blockComment?: readonly [open: string, close: string];
  quotes: readonly string[];
  /** Python's `"""` / `'''` strings, used as docstrings, so they count as comments. */
  tripleQuotes?: boolean;
  /** String interpolation: the holes inside a string that hold code again. */
  holes?: readonly Hole[];
}

/** Which import statements the import retriever reads (its tree-sitter patterns and readers). */
export type ImportStyle = 'js' | 'python' | 'go' | 'rust' | 'java' | 'c' | 'csharp' | 'ruby' | 'php';

/** What the name scan of the import retriever skips as comments and strings. */
export type NameScanFamily = 'js' | 'c' | 'go' | 'python' | 'ruby' | 'php';

/** How Generate Tests picks a framework and a test file for the language. */
export type TestStyle = 'js' | 'python' | 'go' | 'rust' | 'java' | 'csharp' | 'ruby' | 'php' | 'c';

export interface LanguageFacts {
  /** How to write a comment (context snippets become comments at the top of a prompt). */
  comment: CommentSyntax;
  /** Comments, quotes and interpolation for the trigger's guess at the cursor; no guess without. */
  lexical?: LexicalRules;
  /** How the bracket scanner reads the language; 'c' when absent. */
  scan?: ScanFamily;
  /** Blocks that open and close with keywords (besides brackets / Python's indentation). */
  keywordBlocks?: KeywordBlockStyle;
  /** The grammar's wasm file inside the shipped grammar folder; the language is parsed only with one. */
  wasm?: string;
  /** File extensions (lower case, no dot) that name the language where there is no editor to ask. */
  extensions?: readonly string[];
  /** The name prompts use ("TypeScript (TSX)"); the id when absent. */
  name?: string;
  /** The fence info string models know best; the id when absent. */
  fence?: string;
  /** Fence info strings that name the language in an answer; [id, fence] when absent. */
  fenceAliases?: readonly string[];
  /** The doc-comment convention Generate Docs asks for. */
  docStyle?: string;
  /** The import forms the import retriever reads; no import context without. */
  imports?: ImportStyle;
  /** Imports make the imported names visible to the importer's own importers (`from x import *`, `#include`). */
  importsPassThrough?: boolean;
  /** How the import retriever's name scan skips comments and strings; 'c' when absent. */
  nameScan?: NameScanFamily;
  /** Languages whose files the similar-code retriever compares with each other; the id when absent. */
  similarFamily?: string;
  /** Test-framework hints for Generate Tests (where tests go, how the framework is detected). */
  tests?: TestStyle;
}

const SLASH = { line: '//' };
const HASH_LINE = { line: '#' };
const DASH = { line: '--' };
const SEMI = { line: ';;' };
const PERCENT = { line: '%' };
const STAR_BLOCK = { open: '/*', close: '*/' };
const MARKUP = { open: '<!--', close: '-->' };

const C_LIKE: LexicalRules = { lineComments: ['//'], blockComment: ['/*', '*/'], quotes: ['"', "'"] };
const JS_LIKE: LexicalRules = { ...C_LIKE, quotes: ['"', "'", '`'], holes: [{ quotes: ['`'], open: '${', close: '}' }] };
const HASH: LexicalRules = { lineComments: ['#'], quotes: ['"', "'"] };
const RUBY_HOLE: Hole = { quotes: ['"'], open: '#{', close: '}' };
const DOXYGEN = 'Doxygen comments (/** … */ with @brief, @param, @return)';

export const LANGUAGES: Readonly<Record<string, LanguageFacts>> = {
  // Plain .ts cannot hold JSX (`<T>x` is a type assertion there); .js files often do (React without .jsx).
  typescript: {
    comment: SLASH, lexical: JS_LIKE, scan: 'js', wasm: 'tree-sitter-typescript.wasm', extensions: ['ts', 'mts', 'cts'],
    name: 'TypeScript', fenceAliases: ['typescript', 'ts'], docStyle: 'TSDoc comments (/** … */ with @param, @returns, @throws)',
    imports: 'js', nameScan: 'js', similarFamily: 'typescript', tests: 'js',
  },
  typescriptreact: {
    comment: SLASH, lexical: JS_LIKE, scan: 'jsx', wasm: 'tree-sitter-tsx.wasm', extensions: ['tsx'], name: 'TypeScript (TSX)',
    fence: 'tsx', fenceAliases: ['tsx', 'typescript', 'ts', 'typescriptreact'], docStyle: 'TSDoc comments (/** … */ with @param, @returns)',
    imports: 'js', nameScan: 'js', similarFamily: 'typescript', tests: 'js',
  },
  javascript: {
    comment: SLASH, lexical: JS_LIKE, scan: 'jsx', wasm: 'tree-sitter-javascript.wasm', extensions: ['js', 'mjs', 'cjs'],
    name: 'JavaScript', fenceAliases: ['javascript', 'js', 'node', 'mjs', 'cjs'],
    docStyle: 'JSDoc comments (/** … */ with @param {type}, @returns {type}, @throws)',
    imports: 'js', nameScan: 'js', similarFamily: 'typescript', tests: 'js',
  },
  javascriptreact: {
    comment: SLASH, lexical: JS_LIKE, scan: 'jsx', wasm: 'tree-sitter-javascript.wasm', extensions: ['jsx'], name: 'JavaScript (JSX)',
    fence: 'jsx', fenceAliases: ['jsx', 'javascript', 'js', 'javascriptreact'], docStyle: 'JSDoc comments (/** … */ with @param {type}, @returns {type})',
    imports: 'js', nameScan: 'js', similarFamily: 'typescript', tests: 'js',
  },
  python: {
    comment: HASH_LINE, scan: 'python', wasm: 'tree-sitter-python.wasm', extensions: ['py', 'pyi'], name: 'Python',
    lexical: { ...HASH, tripleQuotes: true, holes: [{ quotes: ['"', "'"], open: '{', close: '}', prefix: /(?<![\w$])(?:[fFtT][rR]?|[rR][fFtT])$/, doubledIsLiteral: true }] },
    fenceAliases: ['python', 'py', 'python3'], docStyle: 'PEP 257 docstrings (Google style: Args, Returns, Raises)',
    imports: 'python', importsPassThrough: true, nameScan: 'python', tests: 'python',
  },
  go: {
    // Go's backtick strings are raw: no `${…}` inside them.
    comment: SLASH, lexical: { ...C_LIKE, quotes: ['"', "'", '`'] }, wasm: 'tree-sitter-go.wasm', extensions: ['go'], name: 'Go',
    fenceAliases: ['go', 'golang'], docStyle: 'Go doc comments (// lines starting with the declared name, right above the declaration)',
    imports: 'go', nameScan: 'go', tests: 'go',
  },
  rust: {
    // In Rust `'` starts lifetimes ('a) as often as char literals: reading it as a quote would misread lines.
    comment: SLASH, lexical: { ...C_LIKE, quotes: ['"'] }, wasm: 'tree-sitter-rust.wasm', extensions: ['rs'], name: 'Rust',
    fenceAliases: ['rust', 'rs'], docStyle: 'Rust doc comments (/// with # Examples, # Errors, # Panics sections where relevant)',
    imports: 'rust', nameScan: 'c', tests: 'rust',
  },
  java: {
    comment: SLASH, lexical: C_LIKE, wasm: 'tree-sitter-java.wasm', extensions: ['java'], name: 'Java', fenceAliases: ['java'],
    docStyle: 'Javadoc comments (/** … */ with @param, @return, @throws)',
    imports: 'java', nameScan: 'c', tests: 'java',
  },
  c: { comment: SLASH, lexical: C_LIKE, wasm: 'tree-sitter-c.wasm', extensions: ['c', 'h'], name: 'C', fenceAliases: ['c', 'h'], docStyle: DOXYGEN, imports: 'c', importsPassThrough: true, nameScan: 'c', tests: 'c' },
  cpp: {
    comment: SLASH, lexical: C_LIKE, wasm: 'tree-sitter-cpp.wasm', extensions: ['cc', 'cpp', 'cxx', 'hpp', 'hh', 'hxx'], name: 'C++',
    fenceAliases: ['cpp', 'c++', 'cc', 'cxx', 'hpp'], docStyle: DOXYGEN,
    imports: 'c', importsPassThrough: true, nameScan: 'c', tests: 'c',
  },
  csharp: {
    comment: SLASH, lexical: { ...C_LIKE, holes: [{ quotes: ['"'], open: '{', close: '}', prefix: /(?:\$@?|@\$)$/, doubledIsLiteral: true }] },
    wasm: 'tree-sitter-c-sharp.wasm', extensions: ['cs'], name: 'C#', fenceAliases: ['csharp', 'cs', 'c#'],
    docStyle: 'XML documentation comments (/// <summary>, <param>, <returns>, <exception>)',
    imports: 'csharp', nameScan: 'c', tests: 'csharp',
  },
  ruby: {
    comment: HASH_LINE, lexical: { ...HASH, holes: [RUBY_HOLE] }, scan: 'ruby', keywordBlocks: 'ruby', wasm: 'tree-sitter-ruby.wasm',
    extensions: ['rb'], name: 'Ruby', fenceAliases: ['ruby', 'rb'], docStyle: 'YARD comments (# with @param [Type], @return [Type])',
    imports: 'ruby', importsPassThrough: true, nameScan: 'ruby', tests: 'ruby',
  },
  php: {
    comment: SLASH, scan: 'php', wasm: 'tree-sitter-php.wasm', extensions: ['php'], name: 'PHP', fenceAliases: ['php'],
    lexical: { ...C_LIKE, lineComments: ['//', '#'], holes: [{ quotes: ['"'], open: '{$', close: '}' }, { quotes: ['"'], open: '${', close: '}' }] },
    docStyle: 'PHPDoc comments (/** … */ with @param, @return, @throws)',
    imports: 'php', importsPassThrough: true, nameScan: 'php', tests: 'php',
  },
  kotlin: { comment: SLASH, lexical: { ...C_LIKE, holes: [{ quotes: ['"'], open: '${', close: '}' }] } },
  swift: { comment: SLASH, lexical: { ...C_LIKE, holes: [{ quotes: ['"'], open: '\\(', close: ')' }] } },
  scala: { comment: SLASH, lexical: { ...C_LIKE, holes: [{ quotes: ['"'], open: '${', close: '}', prefix: /(?<![\w$])(?:s|f|raw)$/ }] } },
  dart: { comment: SLASH, lexical: { ...C_LIKE, holes: [{ quotes: ['"', "'"], open: '${', close: '}' }] } },
  vue: { comment: MARKUP, scan: 'js' },
  svelte: { comment: MARKUP, scan: 'js' },
  shellscript: {
    comment: HASH_LINE, scan: 'ruby', keywordBlocks: 'end', fence: 'bash',
    lexical: { ...HASH, holes: [{ quotes: ['"'], open: '$(', close: ')' }, { quotes: ['"'], open: '${', close: '}' }] },
  },
  perl: { comment: HASH_LINE, lexical: HASH, scan: 'ruby', keywordBlocks: 'end' },
  r: { comment: HASH_LINE, lexical: HASH, scan: 'ruby', keywordBlocks: 'end' },
  yaml: { comment: HASH_LINE, lexical: HASH, scan: 'ruby', keywordBlocks: 'end' },
  coffeescript: { comment: HASH_LINE, scan: 'ruby', keywordBlocks: 'end' },
  elixir: { comment: HASH_LINE, lexical: { ...HASH, holes: [RUBY_HOLE] }, scan: 'ruby', keywordBlocks: 'elixir' },
  toml: { comment: HASH_LINE, lexical: HASH },
  powershell: { comment: HASH_LINE, lexical: HASH },
  sql: { comment: DASH, lexical: { lineComments: ['--'], blockComment: ['/*', '*/'], quotes: ["'", '"'] } },
  lua: { comment: DASH, lexical: { lineComments: ['--'], quotes: ['"', "'"] }, keywordBlocks: 'lua' },
  haskell: { comment: DASH, lexical: { lineComments: ['--'], quotes: ['"'] } },
  // Languages whose only fact so far is how they comment.
  groovy: { comment: SLASH }, fsharp: { comment: SLASH }, 'objective-c': { comment: SLASH }, 'objective-cpp': { comment: SLASH },
  cuda: { comment: SLASH }, 'cuda-cpp': { comment: SLASH }, hlsl: { comment: SLASH }, glsl: { comment: SLASH }, zig: { comment: SLASH },
  solidity: { comment: SLASH }, proto: { comment: SLASH }, proto3: { comment: SLASH }, jsonc: { comment: SLASH },
  scss: { comment: SLASH }, less: { comment: SLASH },
  dockerfile: { comment: HASH_LINE }, makefile: { comment: HASH_LINE }, cmake: { comment: HASH_LINE }, julia: { comment: HASH_LINE },
  nim: { comment: HASH_LINE }, graphql: { comment: HASH_LINE }, properties: { comment: HASH_LINE }, tcl: { comment: HASH_LINE },
  crystal: { comment: HASH_LINE },
  elm: { comment: DASH }, ada: { comment: DASH }, purescript: { comment: DASH },
  clojure: { comment: SEMI }, lisp: { comment: SEMI }, scheme: { comment: SEMI }, racket: { comment: SEMI }, ini: { comment: { line: ';' } },
  latex: { comment: PERCENT }, tex: { comment: PERCENT }, bibtex: { comment: PERCENT }, erlang: { comment: PERCENT },
  matlab: { comment: PERCENT }, prolog: { comment: PERCENT },
  vb: { comment: { line: "'" } }, bat: { comment: { line: 'REM' } }, vim: { comment: { line: '"' } }, fortran: { comment: { line: '!' } },
  css: { comment: STAR_BLOCK }, ocaml: { comment: { open: '(*', close: '*)' } },
  html: { comment: MARKUP }, xml: { comment: MARKUP }, xsl: { comment: MARKUP }, markdown: { comment: MARKUP }, razor: { comment: MARKUP },
};

/** The facts of a language; undefined for one Fathom does not know. */
export function languageFacts(languageId: string): LanguageFacts | undefined {
  return Object.prototype.hasOwnProperty.call(LANGUAGES, languageId) ? LANGUAGES[languageId] : undefined;
}

export interface GrammarSpec {
  /** File name of the grammar's wasm inside the shipped grammar folder. */
  wasm: string;
}

/** The languages Fathom parses, with the grammar each one loads (derived from LANGUAGES). */
export const GRAMMARS: Readonly<Record<string, GrammarSpec>> = Object.fromEntries(
  Object.entries(LANGUAGES).flatMap(([id, facts]) => (facts.wasm ? [[id, { wasm: facts.wasm }]] : [])),
);

const EXTENSIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LANGUAGES).flatMap(([id, facts]) => (facts.extensions ?? []).map((ext) => [ext, id])),
);

export function hasGrammar(languageId: string): boolean {
  return languageId in GRAMMARS;
}

/**
 * The VS Code language id for a file path (the CLI and the index have no editor to ask); undefined when unknown.
 * A `.h` header is C, or C++ when its `text` is given and reads as C++ (cppHeader): parsed with the C grammar, a
 * C++ header's namespaces and classes are errors, and its definitions become one chunk of the whole file.
 */
export function languageOfPath(path: string, text?: string): string | undefined {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === 'h' && text !== undefined && cppHeader(text)) return 'cpp';
  return ext ? EXTENSIONS[ext] : undefined;
}

/** How much of a header cppHeader reads: C++ shows itself in the first declarations. */
const SNIFF_CHARS = 32_768;
/**
 * What only C++ writes at the start of a line: a namespace or template, an access label, `using namespace`, a
 * class with a body, an include of a standard header without `.h` (`<vector>`), or `std::`.
 */
const CPP_ONLY = /^[ \t]*(?:namespace(?:\s+[\w:]+)?\s*\{|template\s*<|(?:public|private|protected)\s*:|using\s+namespace\b|class\s+\w+[^;(]*\{|#\s*include\s*<[a-z_]+>)|\bstd::/m;

/** Whether a header's text is C++ rather than C. */
export function cppHeader(text: string): boolean {
  return CPP_ONLY.test(text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text);
}
