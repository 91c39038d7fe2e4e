/**
 * A chunk's text with its import statements blanked (each replaced by as many empty lines), so a chunk that
 * only imports a name is not taken for a use of it (usageContext.ts): the import line says nothing a caller's
 * code does not say better, and listing it would spend a prompt's budget and a "Used from this workspace"
 * entry on it. Text patterns rather than a parse: usages come as a chunk's lines read again from disk, without
 * a tree. Covers the statement forms of the languages Fathom indexes, multi-line ones included
 * (`import {\n a,\n b\n} from 'x'`, `from x import (\n a,\n)`, `use a::{b, c};`, `#include "x.h"`).
 */
const IMPORT_STATEMENTS: readonly RegExp[] = [
  // JavaScript / TypeScript: import … from 'x', export … from 'x', import 'x', import x = require('x').
  /^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*['"][^'"\n]*['"][ \t]*;?/gm,
  /^[ \t]*import\s*['"][^'"\n]*['"][ \t]*;?/gm,
  /^[ \t]*(?:export\s+)?import\s+[\w$]+\s*=\s*require\(\s*['"][^'"\n]*['"]\s*\)[ \t]*;?/gm,
  /^[ \t]*(?:const|let|var)\s+[^=;\n]+=\s*require\(\s*['"][^'"\n]*['"]\s*\)[ \t]*;?/gm,
  // Python: from x import (a, b) across lines, from x import a, b, import a.b as c.
  /^[ \t]*from\s+[\w.]+\s+import\s*\([^)]*\)/gm,
  /^[ \t]*(?:from\s+[\w.]+\s+)?import\s+[\w.*, \t]+(?:\s+as\s+\w+)?[ \t]*(?:#.*)?$/gm,
  // Rust use (braces across lines), Java / Kotlin / Scala import, C# using directives, PHP use.
  /^[ \t]*(?:pub(?:\([^)]*\))?\s+)?use\s+[^;{]*(?:\{[^}]*\}[^;]*)?;/gm,
  /^[ \t]*import\s+(?:static\s+)?[\w.*]+[ \t]*;/gm,
  /^[ \t]*#\s*include\b[^\n]*/gm,
  /^[ \t]*using\s+(?:static\s+)?[\w.]+(?:\s*=\s*[\w.<>, ]+)?\s*;/gm,
];

export function withoutImports(text: string): string {
  let result = text;
  for (const pattern of IMPORT_STATEMENTS) result = result.replace(pattern, (statement) => statement.replace(/[^\n]+/g, ''));
  return result;
}
