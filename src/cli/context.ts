/**
 * `node dist/cli.js context --root DIR --file REL_PATH --offset N [--budget TOKENS]`: prints, as JSON,
 * the snippets the completion prompt at that cursor would carry beyond the prefix and suffix:
 * `{"snippets": [{"path", "startLine", "endLine", "text", "source"}], "tokens"}`, best first, where
 * `source` names the retriever (imports, scope, module, similar) and `tokens` is what they cost.
 */
import { readdirSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { promptBudget } from '../completion/prompt/budget';
import type { DocumentSnapshot } from '../completion/types';
import { objectSource, parseConfig } from '../config/settings';
import { gatherContext } from '../context/gather';
import { cutPrefixSuffix } from '../context/prefixSuffix';
import { languageOfPath } from '../syntax/languages';
import { shippedGrammar } from '../syntax/locateGrammar';
import { Parsers } from '../syntax/parsers';
import { NodeWorkspaceFiles } from './nodeWorkspaceFiles';

export const CONTEXT_USAGE = `Options (context):
  --root DIR             workspace root
  --file REL_PATH        the file being edited, relative to the root
  --offset N             cursor, as a UTF-16 offset into the file
  --budget TOKENS        tokens the snippets may take (default: the snippets' share of the default
                         context length)`;

/** Files of the same folder and language stand in for the editor's recently edited documents. */
const RECENT_SIBLINGS = 8;

export interface ContextOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: ContextOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the command; resolves with the exit code (0, or 2 for bad arguments). */
export async function contextCommand(args: string[], out: ContextOutput = processOutput, locateGrammar: (wasmFile: string) => string = shippedGrammar(__dirname)): Promise<number> {
  const fail = (message: string) => {
    out.stderr(`fathom context: ${message}\n\n${CONTEXT_USAGE}\n`);
    return 2;
  };
  let values: { root?: string; file?: string; offset?: string; budget?: string };
  try {
    ({ values } = parseArgs({ args, options: { root: { type: 'string' }, file: { type: 'string' }, offset: { type: 'string' }, budget: { type: 'string' } } }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (!values.root || !values.file || values.offset === undefined) return fail('--root, --file and --offset are required.');
  const root = resolve(values.root);
  const path = posix.normalize(values.file.replace(/\\/g, '/')).replace(/^\.\//, '');
  const config = parseConfig(objectSource({}));
  const plan = promptBudget(config.contextLength, config.completion.maxTokens);
  const budget = values.budget === undefined ? plan.snippets : Number(values.budget);
  if (!Number.isInteger(budget) || budget < 0) return fail('--budget must be a whole number of tokens.');

  const files = new NodeWorkspaceFiles(root, { recent: siblings(root, path) });
  const text = await files.read(path);
  if (text === undefined) return fail(`cannot read ${path} under ${root}.`);
  const offset = Number(values.offset);
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) return fail(`--offset must be an integer from 0 to ${text.length}.`);

  const parsers = new Parsers(locateGrammar);
  try {
    const languageId = languageOfPath(path) ?? 'plaintext';
    const snapshot: DocumentSnapshot = { uri: path, path, languageId, text, offset, version: 1 };
    const tree = await parsers.parseText(languageId, text);
    try {
      // The prompt carries the prefix and suffix the default plan cuts; snippets are what it adds.
      const window = cutPrefixSuffix(text, offset, plan, tree);
      const context = await gatherContext(snapshot, files, parsers, { budgetTokens: budget, window, tree });
      const snippets = context.snippets.map(({ path, startLine, endLine, text, source }) => ({ path, startLine, endLine, text, source }));
      out.stdout(JSON.stringify({ snippets, tokens: context.tokens }) + '\n');
    } finally {
      tree?.delete();
    }
    return 0;
  } finally {
    parsers.dispose();
  }
}

/** Other files of the file's folder and language, most recently modified first. */
export function siblings(root: string, path: string): string[] {
  const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
  const languageId = languageOfPath(path);
  try {
    return readdirSync(resolve(root, dir))
      .map((name) => (dir ? `${dir}/${name}` : name))
      .filter((p) => p !== path && languageOfPath(p) === languageId)
      .map((p) => ({ p, mtime: statSync(resolve(root, p)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime)
      .slice(0, RECENT_SIBLINGS)
      .map((s) => s.p);
  } catch {
    return [];
  }
}
