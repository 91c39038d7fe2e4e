/**
 * The Codebase interface over an index in this process: what the CLI and the tests use, and what the
 * extension's index worker wraps. Hits carry their chunk's current lines, read again from disk (the index
 * keeps no text) and redacted; a file that can no longer be read drops its hits rather than failing.
 * Definitions and usages are found through the lexical index (a name's words select the candidates) and
 * then checked on the text itself, so a hit really defines or mentions the name as a whole word.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redactor } from '../privacy/redactor';
import { textOfFile } from '../workspace/fileBytes';
import type { Codebase, CodebaseHit } from './codebase';
import type { CodebaseIndex, SearchResult } from './codebaseIndex';
import type { Embedder } from './vectors/embedder';
import { hybridSearch } from './vectors/hybridSearch';
import type { VectorStore } from './vectors/vectorStore';
import { DependencyNames } from './names/dependencyNames';

/** Reads a workspace-relative file's text; undefined when it is gone, unreadable or binary. */
export type ReadText = (path: string) => Promise<string | undefined>;

/** Vector search beside the lexical one (hybrid.ts): the root's vectors, when there are any, and the question's embedder. */
export interface SemanticSearch {
  vectors(): VectorStore | undefined;
  embed: Embedder;
}

/** How many of a name's lexical candidates are checked for a whole-word use (the name's words select them). */
const NAME_CANDIDATES = 200;

export class LocalCodebase implements Codebase {
  private readonly readText: ReadText;

  constructor(
    private readonly root: string,
    private readonly index: CodebaseIndex,
    options: { readText?: ReadText; redactor?: Redactor; semantic?: SemanticSearch; dependencies?: DependencyNames } = {},
  ) {
    this.semantic = options.semantic;
    this.readText = options.readText ?? ((path) => readFile(join(this.root, path)).then(textOfFile, () => undefined));
    this.redactor = options.redactor ?? new Redactor();
    this.dependencies = options.dependencies ?? new DependencyNames(root);
  }

  private readonly redactor: Redactor;
  private readonly semantic: SemanticSearch | undefined;
  private readonly dependencies: DependencyNames;

  /** Hybrid (words and meaning, fused) when the root has vectors; lexical when not, or when the question cannot be embedded. */
  async search(query: string, top: number): Promise<CodebaseHit[]> {
    const vectors = this.semantic?.vectors();
    if (!vectors || vectors.size === 0) return this.withText(this.index.search(query, top));
    const { results } = await hybridSearch({ index: this.index, vectors, embed: this.semantic!.embed, query, top });
    return this.withText(results);
  }

  async definitions(name: string, top: number): Promise<CodebaseHit[]> {
    if (!isName(name)) return [];
    const defining = this.index.search(name, NAME_CANDIDATES).filter((r) => r.symbol === name);
    return this.withText(defining.slice(0, top));
  }

  async usages(name: string, top: number, exceptPath?: string): Promise<CodebaseHit[]> {
    if (!isName(name)) return [];
    const candidates = this.index.search(name, NAME_CANDIDATES).filter((r) => r.symbol !== name && r.path !== exceptPath);
    const found: CodebaseHit[] = [];
    // Read in rank order, a few files at a time, until enough real uses are found.
    for (let i = 0; i < candidates.length && found.length < top; i += 16) {
      for (const hit of await this.withText(candidates.slice(i, i + 16))) {
        if (found.length < top && usesName(hit.text, name)) found.push(hit);
      }
    }
    return found;
  }

  async unknownNames(names: readonly string[]): Promise<string[]> {
    const table = this.index.names;
    const unseen = [...new Set(names)].filter((n) => !table.has(n));
    const declared = await this.dependencies.known(unseen, (n) => table.has(n));
    return unseen.filter((n) => !declared.has(n));
  }

  /** The hits with their current lines (redacted); hits whose file cannot be read are dropped. */
  private async withText(results: readonly SearchResult[]): Promise<CodebaseHit[]> {
    const paths = [...new Set(results.map((r) => r.path))];
    const texts = new Map(await Promise.all(paths.map(async (p) => [p, await this.readText(p)] as const)));
    const lines = new Map<string, string[]>();
    const hits: CodebaseHit[] = [];
    for (const r of results) {
      const text = texts.get(r.path);
      if (text === undefined) continue;
      let fileLines = lines.get(r.path);
      if (!fileLines) lines.set(r.path, (fileLines = text.split(/\r?\n/)));
      if (r.startLine > fileLines.length) continue; // the file shrank since it was indexed
      const chunk = fileLines.slice(r.startLine - 1, r.endLine).join('\n');
      hits.push({ ...r, text: this.redactor.redact(chunk).text });
    }
    return hits;
  }
}

/** An identifier as code names things (letters, digits, `_`, `$`), not a phrase. */
function isName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

function wholeWord(name: string): RegExp {
  return new RegExp(`(?<![\\w$])${escapeName(name)}(?![\\w$])`);
}

/**
 * Whether `text` uses `name` on a line that is not its own definition (`def name(`, `function name`, a
 * method `name(…) {` of a class too short to be split into its methods).
 */
function usesName(text: string, name: string): boolean {
  const word = wholeWord(name);
  const n = escapeName(name);
  // `def name`, `function name`, `class name`…, or a method head: `name(…) {` / `async name(…): T {` ending its line.
  const defines = new RegExp(`\\b(?:def|function|class|fn|func|interface|struct|enum|trait|type)\\s+${n}(?![\\w$])|^\\s*(?:(?:public|private|protected|static|async|override|readonly|get|set)\\s+)*${n}\\s*\\(.*\\)\\s*(?::[^;{]+)?\\{\\s*$`);
  return text.split('\n').some((line) => word.test(line) && !defines.test(line));
}

function escapeName(name: string): string {
  return name.replace(/\$/g, '\\$');
}
