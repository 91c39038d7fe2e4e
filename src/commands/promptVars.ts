/**
 * How the plain values of a command are written into its prompt: code fences that the code cannot
 * close, language names, the answer language, the audience, the doc-comment style, diagnostics.
 */
import { languageFacts } from '../syntax/languages';
import type { CommandSettings, CommandTarget, DiagnosticInfo } from './types';

export function languageName(languageId: string): string {
  return languageFacts(languageId)?.name ?? languageId;
}

/** The fence info string models know best (VS Code ids such as `typescriptreact` are not what they were trained on). */
export function fenceTag(languageId: string): string {
  return languageFacts(languageId)?.fence ?? languageId;
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

export function docStyle(languageId: string): string {
  return languageFacts(languageId)?.docStyle ?? 'the conventional doc comment style of the language';
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
