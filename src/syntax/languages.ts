/**
 * The languages Fathom parses, keyed by VS Code language id, with the prebuilt grammar each one loads.
 * Adding a language: add its grammar here (and its wasm source in grammarSources), then its queries.
 */

export interface GrammarSpec {
  /** File name of the grammar's wasm inside the shipped grammar folder. */
  wasm: string;
}

export const GRAMMARS: Readonly<Record<string, GrammarSpec>> = {
  typescript: { wasm: 'tree-sitter-typescript.wasm' },
  typescriptreact: { wasm: 'tree-sitter-tsx.wasm' },
  javascript: { wasm: 'tree-sitter-javascript.wasm' },
  javascriptreact: { wasm: 'tree-sitter-javascript.wasm' },
  python: { wasm: 'tree-sitter-python.wasm' },
  go: { wasm: 'tree-sitter-go.wasm' },
  rust: { wasm: 'tree-sitter-rust.wasm' },
  java: { wasm: 'tree-sitter-java.wasm' },
  c: { wasm: 'tree-sitter-c.wasm' },
  cpp: { wasm: 'tree-sitter-cpp.wasm' },
  csharp: { wasm: 'tree-sitter-c-sharp.wasm' },
  ruby: { wasm: 'tree-sitter-ruby.wasm' },
  php: { wasm: 'tree-sitter-php.wasm' },
};

const EXTENSIONS: Readonly<Record<string, string>> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
  py: 'python', pyi: 'python', go: 'go', rs: 'rust', java: 'java',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp',
  cs: 'csharp', rb: 'ruby', php: 'php',
};

export function hasGrammar(languageId: string): boolean {
  return languageId in GRAMMARS;
}

/** The VS Code language id for a file path (the CLI has no editor to ask); undefined when unknown. */
export function languageOfPath(path: string): string | undefined {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}
