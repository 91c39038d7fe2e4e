/** The conversation as plain data: titles, asking, editing an earlier question, answers growing, checks on data read back. */
import assert from 'node:assert/strict';
import {
  ask,
  isConversation,
  newConversation,
  startAnswer,
  summaryOf,
  titleFrom,
  updateLastAnswer,
  withoutLastAnswer,
  UNTITLED,
  type ChatTurn,
  type Conversation,
} from '../../../src/chat/conversation';

const q = (id: string, text: string, at = 1): ChatTurn => ({ id, role: 'user', text, at });
const a = (id: string, text: string, at = 1): ChatTurn => ({ id, role: 'assistant', text, at });

/** q1 a1 q2 a2 q3 a3 */
function threeRounds(): Conversation {
  let c = newConversation('c1', 0);
  for (const n of [1, 2, 3]) c = startAnswer(ask(c, q(`q${n}`, `question ${n}`, n * 10)), a(`a${n}`, `answer ${n}`, n * 10 + 1));
  return c;
}

describe('chat: conversation', () => {
  describe('titleFrom', () => {
    it('trims the question and keeps a short one whole', () => {
      assert.equal(titleFrom('   What does mean() do?  \n'), 'What does mean() do?');
    });

    it('takes only the first line, with runs of whitespace made one space', () => {
      assert.equal(titleFrom('\n\n  Why   does\tthis fail?\nHere is the stack trace:\nError: x'), 'Why does this fail?');
    });

    it('cuts a long first line at a word, at most 60 characters, and marks the cut', () => {
      const line = 'Please explain how the incremental markdown renderer keeps the DOM of earlier blocks while streaming';
      const title = titleFrom(line);
      assert.ok(title.endsWith('…'), title);
      const kept = title.slice(0, -1);
      assert.ok(kept.length <= 60, `${kept.length} characters`);
      assert.ok(line.startsWith(kept), 'a prefix of the question');
      assert.equal(line[kept.length], ' ', 'cut at a word boundary, not inside a word');
      assert.equal(kept, 'Please explain how the incremental markdown renderer keeps');
    });

    it('keeps a line of exactly 60 characters whole', () => {
      const line = 'x'.repeat(60);
      assert.equal(titleFrom(line), line);
    });

    it('cuts a single 61+ character word hard at 60 characters', () => {
      const word = 'a'.repeat(100);
      assert.equal(titleFrom(word), `${'a'.repeat(60)}…`);
    });

    it('is "New chat" for an empty or blank question', () => {
      assert.equal(titleFrom(''), UNTITLED);
      assert.equal(titleFrom('   \n\t \n'), UNTITLED);
      assert.equal(UNTITLED, 'New chat');
    });
  });

  describe('ask', () => {
    it('appends the question and names the conversation after the first one', () => {
      const c = ask(newConversation('c1', 5), q('q1', 'How do I sort a map by value?', 7));
      assert.deepEqual(
        c.turns.map((t) => t.id),
        ['q1'],
      );
      assert.equal(c.title, 'How do I sort a map by value?');
      assert.equal(c.updatedAt, 7);
      assert.equal(c.createdAt, 5);
    });

    it('keeps the title after the first question', () => {
      let c = ask(newConversation('c1', 0), q('q1', 'First question'));
      c = startAnswer(c, a('a1', 'First answer'));
      c = ask(c, q('q2', 'Second question'));
      assert.equal(c.title, 'First question');
      assert.deepEqual(
        c.turns.map((t) => t.id),
        ['q1', 'a1', 'q2'],
      );
    });

    it('replacing an earlier question drops it and every turn after it', () => {
      const c = ask(threeRounds(), q('q2b', 'question 2, edited', 99), 'q2');
      assert.deepEqual(
        c.turns.map((t) => t.id),
        ['q1', 'a1', 'q2b'],
      );
      assert.equal(c.turns[2].text, 'question 2, edited');
      assert.equal(c.updatedAt, 99);
    });

    it('replacing the first question renames the conversation after the edited text', () => {
      const c = ask(threeRounds(), q('q1b', 'A different first question'), 'q1');
      assert.deepEqual(
        c.turns.map((t) => t.id),
        ['q1b'],
      );
      assert.equal(c.title, 'A different first question');
    });

    it('ignores `replacing` naming an answer or an unknown id: the question is appended', () => {
      for (const replacing of ['a2', 'nope']) {
        const c = ask(threeRounds(), q('q4', 'more'), replacing);
        assert.deepEqual(
          c.turns.map((t) => t.id),
          ['q1', 'a1', 'q2', 'a2', 'q3', 'a3', 'q4'],
          replacing,
        );
      }
    });

    it('does not change the conversation it was given', () => {
      const before = threeRounds();
      const copy = structuredClone(before);
      ask(before, q('x', 'edited'), 'q1');
      assert.deepEqual(before, copy);
    });
  });

  describe('answers', () => {
    it('startAnswer adds the answer after the question; updateLastAnswer changes only it', () => {
      let c = ask(newConversation('c1', 0), q('q1', 'Hi', 1));
      c = startAnswer(c, a('a1', '', 2));
      assert.equal(c.updatedAt, 2);
      c = updateLastAnswer(c, { text: 'Hel' });
      c = updateLastAnswer(c, { text: 'Hello', stopped: true });
      assert.deepEqual(c.turns, [q('q1', 'Hi', 1), { ...a('a1', 'Hello', 2), stopped: true }]);
    });

    it('updateLastAnswer leaves a conversation whose last turn is a question as it is', () => {
      const c = ask(newConversation('c1', 0), q('q1', 'Hi'));
      assert.equal(updateLastAnswer(c, { text: 'x' }), c);
      const empty = newConversation('c2', 0);
      assert.equal(updateLastAnswer(empty, { text: 'x' }), empty);
    });

    it('withoutLastAnswer drops the last answer when a question comes before it', () => {
      const c = withoutLastAnswer(threeRounds());
      assert.ok(c);
      assert.deepEqual(
        c.turns.map((t) => t.id),
        ['q1', 'a1', 'q2', 'a2', 'q3'],
      );
    });

    it('withoutLastAnswer is undefined when there is no answer after a question', () => {
      assert.equal(withoutLastAnswer(newConversation('c', 0)), undefined);
      assert.equal(withoutLastAnswer(ask(newConversation('c', 0), q('q1', 'x'))), undefined, 'last is a question');
      const answerOnly: Conversation = { ...newConversation('c', 0), turns: [a('a1', 'x')] };
      assert.equal(withoutLastAnswer(answerOnly), undefined, 'no question before the answer');
      const twoAnswers: Conversation = { ...newConversation('c', 0), turns: [q('q1', 'x'), a('a1', 'y'), a('a2', 'z')] };
      assert.equal(withoutLastAnswer(twoAnswers), undefined, 'the turn before is an answer');
    });

    it('summaryOf gives id, title, updatedAt and the number of turns', () => {
      const c = threeRounds();
      assert.deepEqual(summaryOf(c), { id: 'c1', title: 'question 1', updatedAt: c.updatedAt, turns: 6 });
    });
  });

  describe('isConversation', () => {
    const good = (): Record<string, unknown> => ({
      id: 'c1',
      title: 'T',
      createdAt: 1,
      updatedAt: 2,
      turns: [
        { id: 'q1', role: 'user', text: 'x', at: 1, attachments: [{ id: 'att', kind: 'file', label: 'a.ts', path: 'a.ts', languageId: 'typescript', text: 'code' }] },
        { id: 'a1', role: 'assistant', text: 'y', at: 2, error: 'failed' },
      ],
    });

    it('accepts a conversation as saved', () => {
      assert.equal(isConversation(good()), true);
      assert.equal(isConversation(threeRounds()), true);
      assert.equal(isConversation(newConversation('c', 0)), true);
    });

    it('rejects values that are not objects', () => {
      for (const value of [null, undefined, 0, 'conversation', [], true]) assert.equal(isConversation(value), false, String(value));
    });

    it('rejects a missing or wrongly typed field', () => {
      const cases: Array<[string, (c: Record<string, unknown>) => void]> = [
        ['no id', (c) => delete c.id],
        ['numeric id', (c) => (c.id = 5)],
        ['no title', (c) => delete c.title],
        ['string createdAt', (c) => (c.createdAt = '1')],
        ['no updatedAt', (c) => delete c.updatedAt],
        ['turns not an array', (c) => (c.turns = {})],
        ['a null turn', (c) => (c.turns = [null])],
        ['a turn with a bad role', (c) => ((c.turns as Array<Record<string, unknown>>)[0].role = 'system')],
        ['a turn without text', (c) => delete (c.turns as Array<Record<string, unknown>>)[0].text],
        ['a turn without at', (c) => delete (c.turns as Array<Record<string, unknown>>)[1].at],
        ['a turn with a numeric id', (c) => ((c.turns as Array<Record<string, unknown>>)[1].id = 1)],
        ['attachments not an array', (c) => ((c.turns as Array<Record<string, unknown>>)[0].attachments = 'a.ts')],
        ['an attachment without text', (c) => delete ((c.turns as Array<Record<string, unknown>>)[0].attachments as Array<Record<string, unknown>>)[0].text],
        ['a null attachment', (c) => ((c.turns as Array<Record<string, unknown>>)[0].attachments = [null])],
      ];
      for (const [what, spoil] of cases) {
        const value = good();
        spoil(value);
        assert.equal(isConversation(value), false, what);
      }
    });
  });
});
