/**
 * `node dist/cli.js context --root DIR --file REL_PATH --offset N [--budget TOKENS]`: prints, as JSON,
 * the snippets the completion prompt at that cursor would carry beyond the prefix and suffix:
 * `{"snippets": [{"path", "startLine", "endLine", "text", "source"}], "tokens"}`, best first, where
 * `source` names the retriever (imports, scope, module, similar, repository) and `tokens` is what they cost.
 * With --codebase the repository retriever looks definitions up in the root's codebase index.
 * As the extension sees them: ignored files (the defaults plus the root's .fathomignore) are never read
 * and an ignored --file is refused; each snippet's text is redacted as it would be sent.
 */
import { parseArgs } from 'node:util';
import { promptBudget } from '../context/promptBudget';
import { objectSource, parseConfig } from '../config/settings';
import { gatherContext } from '../context/gather';
import { cutPrefixSuffix } from '../context/prefixSuffix';
import { Redactor } from '../privacy/redactor';
import { shippedGrammar } from '../syntax/locateGrammar';
import { Parsers } from '../syntax/parsers';
import type { DocumentSnapshot } from '../workspace/document';
import { openAtCursor, processOutput, type CliOutput } from './cursorArgs';
import { CODEBASE_USAGE, openCodebase } from './openCodebase';
import { RepositoryRetriever } from '../context/repository';

export const CONTEXT_USAGE = `Options (context):
  --root DIR             workspace root
  --file REL_PATH        the file being edited, relative to the root
  --offset N             cursor, as a UTF-16 offset into the file
  --budget TOKENS        tokens the snippets may take (default: the snippets' share of the default
                         context length)
${CODEBASE_USAGE}`;

/** Runs the command; resolves with the exit code (0, or 2 for bad arguments or an ignored file). */
export async function contextCommand(args: string[], out: CliOutput = processOutput, locateGrammar: (wasmFile: string) => string = shippedGrammar(__dirname)): Promise<number> {
  const fail = (message: string) => {
    out.stderr(`fathom context: ${message}\n\n${CONTEXT_USAGE}\n`);
    return 2;
  };
  let values: { root?: string; file?: string; offset?: string; budget?: string; codebase?: boolean; cache?: string };
  try {
    ({ values } = parseArgs({ args, options: { root: { type: 'string' }, file: { type: 'string' }, offset: { type: 'string' }, budget: { type: 'string' }, codebase: { type: 'boolean' }, cache: { type: 'string' } } }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const config = parseConfig(objectSource({}));
  const plan = promptBudget(config.contextLength, config.completion.maxTokens);
  const budget = values.budget === undefined ? plan.snippets : Number(values.budget);
  if (!Number.isInteger(budget) || budget < 0) return fail('--budget must be a whole number of tokens.');
  const opened = await openAtCursor(values);
  if ('error' in opened) return fail(opened.error);
  if (values.cache !== undefined && !values.codebase) return fail('--cache goes with --codebase.');
  const { snapshot, files } = opened;
  const { text, offset, languageId } = snapshot;

  const parsers = new Parsers(locateGrammar);
  try {
    const tree = await parsers.parseText(languageId, text);
    try {
      // The prompt carries the prefix and suffix the default plan cuts; snippets are what it adds.
      const window = cutPrefixSuffix(text, offset, plan, tree);
      const repository = values.codebase ? await warmRepository(opened.root, snapshot, parsers, values.cache) : undefined;
      const context = await gatherContext(snapshot, files, parsers, { budgetTokens: budget, window, tree, repository });
      repository?.dispose();
      const redactor = new Redactor();
      const snippets = context.snippets.map(({ path, startLine, endLine, text, source }) => ({ path, startLine, endLine, text: redactor.redact(text).text, source }));
      out.stdout(JSON.stringify({ snippets, tokens: context.tokens }) + '\n');
    } finally {
      tree?.delete();
    }
    return 0;
  } finally {
    parsers.dispose();
  }
}

/** The repository retriever over the root's index, its cache filled for this cursor (what the editor holds once typing on). */
export async function warmRepository(root: string, snapshot: DocumentSnapshot, parsers: Parsers, cacheDir?: string): Promise<RepositoryRetriever> {
  const codebase = await openCodebase(root, parsers, cacheDir);
  const repository = new RepositoryRetriever(() => codebase);
  await repository.warm(snapshot);
  return repository;
}
