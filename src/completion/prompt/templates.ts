/**
 * Raw fill-in-the-middle prompts per model family, for servers that cannot insert the FIM tokens themselves
 * (no `suffix` support) — sent with `raw: true` to Ollama, as the plain prompt to `/v1/completions`.
 *
 * Every token and stop list below was checked against the model makers' own material:
 * - Qwen2.5-Coder: QwenLM/Qwen2.5-Coder examples/Qwen2.5-Coder-fim.py and -repolevel-fim.py (layout and the
 *   eos_token_ids list), tokenizer_config.json (ids 151643 <|endoftext|>, 151645 <|im_end|>, 151659–151664).
 * - CodeQwen1.5: the same repository, examples/CodeQwen1.5-base-fim.py and -repolevel-fim.py.
 * - StarCoder2: the StarCoder2 paper (arXiv 2402.19173, §5: `<repo_name>…<file_sep>path\ncode…`, FIM inside
 *   a file after its path); tokenizer special tokens <fim_prefix> <fim_suffix> <fim_middle> <fim_pad>
 *   <repo_name> <file_sep> <|endoftext|>.
 * - StarCoder / StableCode: <fim_prefix>/<fim_suffix>/<fim_middle>, end <|endoftext|>.
 * - CodeLlama: Meta's llama/generation.py infilling format "<PRE> {pre} <SUF>{suf} <MID>", end token ▁<EOT>
 *   (decoded with its leading space); Ollama's docs/template.md shows the same template.
 * - DeepSeek-Coder (V1 and V2): deepseek-ai READMEs, "Code Insertion" — full-width bars (U+FF5C) and U+2581;
 *   ends <｜end▁of▁sentence｜> (base) or <|EOT|> (instruct, ASCII bars).
 * - Codestral: mistral-common encode_fim (BOS [SUFFIX] suffix [PREFIX] prefix; the server adds BOS) and
 *   Ollama's docs/template.md "[SUFFIX]{{ .Suffix }}[PREFIX] {{ .Prompt }}" (the space stands for the
 *   SentencePiece word boundary the prefix is encoded with); ends </s>.
 * - CodeGemma: ai.google.dev/gemma/docs/codegemma/prompt-structure — <|fim_prefix|> <|fim_suffix|>
 *   <|fim_middle|>, and <|file_separator|> which the model writes when the middle is done.
 */
import type { FamilyId } from './families';

export interface FimParts {
  prefix: string;
  suffix: string;
  /** Workspace-relative path of the file being edited. */
  path: string;
  /** The repository (workspace folder) name, for families trained with one. */
  repoName: string;
  /** Code from other files, shown as earlier files of the repository (families with repository tokens only). */
  files: readonly { path: string; text: string }[];
}

export interface FimTemplate {
  /** True when context snippets go in as repository files; otherwise they are comments at the top of the prefix. */
  repoContext: boolean;
  /** What the model emits when the middle is done (or when it starts a new file or section). */
  stop: readonly string[];
  render(parts: FimParts): string;
}

/** A file's text ends with a line break before the next separator, as it did in the training data. */
const endLine = (text: string): string => (text.endsWith('\n') ? text : text + '\n');

const QWEN_STOP = ['<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>', '<|im_end|>'];
const STARCODER_STOP = ['<|endoftext|>', '<fim_prefix>', '<fim_middle>', '<fim_suffix>', '<fim_pad>', '<file_sep>', '<repo_name>'];

export const FIM_TEMPLATES: Readonly<Record<FamilyId, FimTemplate>> = {
  'qwen-coder': {
    repoContext: true,
    stop: QWEN_STOP,
    render: (p) => {
      const fim = `<|fim_prefix|>${p.prefix}<|fim_suffix|>${p.suffix}<|fim_middle|>`;
      if (p.files.length === 0) return fim;
      const files = p.files.map((f) => `<|file_sep|>${f.path}\n${endLine(f.text)}\n`).join('');
      return `<|repo_name|>${p.repoName}\n${files}<|file_sep|>${p.path}\n${fim}`;
    },
  },
  codeqwen: {
    repoContext: true,
    stop: [...STARCODER_STOP, '<|im_end|>'],
    render: (p) => {
      const fim = `<fim_prefix>${p.prefix}<fim_suffix>${p.suffix}<fim_middle>`;
      if (p.files.length === 0) return fim;
      const files = p.files.map((f) => `<file_sep>${f.path}\n${endLine(f.text)}\n`).join('');
      return `<repo_name>${p.repoName}\n${files}<file_sep>${p.path}\n${fim}`;
    },
  },
  starcoder2: {
    repoContext: true,
    stop: STARCODER_STOP,
    render: (p) => {
      if (p.files.length === 0) return `<fim_prefix>${p.prefix}<fim_suffix>${p.suffix}<fim_middle>`;
      const files = p.files.map((f) => `<file_sep>${f.path}\n${endLine(f.text)}`).join('');
      return `<repo_name>${p.repoName}${files}<file_sep><fim_prefix>${p.path}\n${p.prefix}<fim_suffix>${p.suffix}<fim_middle>`;
    },
  },
  starcoder: {
    repoContext: false,
    stop: STARCODER_STOP,
    render: (p) => `<fim_prefix>${p.prefix}<fim_suffix>${p.suffix}<fim_middle>`,
  },
  codellama: {
    repoContext: false,
    // The end token decodes as " <EOT>"; listed first so the space goes with it.
    stop: [' <EOT>', '<EOT>', '<PRE>', '<SUF>', '<MID>'],
    render: (p) => `<PRE> ${p.prefix} <SUF>${p.suffix} <MID>`,
  },
  'deepseek-coder': {
    repoContext: false,
    stop: ['<｜end▁of▁sentence｜>', '<|EOT|>', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'],
    render: (p) => `<｜fim▁begin｜>${p.prefix}<｜fim▁hole｜>${p.suffix}<｜fim▁end｜>`,
  },
  codestral: {
    repoContext: false,
    stop: ['</s>', '[PREFIX]', '[SUFFIX]', '[MIDDLE]'],
    render: (p) => `[SUFFIX]${p.suffix}[PREFIX] ${p.prefix}`,
  },
  codegemma: {
    repoContext: false,
    stop: ['<|file_separator|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<eos>', '<end_of_turn>'],
    render: (p) => `<|fim_prefix|>${p.prefix}<|fim_suffix|>${p.suffix}<|fim_middle|>`,
  },
};
