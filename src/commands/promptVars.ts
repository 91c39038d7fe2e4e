/**
 * How the plain values of a command are written into its prompt: code fences that the code cannot
 * close, language names, the answer language, the audience, the doc-comment style, diagnostics.
 */
import type { CommandSettings, CommandTarget, DiagnosticInfo } from './types';

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  typescript: 'TypeScript', typescriptreact: 'TypeScript (TSX)', javascript: 'JavaScript', javascriptreact: 'JavaScript (JSX)',
  python: 'Python', go: 'Go', rust: 'Rust', java: 'Java', c: 'C', cpp: 'C++', csharp: 'C#', ruby: 'Ruby', php: 'PHP',
};

/** Fence info strings models know best (VS Code ids such as `typescriptreact` are not what they were trained on). */
const FENCE_TAGS: Readonly<Record<string, string>> = {
  typescript: 'typescript', typescriptreact: 'tsx', javascript: 'javascript', javascriptreact: 'jsx', csharp: 'csharp', cpp: 'cpp', shellscript: 'bash',
};

export function languageName(languageId: string): string {
  return LANGUAGE_NAMES[languageId] ?? languageId;
}

export function fenceTag(languageId: string): string {
  return FENCE_TAGS[languageId] ?? languageId;
}

/** `code` in a fenced block whose fence is longer than any backtick run inside it. */
export function fenced(code: string, languageId: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${fenceTag(languageId)}\n${code.replace(/\n+$/, '')}\n${fence}`;
}

/** Chinese is named by script, which is what a zh-cn / zh-tw user expects to read. */
const SPECIAL_LANGUAGES: Readonly<Record<string, string>> = { 'zh-cn': 'Simplified Chinese', 'zh-tw': 'Traditional Chinese', 'zh-hk': 'Traditional Chinese' };

/** The answer language as the prompt names it: "German (de)", "Simplified Chinese (zh-cn)". */
export function answerLanguageName(tag: string): string {
  const lower = tag.toLowerCase();
  let name = SPECIAL_LANGUAGES[lower];
  if (!name) {
    try {
      name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
    } catch {
      name = tag;
    }
  }
  return name.toLowerCase() === lower ? name : `${name} (${lower})`;
}

const AUDIENCES: Readonly<Record<CommandSettings['audience'], string>> = {
  beginner: 'beginner (explain the language features and terms used; avoid jargon)',
  intermediate: 'intermediate (assume the language is known; focus on what this code does and why)',
  expert: 'expert (be brief; focus on non-obvious behaviour, design and trade-offs)',
};

export function audienceText(audience: CommandSettings['audience']): string {
  return AUDIENCES[audience] ?? AUDIENCES.intermediate;
}

export function stepByStepText(stepByStep: boolean): string {
  return stepByStep ? 'Think it through step by step: write your reasoning first under a heading "Reasoning", then the answer under a heading "Answer".' : '';
}

const DOC_STYLES: Readonly<Record<string, string>> = {
  typescript: 'TSDoc comments (/** … */ with @param, @returns, @throws)',
  typescriptreact: 'TSDoc comments (/** … */ with @param, @returns)',
  javascript: 'JSDoc comments (/** … */ with @param {type}, @returns {type}, @throws)',
  javascriptreact: 'JSDoc comments (/** … */ with @param {type}, @returns {type})',
  python: 'PEP 257 docstrings (Google style: Args, Returns, Raises)',
  go: 'Go doc comments (// lines starting with the declared name, right above the declaration)',
  rust: 'Rust doc comments (/// with # Examples, # Errors, # Panics sections where relevant)',
  java: 'Javadoc comments (/** … */ with @param, @return, @throws)',
  c: 'Doxygen comments (/** … */ with @brief, @param, @return)',
  cpp: 'Doxygen comments (/** … */ with @brief, @param, @return)',
  csharp: 'XML documentation comments (/// <summary>, <param>, <returns>, <exception>)',
  ruby: 'YARD comments (# with @param [Type], @return [Type])',
  php: 'PHPDoc comments (/** … */ with @param, @return, @throws)',
};

export function docStyle(languageId: string): string {
  return DOC_STYLES[languageId] ?? 'the conventional doc comment style of the language';
}

/** How the prompt calls the target: "function", "method", "class", or "code" for a selection or block. */
export function targetNoun(target: CommandTarget): string {
  return target.kind === 'selection' || target.kind === 'block' ? 'code' : target.kind;
}

/** Diagnostics as a list the model reads, nearest the target first: `- line 12, error ts(2345): message`. */
export function formatDiagnostics(diagnostics: readonly DiagnosticInfo[]): string {
  return diagnostics
    .map((d) => {
      const lines = d.endLine > d.startLine ? `lines ${d.startLine}-${d.endLine}` : `line ${d.startLine}`;
      const origin = d.source ? ` ${d.source}${d.code !== undefined && d.code !== '' ? `(${d.code})` : ''}` : d.code !== undefined && d.code !== '' ? ` ${d.code}` : '';
      return `- ${lines}, ${d.severity}${origin}: ${d.message.replace(/\s*\n\s*/g, ' ')}`;
    })
    .join('\n');
}
