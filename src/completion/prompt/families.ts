/**
 * Which fill-in-the-middle format a model was trained on, told from its name (and, for Ollama, from the
 * prompt template the server reports, which names the model's FIM tokens even when the model was renamed).
 * A model whose family is unknown, or a variant of a known family that was not trained to infill, gets the
 * chat "fill the hole" prompt instead of a raw template: wrong FIM tokens are worse than none.
 */

export type FamilyId = 'qwen-coder' | 'codeqwen' | 'starcoder2' | 'starcoder' | 'codellama' | 'deepseek-coder' | 'codestral' | 'codegemma';

/** Name patterns, most specific first ("codeqwen" before "qwen…coder", "starcoder2" before "starcoder"). */
const BY_NAME: ReadonlyArray<readonly [RegExp, FamilyId]> = [
  [/codeqwen/, 'codeqwen'],
  // Qwen2.5-Coder and Qwen3-Coder share the <|fim_*|> tokens and the repository tokens.
  [/qwen[\d.]*[-_ ]?coder/, 'qwen-coder'],
  [/starcoder[-_]?2/, 'starcoder2'],
  // StableCode was trained with StarCoder's tokenizer and FIM tokens.
  [/starcoder|stable[-_]?code/, 'starcoder'],
  [/code[-_]?llama/, 'codellama'],
  [/deepseek[-_]?coder/, 'deepseek-coder'],
  [/codestral/, 'codestral'],
  [/code[-_]?gemma/, 'codegemma'],
];

/**
 * A server's prompt template (Ollama `/api/show`) names the FIM tokens. Both Qwen-Coder and CodeGemma use
 * `<|fim_prefix|>`; CodeGemma's template is told apart by Gemma's turn markers or its file separator.
 */
export function familyOfTemplate(template: string): FamilyId | undefined {
  if (template.includes('<｜fim▁begin｜>')) return 'deepseek-coder';
  if (template.includes('[SUFFIX]') && template.includes('[PREFIX]')) return 'codestral';
  if (template.includes('<PRE>') && template.includes('<SUF>')) return 'codellama';
  if (template.includes('<|fim_prefix|>')) return /<start_of_turn>|<\|file_separator\|>/.test(template) ? 'codegemma' : 'qwen-coder';
  if (template.includes('<fim_prefix>')) return template.includes('<file_sep>') || template.includes('<repo_name>') ? 'starcoder2' : 'starcoder';
  return undefined;
}

/** Names come as "qwen2.5-coder:1.5b", "Qwen/Qwen2.5-Coder-7B", "hf.co/…/codegemma-2b-GGUF": compare lowercased. */
function modelKey(model: string): string {
  return model.toLowerCase().trim();
}

/** The FIM family of a model, by name first, then by the server's template; undefined when unknown. */
export function detectFamily(model: string, serverTemplate?: string): FamilyId | undefined {
  const key = modelKey(model);
  for (const [pattern, family] of BY_NAME) if (pattern.test(key)) return family;
  return serverTemplate ? familyOfTemplate(serverTemplate) : undefined;
}

/**
 * Whether this variant of the family was trained to fill in the middle. Meta's and Ollama's notes: CodeLlama
 * 34B/70B and the Python and Instruct variants do not infill; Google's: CodeGemma 7B-IT is a chat model.
 */
export function canInfill(family: FamilyId, model: string): boolean {
  const key = modelKey(model);
  if (family === 'codellama') return !/\b(34|70)b\b|python|instruct/.test(key);
  if (family === 'codegemma') return !/instruct|[-_:]it\b/.test(key);
  return true;
}

/** The family whose raw template fits the model, or undefined when the model should be asked through chat. */
export function infillFamily(model: string, serverTemplate?: string): FamilyId | undefined {
  const family = detectFamily(model, serverTemplate);
  return family && canInfill(family, model) ? family : undefined;
}
