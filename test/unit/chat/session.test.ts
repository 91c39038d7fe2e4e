/**
 * The chat session against the fake LLM server, through the real backends and SDKs: what is sent, what the
 * user sees while it streams, stopping, regenerating, editing, failures, the budget, and saved conversations.
 */
import { withAnswerCap } from '../../../src/backends/answerCap';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend, ChatMessage, ProviderKind } from '../../../src/backends/types';
import type { Attachment, Conversation } from '../../../src/chat/conversation';
import { ChatSession, type ChatListener, type ChatSessionDeps, type ChatState } from '../../../src/chat/session';
import { ConversationStore } from '../../../src/chat/store';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../../fake-server';
import { backendFor, closedPortUrl, ENDPOINTS } from '../backends/helpers';

const MODEL = 'llama3.2:3b';
const SYSTEM = 'You are Fathom, a careful coding assistant in VS Code.';
const ANSWER = 'A closure is a function that keeps the variables of the scope it was created in.\n\n```ts\nconst add = (a: number) => (b: number) => a + b;\n```\n';

class Recorder implements ChatListener {
  states: ChatState[] = [];
  pieces: string[] = [];
  changed(state: ChatState): void {
    this.states.push(state);
  }
  appended(text: string): void {
    this.pieces.push(text);
  }
}

/** The chat messages a request to the fake carried (both protocols put them in `messages`). */
const messagesOf = (request: RecordedRequest): ChatMessage[] => (request.body as { messages: ChatMessage[] }).messages;
const lastTurn = (session: ChatSession) => session.state().conversation.turns.at(-1)!;

/** Waits (polling, at most 5 s) until `condition` holds: for things the fake server's waitFor does not see. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

for (const provider of ['ollama', 'openai'] as ProviderKind[]) {
  describe(`chat: the session (${provider})`, () => {
    let server: FakeServer;
    let dir: string;
    let store: ConversationStore;
    let backend: Backend;
    let model: string;
    let contextLength: number;
    const chatRequests = () => server.requests.filter((r) => r.endpoint === ENDPOINTS[provider].chat);

    before(async () => {
      server = await startFakeServer();
    });
    after(async () => {
      await server.close();
    });
    beforeEach(async () => {
      server.reset();
      dir = await mkdtemp(join(tmpdir(), 'fathom-chat-session-'));
      store = new ConversationStore(dir);
      backend = backendFor(provider, server);
      model = MODEL;
      contextLength = 32768;
    });
    afterEach(async () => {
      await store.flushed();
      await rm(dir, { recursive: true, force: true });
    });

    let ids = 0;
    function newSession(extra: Partial<ChatSessionDeps> = {}): { session: ChatSession; recorder: Recorder } {
      const deps: ChatSessionDeps = {
        store,
        storageLabel: dir,
        model: async () => ({
          model,
          contextLength,
          maxTokens: 256,
          stream: (messages, signal) => backend.streamChat({ messages, model, signal, maxTokens: 256 }),
        }),
        system: async () => SYSTEM,
        newId: () => `id-${++ids}`,
        ...extra,
      };
      const session = new ChatSession(deps);
      const recorder = new Recorder();
      session.listen(recorder);
      return { session, recorder };
    }

    /** Starts a send and resolves once the first piece of the answer has arrived, with the send still running. */
    async function sendUntilStreaming(session: ChatSession, recorder: Recorder, text: string): Promise<{ sending: Promise<void> }> {
      const sending = session.send(text);
      await until(() => recorder.pieces.length > 0, 'the first piece of the answer');
      return { sending };
    }

    it('streams the answer: the pieces join to the whole text, and the state says streaming, then not', async () => {
      server.replyOnce({ text: ANSWER });
      const { session, recorder } = newSession();
      await session.send('  What is a closure?  ');
      assert.ok(recorder.pieces.length > 1, 'the answer arrives in several pieces');
      assert.equal(recorder.pieces.join(''), ANSWER);
      const turns = session.state().conversation.turns;
      assert.deepEqual(
        turns.map((t) => [t.role, t.text]),
        [
          ['user', 'What is a closure?'],
          ['assistant', ANSWER],
        ],
      );
      assert.equal(turns[1].model, MODEL);
      assert.equal(turns[1].error, undefined);
      assert.equal(turns[1].stopped, undefined);
      assert.equal(session.state().conversation.title, 'What is a closure?');
      const streaming = recorder.states.map((s) => s.streaming);
      assert.equal(streaming.indexOf(true) >= 0, true, 'a state with streaming: true');
      assert.ok(streaming.indexOf(true) < streaming.lastIndexOf(false), 'streaming first, then not');
      assert.equal(streaming.at(-1), false);
      assert.equal(session.state().streaming, false);
      const whileStreaming = recorder.states.find((s) => s.streaming)!;
      assert.equal(whileStreaming.conversation.turns.at(-1)?.role, 'assistant', 'the empty answer is shown while it streams');
    });

    it('sends the system prompt, the history and the attached code', async () => {
      server.enqueue({ text: 'First answer.' }, { text: 'Second answer.' });
      const { session } = newSession();
      await session.send('What does this file do?');
      const attachment: Attachment = {
        id: 'att-1',
        kind: 'selection',
        label: 'stats.py:1-2',
        path: 'src/stats.py',
        languageId: 'python',
        text: 'def mean(xs):\n    return sum(xs) / len(xs)',
        startLine: 1,
        endLine: 2,
      };
      session.attach(attachment);
      assert.deepEqual(session.state().pending, [attachment]);
      await session.send('Why does this fail on []?');
      assert.deepEqual(session.state().pending, [], 'the attachment went with the question');
      const requests = chatRequests();
      assert.equal(requests.length, 2);
      assert.deepEqual(messagesOf(requests[1]), [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: 'What does this file do?' },
        { role: 'assistant', content: 'First answer.' },
        { role: 'user', content: '`src/stats.py` (lines 1-2):\n```python\ndef mean(xs):\n    return sum(xs) / len(xs)\n```\n\nWhy does this fail on []?' },
      ]);
      assert.equal((requests[1].body as { model: string }).model, MODEL);
      assert.deepEqual(session.state().conversation.turns[2].attachments, [attachment]);
    });

    it('attaching the same code twice sends it once; detach removes it', async () => {
      const { session } = newSession();
      const a: Attachment = { id: 'a', kind: 'file', label: 'app.ts', path: 'app.ts', languageId: 'typescript', text: 'old' };
      session.attach(a);
      session.attach({ ...a, id: 'b', text: 'new' });
      assert.deepEqual(
        session.state().pending.map((p) => [p.id, p.text]),
        [['b', 'new']],
      );
      session.detach('b');
      assert.deepEqual(session.state().pending, []);
    });

    it('saves the conversation: a new store and session (a window reload) reopen it', async () => {
      server.replyOnce({ text: ANSWER });
      const { session } = newSession();
      await session.send('What is a closure?');
      const saved = session.state().conversation;
      assert.deepEqual(await new ConversationStore(dir).get(saved.id), saved);
      assert.deepEqual(await readdir(dir), [`chat-${saved.id}.json`]);

      store = new ConversationStore(dir);
      const reopened = newSession();
      await reopened.session.init();
      assert.deepEqual(reopened.session.state().conversation, saved);
      assert.deepEqual(
        reopened.session.state().history.map((h) => h.id),
        [saved.id],
      );
    });

    it('stop mid-stream keeps what arrived, marks it stopped, and closes the request', async () => {
      server.replyOnce({ text: ANSWER.repeat(20), tokenMs: 15 });
      const { session, recorder } = newSession();
      const { sending } = await sendUntilStreaming(session, recorder, 'Explain closures at length');
      assert.equal(session.state().streaming, true);
      await session.stop();
      await sending;
      const answer = lastTurn(session);
      assert.equal(answer.stopped, true);
      assert.equal(answer.error, undefined, 'stopping is not a failure');
      assert.ok(answer.text.length > 0, 'the partial text is kept');
      assert.ok(answer.text.length < ANSWER.length * 20, 'only part of the answer arrived');
      assert.equal(answer.text, recorder.pieces.join(''));
      assert.equal(session.state().streaming, false);
      await server.waitFor((requests) => requests.find((r) => r.endpoint === ENDPOINTS[provider].chat && r.closedByClient), 5000, 'the request closed by the client');
      assert.equal(chatRequests()[0].completed, false);
      assert.equal((await new ConversationStore(dir).get(session.state().conversation.id))?.turns.at(-1)?.stopped, true, 'saved as stopped');
    });

    it('regenerate replaces the last answer with one new request for the same question', async () => {
      server.enqueue({ text: 'Answer one.' }, { text: 'Answer two.' }, { text: 'Answer three.' });
      const { session } = newSession();
      await session.send('First question');
      await session.send('Second question');
      const before = session.state().conversation.turns;
      await session.regenerate();
      const requests = chatRequests();
      assert.equal(requests.length, 3, 'one new request');
      assert.deepEqual(messagesOf(requests[2]), messagesOf(requests[1]), 'the same question, with the same history');
      const turns = session.state().conversation.turns;
      assert.deepEqual(
        turns.map((t) => t.text),
        ['First question', 'Answer one.', 'Second question', 'Answer three.'],
      );
      assert.deepEqual(turns.slice(0, 3), before.slice(0, 3));
      assert.notEqual(turns[3].id, before[3].id, 'a new answer');
    });

    it('regenerate does nothing when there is no answer yet', async () => {
      const { session } = newSession();
      await session.regenerate();
      assert.equal(chatRequests().length, 0);
      assert.deepEqual(session.state().conversation.turns, []);
    });

    it('editing an earlier question (send with replacing) drops the turns after it', async () => {
      server.enqueue({ text: 'A1' }, { text: 'A2' }, { text: 'A1 again' });
      const { session } = newSession();
      await session.send('Q1');
      await session.send('Q2');
      const q1 = session.state().conversation.turns[0];
      await session.send('Q1, edited', q1.id);
      const turns = session.state().conversation.turns;
      assert.deepEqual(
        turns.map((t) => t.text),
        ['Q1, edited', 'A1 again'],
      );
      assert.equal(session.state().conversation.title, 'Q1, edited');
      assert.deepEqual(messagesOf(chatRequests()[2]), [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: 'Q1, edited' },
      ]);
      const saved = await new ConversationStore(dir).get(session.state().conversation.id);
      assert.deepEqual(
        saved?.turns.map((t) => t.text),
        ['Q1, edited', 'A1 again'],
      );
    });

    it('a missing model becomes the answer’s error, with the backend’s message, and the next send works', async () => {
      model = 'ghost-model:7b';
      const { session } = newSession();
      await session.send('Hello?');
      const failed = lastTurn(session);
      assert.equal(failed.role, 'assistant');
      assert.match(failed.error ?? '', /does not (have|serve) the model "ghost-model:7b"/);
      assert.equal(failed.stopped, undefined);
      assert.equal(session.state().streaming, false);

      model = MODEL;
      server.replyOnce({ text: 'Hello!' });
      await session.send('Hello again?');
      assert.equal(lastTurn(session).text, 'Hello!');
      assert.equal(lastTurn(session).error, undefined);
      // The failed answer is not sent back to the model.
      assert.deepEqual(messagesOf(chatRequests().at(-1)!), [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: 'Hello?' },
        { role: 'user', content: 'Hello again?' },
      ]);
    });

    it('a server that is not running becomes the answer’s error, and the next send works', async () => {
      const dead = await closedPortUrl();
      backend = backendFor(provider, dead);
      const { session } = newSession();
      await session.send('Anyone there?');
      const failed = lastTurn(session);
      assert.ok(failed.error, 'an error is shown');
      assert.match(failed.error, /is not reachable at/);
      assert.ok(failed.error.includes(dead), `names ${dead}: ${failed.error}`);
      assert.equal(session.state().streaming, false);

      backend = backendFor(provider, server);
      server.replyOnce({ text: 'Back.' });
      await session.send('Now?');
      assert.equal(lastTurn(session).text, 'Back.');
    });

    it('regenerate after a failed answer asks again and replaces the error', async () => {
      server.enqueue({ status: 500, message: 'overloaded, try again' }, { text: 'It worked this time.' });
      const { session } = newSession();
      await session.send('Try this');
      assert.match(lastTurn(session).error ?? '', /overloaded/);
      await session.regenerate();
      const turns = session.state().conversation.turns;
      assert.deepEqual(
        turns.map((t) => [t.role, t.text, t.error]),
        [
          ['user', 'Try this', undefined],
          ['assistant', 'It worked this time.', undefined],
        ],
      );
    });

    it('continueFrom starts a saved conversation from an answer given elsewhere, and the next question carries it', async () => {
      const attachment: Attachment = { id: 'sel', kind: 'selection', label: 'a.ts:1-1', path: 'a.ts', languageId: 'typescript', text: 'let x = 1;', startLine: 1, endLine: 1 };
      const { session } = newSession();
      session.attach({ ...attachment, id: 'stale', label: 'b.ts' });
      await session.continueFrom('Explain a.ts:1-1', [attachment], 'It declares x.', 'qwen2.5-coder:7b');
      const c = session.state().conversation;
      assert.equal(c.title, 'Explain a.ts:1-1');
      assert.deepEqual(
        c.turns.map((t) => [t.role, t.text, t.model]),
        [
          ['user', 'Explain a.ts:1-1', undefined],
          ['assistant', 'It declares x.', 'qwen2.5-coder:7b'],
        ],
      );
      assert.deepEqual(c.turns[0].attachments, [attachment]);
      assert.deepEqual(session.state().pending, [], 'context attached before is dropped');
      assert.deepEqual(await new ConversationStore(dir).get(c.id), c);
      assert.deepEqual(
        session.state().history.map((h) => h.id),
        [c.id],
      );
      server.replyOnce({ text: 'Use const.' });
      await session.send('Should it be const?');
      assert.deepEqual(messagesOf(chatRequests()[0]), [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: '`a.ts` (lines 1-1):\n```typescript\nlet x = 1;\n```\n\nExplain a.ts:1-1' },
        { role: 'assistant', content: 'It declares x.' },
        { role: 'user', content: 'Should it be const?' },
      ]);
    });

    it('an HTTP error from the server becomes the answer’s error', async () => {
      server.replyOnce({ status: 500, message: 'the GPU caught fire' });
      const { session } = newSession();
      await session.send('Hi');
      assert.match(lastTurn(session).error ?? '', /GPU caught fire|500/);
    });

    it('a model that never stops is stopped by the size cap: what came stays, the message says why', async () => {
      server.replyOnce({ text: 'and again ', endless: true, tokenMs: 1 });
      const { session, recorder } = newSession({
        model: async () => ({ model, contextLength, maxTokens: 256, stream: (messages, signal) => withAnswerCap(backend, () => 1000).streamChat({ messages, model, signal, maxTokens: 256 }) }),
      });
      await session.send('Count forever');
      const answer = lastTurn(session);
      assert.ok(answer.text.length > 900 && answer.text.length <= 1000, `${answer.text.length} characters kept`);
      assert.equal(recorder.pieces.join(''), answer.text);
      assert.match(answer.error ?? '', /kept answering past 1000 characters/);
      await server.waitFor((requests) => requests.find((r) => r.endpoint === ENDPOINTS[provider].chat && r.closedByClient), 5000, 'the endless request closed');
    });

    it('says when the oldest turns were left out for the context, and does not send them', async () => {
      const long = (n: number) => `${n}: ${Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ')}`;
      server.enqueue({ text: long(1) }, { text: long(2) }, { text: long(3) }, { text: 'short' });
      const { session, recorder } = newSession();
      await session.send('Question one');
      await session.send('Question two');
      await session.send('Question three');
      assert.equal(session.state().notice, undefined, 'everything fit');
      contextLength = 700;
      await session.send('Question four');
      const sent = messagesOf(chatRequests()[3]);
      assert.equal(sent[0].role, 'system');
      assert.deepEqual(sent.at(-1), { role: 'user', content: 'Question four' });
      assert.ok(!sent.some((m) => m.content === 'Question one'), 'the oldest question is left out');
      assert.ok(sent.length < 8, 'some turns were left out');
      const left = 8 - sent.length; // 6 earlier turns; sent = system, the kept ones, the question
      const notice = session.state().notice;
      assert.equal(notice, `The ${left} oldest messages were left out to fit the model's 700-token context.`);
      assert.ok(recorder.states.some((s) => s.streaming && s.notice === notice), 'shown while the answer streams');
      // The conversation itself keeps every turn.
      assert.equal(session.state().conversation.turns.length, 8);
    });

    it('a system prompt with a note (a workspace prompt file) is sent, and the note is shown with the answer', async () => {
      server.replyOnce({ text: 'Arr.' });
      const note = 'Using the workspace prompt file .fathom/prompts/chat.md as the chat\'s system prompt.';
      const { session, recorder } = newSession({ system: async () => ({ text: 'Talk like a pirate.', note }) });
      await session.send('Hi');
      assert.deepEqual(messagesOf(chatRequests()[0])[0], { role: 'system', content: 'Talk like a pirate.' });
      assert.equal(session.state().notice, note);
      assert.ok(recorder.states.some((s) => s.streaming && s.notice === note), 'shown while the answer streams');
    });

    it('init reopens the latest saved conversation and lists the others newest first', async () => {
      const saved = (id: string, title: string, at: number): Conversation => ({
        id,
        title,
        createdAt: at,
        updatedAt: at,
        turns: [
          { id: `${id}-q`, role: 'user', text: title, at },
          { id: `${id}-a`, role: 'assistant', text: `About ${title}`, at },
        ],
      });
      const earlier = new ConversationStore(dir);
      await earlier.save(saved('old', 'Older chat', 1000));
      await earlier.save(saved('latest', 'Latest chat', 3000));
      await earlier.save(saved('mid', 'Middle chat', 2000));
      const { session, recorder } = newSession();
      await session.init();
      assert.deepEqual(session.state().conversation, saved('latest', 'Latest chat', 3000));
      assert.deepEqual(
        session.state().history.map((h) => h.id),
        ['latest', 'mid', 'old'],
      );
      assert.equal(session.state().notice, undefined);
      assert.equal(recorder.states.length, 1, 'one change for the loaded state');
      await session.init(); // once only
      assert.equal(recorder.states.length, 1);
    });

    it('init reports corrupt files in the notice, keeps them, and opens the good ones', async () => {
      await new ConversationStore(dir).save({
        id: 'good',
        title: 'Good',
        createdAt: 1,
        updatedAt: 1,
        turns: [{ id: 'q', role: 'user', text: 'Good', at: 1 }],
      });
      await writeFile(join(dir, 'chat-bad.json'), '{"id": "bad", "tit', 'utf8');
      const { session } = newSession();
      await session.init();
      const notice = session.state().notice ?? '';
      assert.match(notice, /chat-bad\.json/);
      assert.ok(notice.includes(dir), 'says where the file is');
      assert.equal(session.state().conversation.id, 'good');
      server.replyOnce({ text: 'fine' });
      await session.send('more');
      assert.equal(await readFile(join(dir, 'chat-bad.json'), 'utf8'), '{"id": "bad", "tit');
      session.dismissNotice();
      assert.equal(session.state().notice, undefined);
    });

    it('newChat, open, rename and delete', async () => {
      server.enqueue({ text: 'A' }, { text: 'B' });
      const { session } = newSession();
      await session.send('First chat');
      const first = session.state().conversation;
      await session.newChat();
      assert.notEqual(session.state().conversation.id, first.id);
      assert.deepEqual(session.state().conversation.turns, []);
      assert.equal(session.state().conversation.title, 'New chat');
      await session.send('Second chat');
      const second = session.state().conversation;
      assert.deepEqual(
        session.state().history.map((h) => h.title),
        ['Second chat', 'First chat'],
      );

      await session.open(first.id);
      assert.deepEqual(session.state().conversation, first);
      await session.open('no-such-chat');
      assert.equal(session.state().conversation.id, first.id, 'an unknown id changes nothing');

      await session.rename(second.id, '  Renamed \n second  ');
      assert.equal(session.state().history.find((h) => h.id === second.id)?.title, 'Renamed second');
      assert.equal((await new ConversationStore(dir).get(second.id))?.title, 'Renamed second');
      await session.rename(first.id, '   ');
      assert.equal(session.state().conversation.title, 'First chat', 'a blank title is refused');
      await session.rename(first.id, 'Current, renamed');
      assert.equal(session.state().conversation.title, 'Current, renamed');

      await session.delete(second.id);
      assert.deepEqual(
        session.state().history.map((h) => h.id),
        [first.id],
      );
      assert.equal(session.state().conversation.id, first.id, 'deleting another conversation keeps this one open');
      await session.delete(first.id);
      assert.deepEqual(session.state().history, []);
      assert.deepEqual(session.state().conversation.turns, [], 'deleting the open conversation starts a new one');
      assert.deepEqual(await readdir(dir), []);
    });

    it('ignores a send while an answer is streaming', async () => {
      server.replyOnce({ text: ANSWER.repeat(10), tokenMs: 10 });
      const { session, recorder } = newSession();
      const { sending } = await sendUntilStreaming(session, recorder, 'First');
      await session.send('Second, too early');
      await session.regenerate();
      assert.equal(chatRequests().length, 1);
      assert.deepEqual(
        session.state().conversation.turns.map((t) => t.role),
        ['user', 'assistant'],
      );
      await session.stop();
      await sending;
      assert.ok(!session.state().conversation.turns.some((t) => t.text === 'Second, too early'));
    });

    it('ignores an empty question without attachments', async () => {
      const { session } = newSession();
      await session.send('   \n ');
      assert.equal(chatRequests().length, 0);
      assert.deepEqual(session.state().conversation.turns, []);
    });

    it('newChat while streaming stops the answer and keeps it saved', async () => {
      server.replyOnce({ text: ANSWER.repeat(10), tokenMs: 10 });
      const { session, recorder } = newSession();
      const { sending } = await sendUntilStreaming(session, recorder, 'Long one');
      const id = session.state().conversation.id;
      await session.newChat();
      await sending;
      assert.deepEqual(session.state().conversation.turns, []);
      assert.equal(session.state().streaming, false);
      const saved = await new ConversationStore(dir).get(id);
      assert.equal(saved?.turns.at(-1)?.stopped, true);
    });
  });
}
