/**
 * What the rest of Fathom asks of a workspace's codebase index — chat's `@codebase`, the commands'
 * callers and existing tests, the completion retriever — as one small async interface of plain data. The
 * extension answers it from a worker thread that owns the index (src/vscode/codebase/), the CLI and the
 * tests from an index in the same process (localCodebase.ts): callers never know which.
 */
import type { Chunk } from './chunk';

/** A chunk found for a request, with its lines as they are on disk now, redacted. */
export interface CodebaseHit extends Chunk {
  score: number;
  /** The chunk's lines (startLine..endLine), secrets replaced by placeholders. */
  text: string;
}

/** Lines of a workspace file a prompt was given, as the answer lists them ("Used from this workspace"). */
export interface CodePlace {
  /** Workspace-relative (with several folders, starting with the folder's name). */
  path: string;
  startLine: number;
  endLine: number;
  /** What the lines define, or '' (a test file, top-level code). */
  symbol: string;
}

export interface Codebase {
  /** The `top` chunks that best answer a natural-language or identifier query, best first. */
  search(query: string, top: number): Promise<CodebaseHit[]>;
  /** The chunks that define `name` (a function, method or class of that exact name), best first. */
  definitions(name: string, top: number): Promise<CodebaseHit[]>;
  /**
   * Up to `top` chunks that use `name` as a whole word without defining it — its callers and usages — best
   * first. `exceptPath` leaves out one file (the one the user is in, whose code the caller already has).
   */
  usages(name: string, top: number, exceptPath?: string): Promise<CodebaseHit[]>;
  /**
   * The `names` defined nowhere the index can see: in no workspace file and in no dependency's declarations
   * (names/dependencyNames.ts). The standard library is the caller's to know (names/standardNames.ts).
   * A name `module:<specifier>` asks about a JavaScript package instead: unknown when it is not installed
   * with declarations, so the names imported from it cannot be checked.
   */
  unknownNames(names: readonly string[]): Promise<string[]>;
}
