/**
 * `@codebase` in a chat session, through the real backend to the fake server and a real LocalCodebase over
 * a folder the test writes: the request carries the chunks with their paths and lines, the answer lists them,
 * the saved conversation keeps them, Regenerate answers from the same chunks, and an index that is off
 * still gets an answer with a note.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ChatMessage } from '../../../src/backends/types';
import type { ChatCodebase, IndexReadiness } from '../../../src/chat/codebaseContext';
import { ChatSession } from '../../../src/chat/session';
import { ConversationStore } from '../../../src/chat/store';
import type { Codebase } from '../../../src/codebase/codebase';
import { CodebaseIndex } from '../../../src/codebase/codebaseIndex';
import { LocalCodebase } from '../../../src/codebase/localCodebase';
import { syncIndex } from '../../../src/codebase/syncIndex';
import { Parsers } from '../../../src/syntax/parsers';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../../fake-server';
import { backendFor } from '../backends/helpers';
import { devGrammar } from '../syntax/grammars';

const PRICE = 'export function totalPrice(prices: number[]): number {\n  return prices.reduce((a, b) => a + b, 0);\n}\n';
const messagesOf = (request: RecordedRequest): ChatMessage[] => (request.body as { messages: ChatMessage[] }).messages;

describe('chat: @codebase in the session (fake server, real LocalCodebase)', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  let server: FakeServer;
  let root: string;
  let dir: string;
  let codebase: LocalCodebase;
  let ids = 0;

  before(async () => {
    server = await startFakeServer();
    root = mkdtempSync(join(tmpdir(), 'fathom-chat-session-codebase-'));
    for (const [path, text] of Object.entries({ 'src/price.ts': PRICE, 'src/label.ts': 'export const label = (n: number) => `${n} EUR`;\n' })) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const index = CodebaseIndex.empty();
    await syncIndex(root, index, parsers);
    codebase = new LocalCodebase(root, index);
  });
  after(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    parsers.dispose();
  });
  beforeEach(() => {
    server.reset();
    dir = mkdtempSync(join(tmpdir(), 'fathom-chat-session-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const session = (store: ConversationStore, state: IndexReadiness = { kind: 'ready' }, index: Codebase | undefined = codebase) => {
    const source: ChatCodebase = { codebase: () => index, state: () => state };
    const backend = backendFor('ollama', server);
    return new ChatSession({
      store,
      storageLabel: dir,
      model: async () => ({ model: 'llama3.2:3b', contextLength: 8192, maxTokens: 256, stream: (messages, signal) => backend.streamChat({ messages, model: 'llama3.2:3b', signal, maxTokens: 256 }) }),
      system: async () => 'You are Fathom.',
      codebase: source,
      newId: () => `id-${++ids}`,
    });
  };

  it('sends the chunks with their paths and lines; the answer lists them; a reloaded chat still does', async () => {
    server.replyOnce({ text: 'In `totalPrice`, src/price.ts:2.' });
    const store = new ConversationStore(dir);
    const chat = session(store);
    await chat.send('@codebase where is the total price computed?');
    const sent = messagesOf(server.requests.find((r) => r.endpoint === 'ollama.chat')!).at(-1)!.content;
    assert.ok(sent.includes('`src/price.ts` (lines 1-3, totalPrice):'), sent);
    assert.ok(sent.includes('return prices.reduce((a, b) => a + b, 0);'), sent);
    assert.ok(sent.endsWith('@codebase where is the total price computed?'), 'the question comes last');
    const answer = chat.state().conversation.turns.at(-1)!;
    assert.equal(answer.text, 'In `totalPrice`, src/price.ts:2.');
    assert.deepEqual(answer.sources?.[0], { path: 'src/price.ts', startLine: 1, endLine: 3, symbol: 'totalPrice' });
    assert.equal(answer.codebaseNote, undefined);
    await store.flushed();

    const reloaded = new ConversationStore(dir);
    const again = (await reloaded.get(chat.state().conversation.id))!;
    assert.deepEqual(again.turns[1].sources, answer.sources);
    assert.equal(again.turns[0].codebase?.chunks[0].text, PRICE.trimEnd(), 'the question keeps the code it was sent with');
  });

  it('Regenerate answers from the same chunks, without searching again', async () => {
    const store = new ConversationStore(dir);
    const chat = session(store);
    await chat.send('@codebase where is the total price computed?');
    const first = chat.state().conversation.turns.at(-1)!.sources;
    let searched = 0;
    const counting: Codebase = { ...codebase, search: (q, n) => (searched++, codebase.search(q, n)), definitions: (n, t) => codebase.definitions(n, t), usages: (n, t, e) => codebase.usages(n, t, e), unknownNames: (n) => codebase.unknownNames(n) };
    const again = session(store, { kind: 'ready' }, counting);
    await again.open(chat.state().conversation.id);
    await again.regenerate();
    assert.equal(searched, 0);
    assert.deepEqual(again.state().conversation.turns.at(-1)!.sources, first);
    const requests = server.requests.filter((r) => r.endpoint === 'ollama.chat');
    assert.equal(messagesOf(requests[1]).at(-1)!.content, messagesOf(requests[0]).at(-1)!.content);
  });

  it('an index that is off: the question is answered, the answer carries the note, the model is told', async () => {
    server.replyOnce({ text: 'I cannot see the workspace.' });
    const chat = session(new ConversationStore(dir), { kind: 'off' }, undefined);
    await chat.send('@codebase where is the total price computed?');
    const answer = chat.state().conversation.turns.at(-1)!;
    assert.equal(answer.error, undefined);
    assert.equal(answer.text, 'I cannot see the workspace.');
    assert.deepEqual(answer.sources, []);
    assert.deepEqual(answer.codebaseNote, { kind: 'off' });
    const sent = messagesOf(server.requests.find((r) => r.endpoint === 'ollama.chat')!).at(-1)!.content;
    assert.match(sent, /index is off/);
  });

  it('a question that needs no workspace code gets none and no list', async () => {
    const chat = session(new ConversationStore(dir));
    await chat.send('What is a closure?');
    const [question, answer] = chat.state().conversation.turns;
    assert.equal(question.codebase, undefined);
    assert.equal(answer.sources, undefined);
  });
});
