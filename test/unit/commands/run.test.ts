import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { prepareCommand } from '../../../src/commands/prepare';
import { parseAnswer, pickReplacement } from '../../../src/commands/answer';
import { runCommand, streamCommand } from '../../../src/commands/run';
import type { ChatMessage } from '../../../src/backends/types';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { backendFor, failureOf } from '../backends/helpers';
import { MemoryFiles, snapshotOf, testParsers } from '../context/helpers';

const ROOT = resolve(__dirname, '../../..');
const readPrompt = async (relPath: string) => (relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined);
const SETTINGS = { answerLanguage: 'en', audience: 'intermediate' as const, stepByStep: false };
const MODEL = 'qwen2.5-coder:7b';

const SOURCE = `export function parsePort(value: string): number {
  const port = parseInt(value);
  return port█;
}
`;

describe('commands: running a command against a chat backend (fake server)', function () {
  this.timeout(30000);
  const parsers = testParsers();
  let server: FakeServer;
  before(async () => {
    server = await startFakeServer();
  });
  beforeEach(() => server.reset());
  after(async () => {
    parsers.dispose();
    await server.close();
  });

  async function prepared(kind: 'debug' | 'refactor', extra: { errorText?: string; instruction?: string } = {}) {
    const snapshot = snapshotOf('src/port.ts', SOURCE);
    const diagnostics = [{ message: "Argument of type 'string | undefined' is not assignable to parameter of type 'string'.", severity: 'error' as const, startLine: 2, endLine: 2, source: 'ts', code: 2345 }];
    return prepareCommand({ kind, snapshot, diagnostics, settings: SETTINGS, ...extra }, { files: new MemoryFiles({}), parsers, readPrompt, contextLength: 8192, maxTokens: 512 });
  }

  for (const provider of ['ollama', 'openai'] as const) {
    it(`${provider}: Debug sends the target and the diagnostic, and streams the answer`, async () => {
      const answer = 'The radix is missing.\n\n```ts\nexport function parsePort(value: string): number {\n  return parseInt(value, 10);\n}\n```\n';
      server.replyOnce({ text: answer });
      const command = await prepared('debug', { errorText: 'NaN: port is not a number' });
      const seen: string[] = [];
      const text = await runCommand(command, backendFor(provider, server), { model: MODEL, temperature: 0.1, maxTokens: 512 }, (t) => seen.push(t));
      assert.equal(text, answer);
      assert.ok(seen.length > 1, 'the text arrived in pieces');
      assert.equal(seen[seen.length - 1], answer);
      const [request] = server.requests;
      assert.equal(request.endpoint, provider === 'ollama' ? 'ollama.chat' : 'openai.chat');
      const body = request.body as { model: string; messages: ChatMessage[] };
      assert.equal(body.model, MODEL);
      const sent = body.messages[body.messages.length - 1].content;
      assert.ok(sent.includes('export function parsePort(value: string): number {\n  const port = parseInt(value);'), 'the target');
      assert.ok(sent.includes("- line 2, error ts(2345): Argument of type 'string | undefined'"), 'the diagnostic');
      assert.ok(sent.includes('NaN: port is not a number'), 'the error text');
      assert.equal(pickReplacement(parseAnswer(text), command.target, 'typescript'), 'export function parsePort(value: string): number {\n  return parseInt(value, 10);\n}');
    });
  }

  it('aborting the signal closes the HTTP stream and ends with a cancelled error', async () => {
    server.replyOnce({ text: 'thinking ', endless: true, tokenMs: 5 });
    const command = await prepared('refactor', { instruction: 'simplify' });
    const controller = new AbortController();
    const pieces: string[] = [];
    const failure = failureOf(
      (async function* () {
        for await (const piece of streamCommand(command, backendFor('ollama', server), { model: MODEL, signal: controller.signal })) {
          pieces.push(piece);
          if (pieces.length === 3) controller.abort();
          yield piece;
        }
      })(),
    );
    assert.equal((await failure).kind, 'cancelled');
    await server.waitFor((rs) => rs[0]?.closedByClient, 5000, 'the server to see the chat stream closed');
    assert.ok(server.requests[0].completed === false, 'the endless answer was not read to its end');
  });

  it('a backend failure is the backend\'s typed error (a missing model says which)', async () => {
    const command = await prepared('refactor');
    const error = await failureOf(streamCommand(command, backendFor('ollama', server), { model: 'no-such-model:1b' }));
    assert.equal(error.kind, 'modelMissing');
    assert.match(error.message, /no-such-model:1b/);
  });
});
