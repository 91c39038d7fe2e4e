/**
 * `node dist/cli.js prompt --root DIR --file REL_PATH --offset N --model NAME`: prints the exact request body
 * the completion at that cursor would send — the Ollama /api/generate (or /api/chat) JSON, or the
 * OpenAI-compatible /v1/completions (or /v1/chat/completions) JSON — built by the same functions the
 * extension and the backends use: the same ignore rules (the defaults plus the root's .fathomignore; an
 * ignored --file is refused), the same single-line / block token limit, and the same redaction
 * (redactRequest). Only the placeholders' tags differ from what the editor sent, since each process has its
 * own random key. Nothing is sent: the server is not asked, so what it would say about the model (FIM
 * support) comes from flags, or is inferred the way the extension would see it.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { isProviderKind, PROVIDER_IDS, providerEntry } from '../backends/providers';
import { completionAbilities, serverKindFromUrl, type OpenAIServerKind } from '../backends/openaiServers';
import type { ModelInfo, ProviderKind } from '../backends/types';
import { answerTokens, isMultilineAt } from '../completion/engine/engine';
import { assemblePrompt } from '../completion/prompt/assemble';
import type { BuiltCompletionRequest } from '../completion/prompt/build';
import { infillFamily } from '../completion/prompt/families';
import { parseUserTemplate, type UserTemplate } from '../completion/prompt/userTemplate';
import { baseUrlFor, objectSource, parseConfig, type FathomConfig } from '../config/settings';
import { redactRequest } from '../privacy/redactRequest';
import { Redactor } from '../privacy/redactor';
import { splitsSecret } from '../privacy/secretSafeCut';
import { shippedGrammar } from '../syntax/locateGrammar';
import { Parsers } from '../syntax/parsers';
import { openAtCursor, processOutput, type CliOutput } from './cursorArgs';
import { settingsFrom } from './settingsArgs';
import { warmRepository } from './context';
import { CODEBASE_USAGE } from './openCodebase';

const SERVER_KINDS: readonly OpenAIServerKind[] = ['anthropic', 'gemini', 'llamacpp', 'vllm', 'lmstudio', 'other'];

export const PROMPT_USAGE = `Options (prompt):
  --root DIR             workspace root
  --file REL_PATH        the file being edited, relative to the root
  --offset N             cursor, as a UTF-16 offset into the file
  --model NAME           completion model (default: the completion.model setting)
  --provider ollama|openai   which server's request body to print (default: the completion.provider setting)
  --fim yes|no           whether the server fills in the middle natively (default: Ollama yes for a model
                         family trained for it; OpenAI-compatible: the openai.fim setting, as the extension)
  --server KIND          OpenAI-compatible only: which server, as the extension learns it from /v1/models
                         (${SERVER_KINDS.join('|')}; default: known from the URL for
                         Anthropic and Gemini, else other): llamacpp sends FIM to /infill, anthropic and
                         gemini serve chat only, vllm takes no suffix
  --context-length N     context window the prompt is fitted to and Ollama num_ctx (default: setting)
  --template TEXT        completion template (default: the completion.template setting)
  --settings FILE        read fathom.* settings from a JSON file (e.g. .vscode/settings.json)
  --pretty               indent the JSON (the body is otherwise printed byte for byte as sent)
${CODEBASE_USAGE}`;

/**
 * Runs the command; resolves with the exit code (0; 1 when the extension would send nothing at that cursor;
 * 2 for bad arguments or an ignored file). `parsers` defaults to the shipped grammars.
 */
export async function promptCommand(args: string[], out: CliOutput = processOutput, deps: { parsers?: Parsers } = {}): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      root: { type: 'string' },
      file: { type: 'string' },
      offset: { type: 'string' },
      model: { type: 'string' },
      provider: { type: 'string' },
      fim: { type: 'string' },
      server: { type: 'string' },
      'context-length': { type: 'string' },
      template: { type: 'string' },
      settings: { type: 'string' },
      pretty: { type: 'boolean', default: false },
      codebase: { type: 'boolean', default: false },
      cache: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out.stdout(`Usage: node dist/cli.js prompt --root DIR --file REL_PATH --offset N [options]\n\n${PROMPT_USAGE}\n`);
    return 0;
  }
  const fail = (message: string) => {
    out.stderr(`fathom prompt: ${message}\n\n${PROMPT_USAGE}\n`);
    return 2;
  };
  if (values.provider !== undefined && !isProviderKind(values.provider)) return fail(`--provider must be ${PROVIDER_IDS.join(' or ')}.`);
  if (values.fim !== undefined && values.fim !== 'yes' && values.fim !== 'no') return fail('--fim must be yes or no.');
  if (values.server !== undefined && !(SERVER_KINDS as readonly string[]).includes(values.server)) return fail(`--server must be one of ${SERVER_KINDS.join(', ')}.`);
  if (values.cache !== undefined && !values.codebase) return fail('--cache goes with --codebase.');
  const opened = await openAtCursor(values);
  if ('error' in opened) return fail(opened.error);
  // The same workspace view as the `context` command, so both show the same snippets.
  const { root, snapshot, files } = opened;

  const raw = settingsFrom(values.settings, {
    'completion.provider': values.provider,
    'completion.model': values.model,
    contextLength: values['context-length'] !== undefined ? Number(values['context-length']) : undefined,
  });
  const config: FathomConfig = parseConfig(objectSource(raw));

  const templateSource = values.template ?? settingString(raw, 'completion.template');
  let template: UserTemplate | undefined;
  if (templateSource) {
    const parsed = parseUserTemplate(templateSource);
    if (!parsed.ok) return fail(parsed.error);
    template = parsed.template;
  }

  if (splitsSecret(snapshot.text, snapshot.offset)) {
    out.stderr('fathom prompt: the cursor is inside a secret (or between its name and its value); the extension sends no completion request there.\n');
    return 1;
  }
  const provider = config.completion.provider;
  const model = config.completion.model;
  const fim = values.fim ? values.fim === 'yes' : assumedFim(provider, model, config);
  // What an OpenAI-compatible backend (the server says nothing about FIM) would know of its server: the URL, or
  // what /v1/models would say (--server).
  const compatible = providerEntry(provider).capabilities.nativeFim === 'setting';
  const server = compatible ? ((values.server as OpenAIServerKind | undefined) ?? serverKindFromUrl(baseUrlFor(config, provider)) ?? 'other') : undefined;
  const info: ModelInfo = server ? { name: model, ...completionAbilities(server, fim) } : { name: model, supportsFim: fim };
  const parsers = deps.parsers ?? new Parsers(shippedGrammar(__dirname));
  let built: BuiltCompletionRequest;
  try {
    const tree = await parsers.parseText(snapshot.languageId, snapshot.text);
    const repository = values.codebase ? await warmRepository(root, snapshot, parsers, values.cache) : undefined;
    try {
      built = await assemblePrompt(
        snapshot,
        { files, parsers, tree, repository },
        { model, info, settings: config.completion, contextLength: config.contextLength, template, repoName: basename(root) },
      );
      // The answer's limit as the editor sets it: the setting for a block, less for a single line.
      built = withMaxTokens(built, answerTokens(config.completion.maxTokens, isMultilineAt(snapshot, tree)));
    } finally {
      tree?.delete();
      repository?.dispose();
    }
  } finally {
    if (!deps.parsers) parsers.dispose();
  }
  out.stdout(JSON.stringify(requestBody(redacted(built, new Redactor()), provider, config, server), null, values.pretty ? 2 : undefined) + '\n');
  return 0;
}

function withMaxTokens(built: BuiltCompletionRequest, maxTokens: number): BuiltCompletionRequest {
  return built.kind === 'chat' ? { ...built, request: { ...built.request, maxTokens } } : { ...built, request: { ...built.request, maxTokens } };
}

/** The request as it leaves the machine: redacted by the function the extension's redacting backend calls. */
export function redacted(built: BuiltCompletionRequest, redactor: Redactor): BuiltCompletionRequest {
  return built.kind === 'chat' ? { ...built, request: redactRequest(built.request, redactor) } : { ...built, request: redactRequest(built.request, redactor) };
}

/**
 * What the extension would learn from the server. Ollama reports FIM ("insert") for the library's FIM models,
 * which are the families with a FIM template; OpenAI-compatible servers report nothing, and the extension then
 * goes by the `openai.fim` setting (off: it sends the family's raw template instead).
 */
function assumedFim(provider: ProviderKind, model: string, config: FathomConfig): boolean {
  return providerEntry(provider).capabilities.nativeFim === 'modelFamily' ? infillFamily(model) !== undefined : config.openai.fim;
}

/** The body the backend posts for this request, from the same functions the backends call. */
export function requestBody(built: BuiltCompletionRequest, provider: ProviderKind, config: FathomConfig, server?: OpenAIServerKind): object {
  // The pool builds every backend with these two settings (Ollama sends num_ctx on every request, keep_alive).
  const settings = { keepAlive: config.ollama.keepAlive, contextLength: config.contextLength, server };
  const bodies = providerEntry(provider).bodies;
  return built.kind === 'chat' ? bodies.chat(built.request, settings) : bodies.completion(built.request, settings);
}

/** A setting the typed config does not hold (yet), read like objectSource reads: with or without `fathom.`. */
function settingString(raw: Record<string, unknown>, key: string): string | undefined {
  const value = `fathom.${key}` in raw ? raw[`fathom.${key}`] : raw[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

