/**
 * Plain data shared by the context retrievers (src/context/). Lines are 0-based here; only the
 * ContextSnippet the pipeline receives uses 1-based lines.
 */

/** One name an import statement brings into a file. */
export interface ImportBinding {
  /** The name the importing file uses: `map`, `tasks`, `ns`, or a dotted `a.b` for Python `import a.b`. */
  local: string;
  /**
   * The name inside the target: a symbol, `default`, or `*` when the binding is the whole module
   * (namespace import, Python module, Go package), whose members are then used as `local.member`.
   */
  imported: string;
}

/** An import (or re-export, include, require, use) statement of one file. */
export interface ImportStatement {
  /** The module as written, without quotes: `./map`, `..types`, `asyncio.events`, `a/b.h`. */
  specifier: string;
  bindings: ImportBinding[];
  /**
   * Whether every top-level name of the target becomes visible unqualified: C `#include`, Ruby
   * `require`, Python `from m import *`, JS `export * from` (as a re-export).
   */
  all: boolean;
  /** `export … from`: the names pass through this file to its importers. */
  reexport: boolean;
  /** Lines the statement spans (0-based, inclusive), so usages are not counted inside it. */
  startLine: number;
  endLine: number;
}

/** Lines of a file kept in a snippet, as inclusive 0-based ranges in order. */
export type LineRanges = ReadonlyArray<readonly [number, number]>;

/** A definition found in a file, with the shapes it can be shown in, richest first. */
export interface Definition {
  name: string;
  /** The syntax node type that defines it (function_declaration, class_definition, …). */
  kind: string;
  startLine: number;
  endLine: number;
  /** The line holding its name (after decorators and doc comments). */
  nameLine: number;
  /** Ways to show it, richest first: the whole code, a summary (signature + members), the signature. */
  shapes: LineRanges[];
}
