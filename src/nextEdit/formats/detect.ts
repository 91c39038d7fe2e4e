/**
 * Which next-edit prompt format a model gets, told from its name the way completion families are
 * (completion/prompt/families.ts): the open next-edit models by their names, any other model the generic
 * chat prompt. Names come as "zeta:7b", "hf.co/zed-industries/zeta-GGUF", "sweep-next-edit-1.5b": compared lowercased.
 */
import { genericFormat } from './generic';
import { instinctFormat } from './instinct';
import { sweepFormat } from './sweep';
import type { FormatId, NextEditFormat } from './types';
import { zetaFormat } from './zeta';

const BY_NAME: ReadonlyArray<readonly [RegExp, FormatId]> = [
  [/(^|[/:_\-. ])zeta($|[/:_\-. \d])/, 'zeta'],
  [/instinct/, 'instinct'],
  [/sweep[-_ ]?(ai[-_ ]?)?next[-_ ]?edit|sweepai/, 'sweep'],
];

export const FORMATS: Readonly<Record<FormatId, NextEditFormat>> = { zeta: zetaFormat, instinct: instinctFormat, sweep: sweepFormat, generic: genericFormat };

export function formatIdForModel(model: string): FormatId {
  const key = model.toLowerCase().trim();
  for (const [pattern, id] of BY_NAME) if (pattern.test(key)) return id;
  return 'generic';
}

export function formatForModel(model: string): NextEditFormat {
  return FORMATS[formatIdForModel(model)];
}
