/**
 * The offline demo server: `npx tsx test/fake-server/cli.ts [--port N] [--api-key K]` (or `npm run demo:server`).
 * Serves the fake Ollama and OpenAI APIs with the demo's answers until Ctrl+C. Scripts can call
 * startDemoServer() instead of spawning it.
 */
import { demoReply } from './demo-reply';
import { startFakeServer } from './server';
import type { FakeServer, FakeServerOptions } from './types';

export interface DemoServerOptions {
  port?: number;
  apiKey?: string;
}

export function startDemoServer(options: DemoServerOptions = {}): Promise<FakeServer> {
  const serverOptions: FakeServerOptions = { port: options.port ?? 0, apiKey: options.apiKey, defaultReply: demoReply };
  return startFakeServer(serverOptions);
}

export function parseDemoArgs(argv: readonly string[]): DemoServerOptions {
  const options: DemoServerOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535`);
      options.port = port;
    } else if (flag === '--api-key') {
      options.apiKey = value();
    } else {
      throw new Error(`Unknown option ${arg}. Usage: demo-server [--port N] [--api-key K]`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: DemoServerOptions;
  try {
    options = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const server = await startDemoServer(options);
  console.log(`Fathom offline demo server listening on ${server.url}`);
  console.log('No language model is involved: chat answers are marked "[Fathom offline demo]".');
  console.log(`  Ollama API:             ${server.url}      (setting "fathom.ollama.baseUrl")`);
  console.log(`  OpenAI-compatible API:  ${server.url}/v1   (setting "fathom.openai.baseUrl")`);
  if (options.apiKey) console.log('  Requests must send the API key given with --api-key.');
  console.log(`  Models: ${server.models.map((m) => m.name).join(', ')}`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Runs only when started as a program, not when a script imports startDemoServer().
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
