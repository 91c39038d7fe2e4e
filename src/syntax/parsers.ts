/**
 * web-tree-sitter behind a small service: the runtime initialises on first use, each grammar loads on
 * first use and is kept, one Parser per language is reused. Parsing is bounded in size and time.
 */
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { withoutExportMacros } from './exportMacros';
import { GRAMMARS } from './languages';

/** Above this many characters a document is not parsed; callers fall back to indentation rules. */
export const MAX_PARSE_CHARS = 1_000_000;
/**
 * A parse that takes longer than this is abandoned (a pathological or minified file). A first full parse
 * of an 11,000-line TypeScript file takes ~110 ms here; later parses are incremental (a few ms).
 */
export const MAX_PARSE_MS = 400;

export class Parsers {
  private init: Promise<void> | undefined;
  private readonly languages = new Map<string, Promise<Language | undefined>>();
  private readonly parsers = new Map<Language, Parser>();

  /**
   * @param locate path of a wasm file by name (tree-sitter.wasm or a grammar); the extension and the CLI
   * look in dist/grammars, tests in the npm packages the build copies from.
   */
  constructor(private readonly locate: (wasmFile: string) => string) {}

  /** The grammar for a VS Code language id; undefined when Fathom has none or it failed to load. */
  language(languageId: string): Promise<Language | undefined> {
    const spec = GRAMMARS[languageId];
    if (!spec) return Promise.resolve(undefined);
    let loading = this.languages.get(spec.wasm);
    if (!loading) {
      loading = this.ready()
        .then(() => Language.load(this.locate(spec.wasm)))
        .catch(() => undefined);
      this.languages.set(spec.wasm, loading);
    }
    return loading;
  }

  /**
   * Parses `text` (reusing `oldTree`, already edited, for an incremental parse). Returns undefined when
   * the text is too large or parsing ran out of time (`maxMs` of wall-clock time).
   */
  parse(language: Language, text: string, oldTree?: Tree, maxMs = MAX_PARSE_MS): Tree | undefined {
    if (text.length > MAX_PARSE_CHARS) return undefined;
    let parser = this.parsers.get(language);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(language);
      this.parsers.set(language, parser);
    }
    const deadline = performance.now() + maxMs;
    const tree = parser.parse(text, oldTree ?? null, { progressCallback: () => performance.now() > deadline });
    if (!tree) parser.reset();
    return tree ?? undefined;
  }

  /**
   * Parses a whole text once, for callers without a document cache (other files, the CLI). A C or C++ text is
   * parsed with its classes' export macros blanked (exportMacros.ts): rows and columns are the text's own, but a
   * node's `text` shows the blanks.
   */
  async parseText(languageId: string, text: string, maxMs = MAX_PARSE_MS): Promise<Tree | undefined> {
    const language = await this.language(languageId);
    const source = languageId === 'c' || languageId === 'cpp' ? withoutExportMacros(text) : text;
    return language ? this.parse(language, source, undefined, maxMs) : undefined;
  }

  dispose(): void {
    for (const p of this.parsers.values()) p.delete();
    this.parsers.clear();
  }

  private ready(): Promise<void> {
    this.init ??= Parser.init({ locateFile: (file: string) => this.locate(file) });
    return this.init;
  }
}
