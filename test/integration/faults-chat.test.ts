/**
 * Fault matrix, chat: a question asked in the sidebar chat (through its session and the real pool). For each
 * fault and provider the failed answer says what happened and what to do, the view is not left streaming,
 * whatever arrived before the failure stays, and asking again works once the fault is gone.
 */
import * as assert from 'node:assert/strict';
import { FAULT_CASES, PROVIDERS, assertNoUnhandledRejections, assertStreamClosed, faultTitle, matrixTitle, messageFor, useProvider, type FaultContext } from './faults';
import { fathom, useFakeServer } from './helpers';

describe(matrixTitle('chat'), () => {
  const fake = useFakeServer();
  before(() => fathom());

  for (const provider of PROVIDERS) {
    for (const c of FAULT_CASES) {
      it(faultTitle(c, provider), async () => {
        const api = await fathom();
        const { session } = api.chat;
        const f: FaultContext = { server: fake.server, provider, path: 'chat' };
        await useProvider(f);
        await session.newChat();
        await c.arrange(f);

        await session.send('How does add work?');
        const answer = session.state().conversation.turns.at(-1)!;
        assert.equal(session.state().streaming, false, 'not left streaming');
        if (!c.kind) {
          assert.equal(answer.error, undefined, answer.error);
          assert.match(answer.text, /return a \+ b;/, 'the whole slow answer arrived');
          assertNoUnhandledRejections();
          return;
        }
        assert.equal(answer.role, 'assistant');
        assert.match(answer.error ?? '(no error)', messageFor(c, 'chat'));
        if (c.closesStream) await assertStreamClosed(fake.server);
        assert.equal(session.state().conversation.turns.at(-2)?.text, 'How does add work?', 'the question is kept');

        // Recovery: with the fault gone, asking again answers.
        await c.remove?.(f);
        fake.server.reply(() => ({ text: 'It returns a + b.' }));
        await session.regenerate();
        const again = session.state().conversation.turns.at(-1)!;
        assert.equal(again.error, undefined, again.error);
        assert.equal(again.text, 'It returns a + b.');
        assertNoUnhandledRejections();
      });
    }
  }
});
