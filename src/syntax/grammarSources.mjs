// Where the build copies each shipped grammar from (npm packages with prebuilt wasm that load with
// web-tree-sitter 0.25.10; see ../shared/docs/tree-sitter.md). Only these files go into dist/grammars.
export const grammarSources = {
  'tree-sitter.wasm': 'node_modules/web-tree-sitter/tree-sitter.wasm',
  'tree-sitter-typescript.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm',
  'tree-sitter-tsx.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-tsx.wasm',
  'tree-sitter-javascript.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-javascript.wasm',
  'tree-sitter-python.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm',
  'tree-sitter-go.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-go.wasm',
  'tree-sitter-rust.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-rust.wasm',
  'tree-sitter-java.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-java.wasm',
  'tree-sitter-c.wasm': 'node_modules/tree-sitter-c/tree-sitter-c.wasm',
  'tree-sitter-cpp.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-cpp.wasm',
  'tree-sitter-c-sharp.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-c-sharp.wasm',
  'tree-sitter-ruby.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-ruby.wasm',
  'tree-sitter-php.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-php.wasm',
};
