/**
 * `@codebase` in the chat sends no secret and nothing of an ignored file. Every corpus secret sits in a
 * function of its own in a workspace on disk, beside files the ignore rules cover, each with a marker; chat
 * questions name every function with `@codebase` (so each one's code is retrieved and sent), through the chat
 * session and the real backend with no redaction of its own, to the fake server. What the server received is
 * searched for every secret and marker; a control marker in an ordinary function must arrive, proof that the
 * retrieved code really was sent. The index's redaction of the chunks is the only thing between them.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ChatSession } from '../../src/chat/session';
import { ConversationStore } from '../../src/chat/store';
import { CodebaseIndex } from '../../src/codebase/codebaseIndex';
import { LocalCodebase } from '../../src/codebase/localCodebase';
import { syncIndex } from '../../src/codebase/syncIndex';
import { Parsers } from '../../src/syntax/parsers';
import { startFakeServer } from '../fake-server';
import { backendFor } from '../unit/backends/helpers';
import { CORPUS } from '../unit/privacy/corpus';
import { devGrammar } from '../unit/syntax/grammars';
import { record, SECTIONS } from './figures';

const IGNORED: Record<string, string> = {
  '.env': 'zebrachatdotenv',
  'keys/deploy.pem': 'zebrachatpem',
  'src/private/billing.ts': 'zebrachatfathomignore',
};
const CONTROL = 'zebrachatcontrol';
/** Names per question: the chat looks up at most 8 named definitions per question. */
const PER_QUESTION = 6;

describe('security: @codebase in the chat sends no secret and no ignored file', function () {
  this.timeout(120_000);
  let root: string;
  let store: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'fathom-security-chat-codebase-'));
    store = mkdtempSync(join(tmpdir(), 'fathom-security-chat-codebase-store-'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(store, { recursive: true, force: true });
  });

  it('0 corpus secrets and 0 ignored markers reach the server; the control marker does', async () => {
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('.fathomignore', 'src/private/\n');
    for (const [path, marker] of Object.entries(IGNORED)) write(path, `export function ${marker}() {\n  return "${marker}";\n}\n`);
    write('src/control.ts', `export function controlFunction() {\n  return "${CONTROL}";\n}\n`);
    CORPUS.forEach((entry, i) => {
      const lines = entry.context.split('\n').map((l) => `  // ${l}`).join('\n');
      write(`src/config${i}.ts`, `export function loadSettingsNumber${i}() {\n${lines}\n  return ${i};\n}\n`);
    });
    const parsers = new Parsers(devGrammar);
    const server = await startFakeServer();
    try {
      const index = CodebaseIndex.empty();
      await syncIndex(root, index, parsers);
      const codebase = new LocalCodebase(root, index);
      const backend = backendFor('ollama', server);
      const session = new ChatSession({
        store: new ConversationStore(store),
        storageLabel: store,
        model: async () => ({ model: 'llama3.2:3b', contextLength: 32768, maxTokens: 256, stream: (messages, signal) => backend.streamChat({ messages, model: 'llama3.2:3b', signal, maxTokens: 256 }) }),
        system: async () => 'You are Fathom.',
        codebase: { codebase: () => codebase, state: () => ({ kind: 'ready' }) },
      });
      const names = [...CORPUS.map((_, i) => `loadSettingsNumber${i}`), 'controlFunction', ...Object.values(IGNORED)];
      let given = 0;
      for (let i = 0; i < names.length; i += PER_QUESTION) {
        await session.newChat();
        await session.send(`@codebase what do ${names.slice(i, i + PER_QUESTION).map((n) => `\`${n}\``).join(', ')} return?`);
        given += session.state().conversation.turns.at(-1)?.sources?.length ?? 0;
      }
      const sent = server.requests.filter((r) => r.endpoint === 'ollama.chat').map((r) => r.rawBody).join('\n');
      const leaked = CORPUS.filter((entry) => sent.includes(entry.secret) || sent.includes(JSON.stringify(entry.secret).slice(1, -1)));
      const ignored = Object.entries(IGNORED).filter(([, marker]) => sent.includes(`"${marker}"`) || sent.includes(`\\"${marker}\\"`));
      const control = sent.includes(CONTROL);
      const configsSent = CORPUS.filter((_, i) => sent.includes(`loadSettingsNumber${i}()`)).length;
      record(
        SECTIONS.codebaseIndex,
        [
          { metric: `corpus secrets in @codebase chat requests (${configsSent} of ${CORPUS.length} secrets' functions sent)`, value: leaked.length, unit: '', target: '= 0', pass: leaked.length === 0 && configsSent === CORPUS.length },
          { metric: `ignored files' markers in @codebase chat requests (${Object.keys(IGNORED).length} files)`, value: ignored.length, unit: '', target: '= 0', pass: ignored.length === 0 },
          { metric: 'control: an ordinary function\'s marker reached the server through @codebase', value: control ? 1 : 0, unit: '', target: '= 1', pass: control },
        ],
        { leaked: leaked.map((e) => e.rule), ignored: ignored.map(([path]) => path), chunksGiven: given },
      );
      assert.deepEqual(leaked.map((e) => e.rule), []);
      assert.equal(configsSent, CORPUS.length, 'every secret\'s function was retrieved and sent');
      assert.deepEqual(ignored.map(([path]) => path), []);
      assert.ok(control, 'the retrieved code was sent');
    } finally {
      parsers.dispose();
      await server.close();
    }
  });
});
