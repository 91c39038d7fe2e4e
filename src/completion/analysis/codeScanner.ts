/**
 * A small lexer that follows brackets through a piece of code while skipping strings, comments,
 * template literals, (in JavaScript) regular expressions and (in JSX) markup text. It is what lets the stream stop and the
 * filters see where the block the cursor is in closes, in any language, on text that is still arriving,
 * without parsing the whole document for every request. Depths are relative to where the scan starts
 * (the cursor): a closer with nothing open before it closes a bracket that was opened before the cursor.
 */
import { languageFacts, type ScanFamily } from '../../syntax/languages';

export type { ScanFamily };

export function scanFamily(languageId: string): ScanFamily {
  return languageFacts(languageId)?.scan ?? 'c';
}

/** Languages whose blocks are delimited by indentation (a trailing `:` opens one). */
export function usesIndentationBlocks(languageId: string): boolean {
  return scanFamily(languageId) === 'python';
}

export const OPENERS = '([{';
export const CLOSERS = ')]}';

/** jsxTag: inside `<li key={i}>` or `</li>`; jsxText: the text between an element's tags. */
type Mode = 'code' | 'lineComment' | 'blockComment' | 'string' | 'regex' | 'jsxTag' | 'jsxText';

/**
 * Markers on the bracket stack besides `(`, `[`, `{`: a template literal's `${`, an open JSX element
 * (its children are being read), a JSX expression among an element's children, and one in a tag's attribute.
 */
const TEMPLATE_HOLE = '${';
const ELEMENT = '<';
const CHILD_EXPRESSION = '{<';
const ATTRIBUTE_EXPRESSION = '{=';
/** What may follow `<` in a JSX tag: a name, or `>` for a fragment `<>`. */
const TAG_NAME_START = /[A-Za-z_$>]/;
/**
 * `<` followed by these is a TypeScript type parameter list, not a tag: generic arrow functions in TSX
 * (`<T,>(x: T) => x`, `<T extends U>(…)`) and generic function types (`f: <T>(x: T) => T`).
 */
const TYPE_PARAMETERS = /<[\w$.]+\s*(?:,|extends\s|>\s*\()/y;

/** Words after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);
/** A C-family character literal: `'a'`, `'\n'`, `'\u{1F600}'`; anything else after `'` is a lifetime or a label. */
const CHAR_LITERAL = /'(?:\\[^'\n]{1,10}|[^\\'\n])'/y;

export interface UnmatchedCloser {
  char: string;
  /** Offset in the scanned text. */
  index: number;
}

export class CodeScanner {
  private mode: Mode = 'code';
  /** The quote that ends the current string: ' " ` ''' """. */
  private quote = '';
  /** Where the current string returns to when it ends: code, or a JSX tag (an attribute's value). */
  private stringEndsIn: Mode = 'code';
  /** The JSX tag being read closes an element (`</li>`). */
  private tagCloses = false;
  /** JavaScript-like: template literals and regular expressions. */
  private readonly js: boolean;
  /** JSX markup may stand where an expression may. */
  private readonly jsx: boolean;
  private inRegexClass = false;
  /** Brackets opened since the scan began, innermost last, with the markers above (TEMPLATE_HOLE…). */
  private readonly stack: string[] = [];
  /** Closers that closed brackets opened before the scan began. */
  readonly unmatched: UnmatchedCloser[] = [];
  /** Offset of the next character in the text scanned since the last `restart`. */
  private offset = 0;
  /** The last code token, for telling a regular expression from a division. */
  private lastToken = '';
  private word = '';
  /** The last non-blank character seen in code (a closing quote counts), '' before any. */
  lastCode = '';

  constructor(private readonly family: ScanFamily) {
    this.js = family === 'js' || family === 'jsx';
    this.jsx = family === 'jsx';
  }

  /** In code (not in a comment or string) at this point. */
  get inCode(): boolean {
    return this.mode === 'code';
  }

  /** In a string, comment or regular expression that continues on the next line (indentation means nothing there). */
  get inMultilineToken(): boolean {
    return this.mode === 'blockComment' || (this.mode === 'string' && (this.quote.length === 3 || this.quote === '`'));
  }

  /** Brackets opened since the scan began and still open, minus closers of brackets opened before it. */
  get depth(): number {
    return this.stack.length - this.unmatched.length;
  }

  /** Brackets opened since the scan began and still open, innermost last. */
  get open(): readonly string[] {
    return this.stack;
  }

  /**
   * Scans `text` (e.g. the cursor line left of the cursor) for its lexical state only, then forgets its
   * brackets: depths and offsets count from here. A string or comment left open stays open.
   */
  prime(text: string): this {
    this.scan(text);
    this.stack.length = 0;
    this.unmatched.length = 0;
    this.offset = 0;
    return this;
  }

  scan(text: string): this {
    for (let i = 0; i < text.length; i++) {
      const skip = this.step(text, i);
      i += skip;
    }
    this.offset += text.length;
    return this;
  }

  /** Handles text[i]; returns how many further characters it consumed. */
  private step(text: string, i: number): number {
    const c = text[i];
    switch (this.mode) {
      case 'lineComment':
        if (c === '\n') this.mode = 'code';
        return 0;
      case 'blockComment':
        if (c === '*' && text[i + 1] === '/') {
          this.mode = 'code';
          return 1;
        }
        return 0;
      case 'string':
        return this.stepString(text, i);
      case 'jsxTag':
        return this.stepJsxTag(text, i);
      case 'jsxText':
        return this.stepJsxText(text, i);
      case 'regex':
        if (c === '\\') return 1;
        if (c === '\n') this.mode = 'code';
        else if (c === '[') this.inRegexClass = true;
        else if (c === ']') this.inRegexClass = false;
        else if (c === '/' && !this.inRegexClass) {
          this.mode = 'code';
          this.lastToken = 'regex';
        }
        return 0;
      default:
        return this.stepCode(text, i);
    }
  }

  private stepString(text: string, i: number): number {
    const c = text[i];
    const q = this.quote;
    if (c === '\\' && !(q === '`' && !this.js)) return 1;
    if (q.length === 3) {
      if (text.startsWith(q, i)) {
        this.endString();
        return 2;
      }
      return 0;
    }
    if (c === q) {
      this.endString();
      return 0;
    }
    if (q === '`' && this.js && c === '$' && text[i + 1] === '{') {
      this.stack.push(TEMPLATE_HOLE);
      this.mode = 'code';
      this.lastToken = '{';
      return 1;
    }
    // A one-line string left open at the end of the line ends there (an apostrophe in prose, a typo).
    if (c === '\n' && q !== '`') this.endString();
    return 0;
  }

  private endString(): void {
    this.mode = this.stringEndsIn;
    this.stringEndsIn = 'code';
    this.lastToken = 'string';
  }

  private stepCode(text: string, i: number): number {
    const c = text[i];
    const isWordChar = /[\w$]/.test(c);
    if (isWordChar) {
      this.word += c;
      this.lastCode = c;
      return 0;
    }
    if (this.word) {
      this.lastToken = this.word;
      this.word = '';
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') return 0;
    const f = this.family;
    const next = text[i + 1];
    if ((f === 'python' || f === 'ruby' || f === 'php') && c === '#') {
      this.mode = 'lineComment';
      return 0;
    }
    if (f !== 'python' && f !== 'ruby' && c === '/' && next === '/') {
      this.mode = 'lineComment';
      return 1;
    }
    if (f !== 'python' && f !== 'ruby' && c === '/' && next === '*') {
      this.mode = 'blockComment';
      return 1;
    }
    this.lastCode = c;
    if (c === '"' || c === "'" || c === '`') return this.startString(text, i);
    if (this.jsx && c === '<' && this.tagMayStart(text, i)) {
      this.startTag(text[i + 1] === '/');
      return text[i + 1] === '/' ? 1 : 0;
    }
    if (this.js && c === '/' && this.expressionMayStart()) {
      this.mode = 'regex';
      this.inRegexClass = false;
      return 0;
    }
    if (OPENERS.includes(c)) this.stack.push(c);
    else if (CLOSERS.includes(c)) this.close(c, this.offset + i);
    this.lastToken = c;
    return 0;
  }

  private startString(text: string, i: number): number {
    const c = text[i];
    if (c === "'" && this.family === 'c') {
      // C, C++, Java, C#, Go, Rust: a quote is a character literal when it closes right away, else a lifetime.
      CHAR_LITERAL.lastIndex = i;
      const m = CHAR_LITERAL.exec(text);
      this.lastToken = 'string';
      return m ? m[0].length - 1 : 0;
    }
    if (c === '`' && !this.js && this.family !== 'c') {
      this.lastToken = c;
      return 0;
    }
    this.mode = 'string';
    if (this.family === 'python' && text.startsWith(c.repeat(3), i)) {
      this.quote = c.repeat(3);
      return 2;
    }
    this.quote = c;
    return 0;
  }

  private close(c: string, index: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top === TEMPLATE_HOLE || top === CHILD_EXPRESSION || top === ATTRIBUTE_EXPRESSION) {
      // The end of a template literal's or a JSX expression; a stray closer inside one is ignored.
      if (c === '}') {
        this.stack.pop();
        if (top === TEMPLATE_HOLE) {
          this.mode = 'string';
          this.quote = '`';
        } else this.mode = top === CHILD_EXPRESSION ? 'jsxText' : 'jsxTag';
      }
      return;
    }
    // A mismatched closer still closes the innermost bracket: code being typed is rarely well nested.
    if (top !== undefined) this.stack.pop();
    else this.unmatched.push({ char: c, index });
  }

  /**
   * Whether an expression may start here (after an operator, an opening bracket or a keyword such as
   * `return`), which makes a `/` a regular expression rather than a division, and a `<` a JSX tag rather
   * than a comparison.
   */
  private expressionMayStart(): boolean {
    const t = this.lastToken;
    if (t === '' || REGEX_AFTER_WORDS.has(t)) return true;
    if (t === 'regex' || t === 'string' || t === 'jsx') return false;
    if (/^[\w$]/.test(t)) return false;
    return !')]}'.includes(t);
  }

  /**
   * A `<` in code starts a JSX tag: `</` (a closing tag, never a regular expression in JSX), or `<name` and
   * `<>` where an expression may start or right after another element (siblings, when the scan began
   * among an element's children). `a < b`, `a <b` and `x << y` stay comparisons and shifts.
   */
  private tagMayStart(text: string, i: number): boolean {
    const next = text[i + 1];
    if (next === '/') return TAG_NAME_START.test(text[i + 2] ?? '');
    if (next === undefined || !TAG_NAME_START.test(next) || this.lastToken === '<') return false;
    if (this.lastToken !== 'jsx' && !this.expressionMayStart()) return false;
    TYPE_PARAMETERS.lastIndex = i;
    return !TYPE_PARAMETERS.test(text);
  }

  private startTag(closes: boolean): void {
    this.mode = 'jsxTag';
    this.tagCloses = closes;
  }

  /** Inside `<li key={i}>`: attribute values are strings or expressions; `>` or `/>` ends the tag. */
  private stepJsxTag(text: string, i: number): number {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') return 0;
    this.lastCode = c;
    if (c === '>') this.endTag(false);
    else if (c === '/' && text[i + 1] === '>') {
      this.lastCode = '>';
      this.endTag(true);
      return 1;
    } else if (c === '{') {
      this.stack.push(ATTRIBUTE_EXPRESSION);
      this.mode = 'code';
      this.lastToken = '{';
    } else if (c === '"' || c === "'") {
      this.mode = 'string';
      this.quote = c;
      this.stringEndsIn = 'jsxTag';
    }
    return 0;
  }

  /** Between an element's tags: text (quotes and `//` in it mean nothing), `{expressions}` and child tags. */
  private stepJsxText(text: string, i: number): number {
    const c = text[i];
    if (c === '{') {
      this.stack.push(CHILD_EXPRESSION);
      this.mode = 'code';
      this.lastToken = '{';
      this.lastCode = c;
    } else if (c === '<' && text[i + 1] === '/' && TAG_NAME_START.test(text[i + 2] ?? '')) {
      this.startTag(true);
      return 1;
    } else if (c === '<' && TAG_NAME_START.test(text[i + 1] ?? '')) {
      this.startTag(false);
    }
    return 0;
  }

  /** The tag ends: an opening tag's element is open until its closing tag; otherwise the element is done. */
  private endTag(selfClosing: boolean): void {
    if (!this.tagCloses && !selfClosing) {
      this.stack.push(ELEMENT);
      this.mode = 'jsxText';
      return;
    }
    // A closing tag without its element on the stack closes one opened before the scan began.
    if (this.tagCloses && this.stack[this.stack.length - 1] === ELEMENT) this.stack.pop();
    if (this.stack[this.stack.length - 1] === ELEMENT) this.mode = 'jsxText';
    else {
      this.mode = 'code';
      this.lastToken = 'jsx';
    }
  }
}
