/**
 * The model's answer is markdown: prose with code blocks, or (when a model obeys "answer with code only"
 * too well) bare code. This finds the blocks robustly (``` and ~~~ fences of any length, with or without
 * a language, a last fence still open while the answer streams) and picks the one that replaces the target.
 */
import type { CommandTarget } from './types';
import { LANGUAGES, languageFacts } from '../syntax/languages';
import { fenceTag } from './promptVars';

export interface CodeBlock {
  /** The fence's info string's first word, lower case (`ts`, `python`); undefined without one. */
  language?: string;
  code: string;
  /** False for a last block whose closing fence has not arrived (yet). */
  closed: boolean;
}

export interface ParsedAnswer {
  blocks: CodeBlock[];
  /** The text outside the blocks, trimmed. */
  prose: string;
}

/** An opening fence: up to 3 spaces, 3+ backticks or tildes, an info string (no backtick for backtick fences). */
const OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export function parseAnswer(markdown: string): ParsedAnswer {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const blocks: CodeBlock[] = [];
  const prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]);
    if (!open || (open[2][0] === '`' && open[3].includes('`'))) {
      prose.push(lines[i]);
      continue;
    }
    const [, indent, fence, info] = open;
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]); j++) body.push(stripIndent(lines[j], indent.length));
    const language = info.trim().split(/[\s{,]/)[0]?.toLowerCase() || undefined;
    blocks.push({ ...(language ? { language } : {}), code: body.join('\n'), closed: j < lines.length });
    i = j;
  }
  return { blocks, prose: prose.join('\n').replace(/\n{3,}/g, '\n\n').trim() };
}

/** A fenced block indented like its fence loses that indentation (CommonMark). */
function stripIndent(line: string, indent: number): string {
  let n = 0;
  while (n < indent && line[n] === ' ') n++;
  return line.slice(n);
}

/** Blocks that are never the replacement code: shell sessions, diffs, output, other notations. */
const NOT_CODE = new Set(['bash', 'sh', 'shell', 'console', 'text', 'txt', 'output', 'diff', 'patch', 'json', 'yaml', 'markdown', 'md', 'plaintext']);

export function sameLanguage(fence: string | undefined, languageId: string): boolean {
  if (!fence) return false;
  // The fence info strings that name each language (what models write after the backticks) are language facts.
  return (languageFacts(languageId)?.fenceAliases ?? [languageId, fenceTag(languageId)]).includes(fence);
}

/**
 * The code that replaces the target: among the blocks that may be code in the target's language, the
 * one that names the target (its declared name), then one in the same language, then the largest.
 * Without any block, the whole answer when it reads as code (no sentence-like prose lines).
 */
export function pickReplacement(answer: ParsedAnswer | string, target: CommandTarget, languageId: string): string | undefined {
  const parsed = typeof answer === 'string' ? parseAnswer(answer) : answer;
  if (parsed.blocks.length === 0) return looksLikeCode(parsed.prose) ? parsed.prose : undefined;
  const candidates = parsed.blocks.filter((b) => b.code.trim() && (!b.language || sameLanguage(b.language, languageId) || (!NOT_CODE.has(b.language) && !isOtherKnownLanguage(b.language, languageId))));
  if (candidates.length === 0) return undefined;
  const names = target.name ? new RegExp(`(^|[^\\w$])${target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w$]|$)`) : undefined;
  const score = (b: CodeBlock) => (names?.test(b.code) ? 4 : 0) + (sameLanguage(b.language, languageId) ? 2 : 0) + (b.closed ? 1 : 0);
  const best = [...candidates].sort((a, b) => score(b) - score(a) || b.code.length - a.code.length)[0];
  return best.code.replace(/\n+$/, '');
}

function isOtherKnownLanguage(fence: string, languageId: string): boolean {
  return Object.entries(LANGUAGES).some(([id, facts]) => id !== languageId && (facts.fenceAliases ?? []).includes(fence)) && !sameLanguage(fence, languageId);
}

/**
 * An unfenced answer is taken as code only when no line reads like a sentence (words ending with a full
 * stop, a colon before the code): a safer mistake is to take nothing and show the answer as text.
 */
function looksLikeCode(text: string): boolean {
  if (!text.trim()) return false;
  return !text.split('\n').some((l) => readsLikeSentence(l.trim()));
}

/** A capitalised line of four or more words ending like a sentence, without code punctuation. */
function readsLikeSentence(line: string): boolean {
  return /^[A-Z][a-z]/.test(line) && line.split(/\s+/).length >= 4 && /[.:!?]$/.test(line) && !/[;{}=<>`]|\(\)/.test(line);
}
