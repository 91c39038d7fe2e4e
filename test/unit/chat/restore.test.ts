/**
 * Chat answers keep the placeholders the model wrote; only Apply / Insert (ChatSession.restoreCode) put a
 * secret back, and only one the answer's own request carried, into a file that already holds it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatSession } from '../../../src/chat/session';
import { ConversationStore } from '../../../src/chat/store';
import { withRedaction } from '../../../src/privacy/redactingBackend';
import { Redactor } from '../../../src/privacy/redactor';
import { startFakeServer, type FakeServer } from '../../fake-server';
import { backendFor } from '../backends/helpers';
import { CORPUS } from '../privacy/corpus';

const [TOKEN_A, TOKEN_B] = CORPUS.filter((c) => c.rule === 'github-token').map((c) => c.secret);
const FILE_A = `export const a = "${TOKEN_A}";\n`;
const FILE_B = `export const b = "${TOKEN_B}";\n`;
const placeholderIn = (raw: string) => /«secret:[^»]+»/.exec(raw)?.[0];

describe('chat: placeholders are restored only by Apply / Insert, from the answer that made them', () => {
  let server: FakeServer;
  let dir: string;
  before(async () => (server = await startFakeServer()));
  after(() => server.close());
  beforeEach(async () => {
    server.reset();
    dir = await mkdtemp(join(tmpdir(), 'fathom-chat-restore-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  function session(store: ConversationStore, redactor: Redactor): ChatSession {
    const backend = withRedaction(backendFor('ollama', server), redactor);
    return new ChatSession({
      store,
      storageLabel: dir,
      model: async () => ({ model: 'llama3.2:3b', contextLength: 32768, maxTokens: 256, stream: (messages, signal, redaction) => backend.streamChat({ messages, model: 'llama3.2:3b', signal, redaction }) }),
      system: async () => 'Help.',
    });
  }

  it('keeps placeholders in the conversation and on disk; restoreCode scopes them to the answer and the target file', async () => {
    const store = new ConversationStore(dir);
    const redactor = new Redactor();
    const chat = session(store, redactor);
    let first = '';
    // Answer 1 quotes the placeholder of its own request.
    server.reply((r) => {
      const p = placeholderIn(r.rawBody);
      if (!first && p) first = p;
      return r.endpoint === 'ollama.chat' ? { text: `Use this:\n\n\`\`\`ts\nexport const a = "${p}";\n\`\`\`\n` } : undefined;
    });
    chat.attach({ id: 'x1', kind: 'file', label: 'a.ts', path: 'src/a.ts', languageId: 'typescript', text: FILE_A });
    await chat.send('Explain a.ts');
    const [, answer1] = chat.state().conversation.turns;
    const code1 = `export const a = "${first}";\n`;
    assert.equal(chat.restoreCode(code1, FILE_A), FILE_A, 'its own secret, into the file that holds it');
    assert.equal(chat.restoreCode(code1, FILE_B), code1, 'not into a file without it');
    // In a new conversation, answer 2 echoes the EARLIER request's placeholder, a guessed one, and its own.
    await chat.newChat();
    server.reply((r) => {
      const own = [...r.rawBody.matchAll(/«secret:[^»]+»/g)].map((m) => m[0]).find((p) => p !== first);
      return r.endpoint === 'ollama.chat' ? { text: `\`\`\`ts\nold("${first}"); guess("«secret:github-token:abcdefghij»"); mine("${own}");\n\`\`\`\n` } : undefined;
    });
    chat.attach({ id: 'x2', kind: 'file', label: 'b.ts', path: 'src/b.ts', languageId: 'typescript', text: FILE_B });
    await chat.send('And b.ts?');
    await store.flushed();

    const [, answer2] = chat.state().conversation.turns;
    assert.ok(first && answer1.text.includes(first), 'the prose keeps the placeholder');
    const shown = answer1.text + answer2.text;
    assert.ok(!shown.includes(TOKEN_A) && !shown.includes(TOKEN_B), 'no secret in the answers');
    for (const file of await readdir(dir)) {
      const saved = JSON.parse(await readFile(join(dir, file), 'utf8')) as { turns: { role: string; text: string }[] };
      const answers = saved.turns.filter((t) => t.role === 'assistant').map((t) => t.text).join('\n');
      assert.ok(!answers.includes(TOKEN_A) && !answers.includes(TOKEN_B), `${file}: saved answers keep their placeholders`);
    }

    assert.equal(chat.restoreCode(code1, FILE_A), code1, 'an answer of another conversation is not the one applied');
    const code2 = answer2.text.split('\n')[1];
    const restored2 = chat.restoreCode(code2, FILE_A + FILE_B);
    assert.ok(restored2.includes(`mine("${TOKEN_B}")`), restored2);
    assert.ok(restored2.includes(`old("${first}")`), 'the earlier conversation\'s placeholder stays, although the file holds its value');
    assert.ok(restored2.includes('«secret:github-token:abcdefghij»'), 'a guessed placeholder stays');
    assert.equal(chat.restoreCode('code that is in no answer: "' + first + '"', FILE_A), 'code that is in no answer: "' + first + '"', 'code no answer holds (an untrusted webview) is never restored');

    // After a reload the ledgers are gone: placeholders stay placeholders.
    const reloaded = session(new ConversationStore(dir), redactor);
    await reloaded.init();
    assert.ok(reloaded.state().conversation.turns.some((t) => t.text.includes(code2)), 'the saved answer is open again');
    assert.equal(reloaded.restoreCode(code2, FILE_A + FILE_B), code2);
  });
});
