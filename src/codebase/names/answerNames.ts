/**
 * "Not found in this workspace" for a chat answer: the fenced code blocks of the answer, each checked in
 * the language its fence names (unknownNames.ts), so the chat view can underline what a block refers to
 * that exists nowhere. Blocks are identified by their code, not by position: the view matches them to its
 * rendered blocks by text, however markdown numbered them.
 */
import { LANGUAGES } from '../../syntax/languages';
import type { Parsers } from '../../syntax/parsers';
import type { Codebase } from '../codebase';
import { nameFamily } from './references';
import { distinctNames, findUnknownNames } from './unknownNames';

export interface BlockNames {
  /** The block's code, as between its fences. */
  code: string;
  /** The distinct names it refers to that exist nowhere, in order. */
  names: string[];
}

/** Checks one block's code in a language; the distinct unknown names. */
export type BlockCheck = (code: string, languageId: string) => Promise<string[]>;

const FENCE = /^([ \t]{0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n([\s\S]*?)\n?^\1?[ \t]{0,3}\2[`~]*[ \t]*$/gm;

/** The fenced code blocks of a markdown answer: their fence's info word and their code. */
export function fencedBlocks(markdown: string): { fence: string; code: string }[] {
  return [...markdown.matchAll(FENCE)].map((m) => ({ fence: m[3].toLowerCase(), code: m[4] }));
}

/** The checked language a fence names (`ts`, `python3`…); undefined for other or no languages. */
export function languageOfFence(fence: string): string | undefined {
  for (const [id, facts] of Object.entries(LANGUAGES)) {
    if (!nameFamily(id)) continue;
    if ((facts.fenceAliases ?? [id, facts.fence ?? id]).includes(fence)) return id;
  }
  return undefined;
}

/** Each checked block of the answer that refers to names found nowhere. */
export async function unknownNamesInAnswer(markdown: string, check: BlockCheck): Promise<BlockNames[]> {
  const found: BlockNames[] = [];
  for (const block of fencedBlocks(markdown)) {
    const languageId = languageOfFence(block.fence);
    if (!languageId) continue;
    const names = await check(block.code, languageId);
    if (names.length > 0) found.push({ code: block.code, names });
  }
  return found;
}

/** The answer check over a workspace's codebase (asked for at each answer: the index may come later). */
export function answerNameCheck(parsers: Parsers, codebase: () => Pick<Codebase, 'unknownNames'>): (answer: string) => Promise<BlockNames[]> {
  return (answer) => unknownNamesInAnswer(answer, async (code, languageId) => distinctNames(await findUnknownNames({ code, languageId }, { parsers, codebase: codebase() })));
}
