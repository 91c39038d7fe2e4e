/**
 * Fathom's command line: the same core the extension runs, without VS Code.
 *   node dist/cli.js doctor [options]     probe the configured backends
 *   node dist/cli.js prompt [options]     print the request body a completion at a cursor would send
 *   node dist/cli.js replay --cases FILE  run the completion pipeline on recorded cases (scripted model)
 *   node dist/cli.js context [options]    print the context snippets a completion at a cursor would carry
 *   node dist/cli.js next-edit --cases FILE  run the next-edit pipeline on cases (scripted model)
 *   node dist/cli.js search [options]     search the codebase index of a root (built or refreshed first)
 */
import { parseArgs } from 'node:util';
import { BackendPool } from '../roles/pool';
import { envApiKey } from './envApiKey';
import { objectSource, parseConfig, type FathomConfig } from '../config/settings';
import { formatReport } from '../doctor/formatReport';
import { runDoctor } from '../doctor/probe';
import { readMachine } from '../roles/machine';
import { settingsFrom } from './settingsArgs';
import { silentLogger, type Logger } from '../logging/logger';
import { replay, REPLAY_USAGE } from './replay';
import { PROMPT_USAGE, promptCommand } from './prompt';
import { CONTEXT_USAGE, contextCommand } from './context';
import { NEXT_EDIT_USAGE, nextEditCommand } from './nextEdit';
import { SEARCH_USAGE, searchCommand } from './search';

const USAGE = `Usage: node dist/cli.js <command> [options]

Commands:
  doctor     Probe the configured backends: reachability, version, models, FIM support,
             context length and latency, which models fit this machine (memory, and
             GPU memory from nvidia-smi) and which to use. Exits 1 when something is wrong.
${REPLAY_USAGE}
${NEXT_EDIT_USAGE}
  prompt     Print the exact request body a completion at --file/--offset would send.
  context    Print, as JSON, the context snippets a completion at --file/--offset would carry.
  search     Search the codebase of --root: one JSON line of ranked chunks per query.

Options (doctor):
  --settings FILE        read fathom.* settings from a JSON file (e.g. .vscode/settings.json)
  --provider ollama|openai   backend for both roles
  --ollama-url URL       Ollama base URL (default http://127.0.0.1:11434)
  --openai-url URL       OpenAI-compatible base URL (default https://api.openai.com/v1)
  --completion-url URL   the completion role's own server (as "fathom.completion.baseUrl")
  --chat-url URL         the chat role's own server (as "fathom.chat.baseUrl")
  --completion-model M   model for completions
  --chat-model M         model for chat
  --timeout MS           request timeout
  --local-only           refuse every server not on this machine (as "fathom.localOnly")
  --json                 print the report as JSON
  --verbose              log each request to stderr
Environment: FATHOM_API_KEY (or OPENAI_API_KEY for the openai provider) supplies the API key.
Each distinct server is checked once; the report lists which roles use it.

${PROMPT_USAGE}

${CONTEXT_USAGE}

${SEARCH_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === 'doctor') return doctor(rest);
  if (command === 'replay') return replay(rest);
  if (command === 'prompt') return promptCommand(rest);
  if (command === 'context') return contextCommand(rest);
  if (command === 'next-edit') return nextEditCommand(rest);
  if (command === 'search') return searchCommand(rest);
  process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
  return 2;
}

async function doctor(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      settings: { type: 'string' },
      provider: { type: 'string' },
      'ollama-url': { type: 'string' },
      'openai-url': { type: 'string' },
      'completion-url': { type: 'string' },
      'chat-url': { type: 'string' },
      'completion-model': { type: 'string' },
      'chat-model': { type: 'string' },
      timeout: { type: 'string' },
      'local-only': { type: 'boolean' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const raw = settingsFrom(values.settings, {
    'completion.provider': values.provider,
    'chat.provider': values.provider,
    'ollama.baseUrl': values['ollama-url'],
    'openai.baseUrl': values['openai-url'],
    'completion.baseUrl': values['completion-url'],
    'chat.baseUrl': values['chat-url'],
    'completion.model': values['completion-model'],
    'chat.model': values['chat-model'],
    requestTimeoutMs: values.timeout !== undefined ? Number(values.timeout) : undefined,
    localOnly: values['local-only'],
  });
  const config: FathomConfig = parseConfig(objectSource(raw));
  const logger: Logger = values.verbose ? stderrLogger : silentLogger;
  const pool = new BackendPool(() => config, async (provider) => envApiKey(provider), logger);
  const nextEdit = async () => (await pool.nextEditBackend()) ?? { settings: config.nextEdit };
  const report = await runDoctor((role) => pool.backendFor(role), { timeoutMs: config.requestTimeoutMs, machine: () => readMachine() }, nextEdit, () => pool.embeddingsBackend());
  process.stdout.write((values.json ? JSON.stringify(report, null, 2) : formatReport(report)) + '\n');
  return report.ok ? 0 : 1;
}

const stderrLogger: Logger = {
  trace: (m) => process.stderr.write(`[trace] ${m}\n`),
  debug: (m) => process.stderr.write(`[debug] ${m}\n`),
  info: (m) => process.stderr.write(`[info] ${m}\n`),
  warn: (m) => process.stderr.write(`[warn] ${m}\n`),
  error: (m) => process.stderr.write(`[error] ${m}\n`),
};

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`fathom: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
