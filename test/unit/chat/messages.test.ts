/** What the chat model is sent: the system prompt, the latest turns that fit, and the question with its context. */
import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../src/backends/types';
import type { Attachment, ChatTurn } from '../../../src/chat/conversation';
import { buildChatMessages, questionText } from '../../../src/chat/messages';
import { estimateTokens } from '../../../src/text/tokens';

const SYSTEM = 'You are Fathom, a coding assistant. Answer briefly.';
const q = (id: string, text: string, attachments?: Attachment[]): ChatTurn => ({ id, role: 'user', text, at: 1, ...(attachments ? { attachments } : {}) });
const a = (id: string, text: string, extra: Partial<ChatTurn> = {}): ChatTurn => ({ id, role: 'assistant', text, at: 1, ...extra });

/** What the messages cost as messages.ts counts it: the estimate plus 4 tokens of role markers each. */
const costOf = (messages: readonly ChatMessage[]): number => messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
const words = (n: number, word: string): string => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

/** q1 a1 … qN aN, each turn about `size` words and distinguishable. */
function rounds(n: number, size = 20): ChatTurn[] {
  const turns: ChatTurn[] = [];
  for (let i = 1; i <= n; i++) turns.push(q(`q${i}`, `question ${i}: ${words(size, 'ask')}`), a(`a${i}`, `answer ${i}: ${words(size, 'say')}`));
  return turns;
}

const att = (over: Partial<Attachment> = {}): Attachment => ({
  id: 'att1',
  kind: 'selection',
  label: 'stats.ts:3-5',
  path: 'src/stats.ts',
  languageId: 'typescript',
  text: 'export function mean(xs: number[]) {\n  return xs.reduce((s, x) => s + x, 0) / xs.length;\n}',
  startLine: 3,
  endLine: 5,
  ...over,
});

describe('chat: the messages sent to the model', () => {
  it('sends the system prompt first, then the whole history and the question when they fit', () => {
    const turns = [...rounds(2), q('q3', 'And now?')];
    const built = buildChatMessages(SYSTEM, turns, { contextLength: 32768, maxTokens: 1024 });
    assert.deepEqual(built.messages, [
      { role: 'system', content: SYSTEM },
      ...turns.map((t) => ({ role: t.role, content: t.text })),
    ]);
    assert.equal(built.omittedTurns, 0);
    assert.deepEqual(built.truncatedAttachments, []);
  });

  it('sends no system message when the system prompt is empty', () => {
    const built = buildChatMessages('', [q('q1', 'Hi')], { contextLength: 4096, maxTokens: 256 });
    assert.deepEqual(built.messages, [{ role: 'user', content: 'Hi' }]);
  });

  it('refuses a conversation whose last turn is not a question', () => {
    assert.throws(() => buildChatMessages(SYSTEM, rounds(1), { contextLength: 4096, maxTokens: 256 }), /last turn must be the question/);
    assert.throws(() => buildChatMessages(SYSTEM, [], { contextLength: 4096, maxTokens: 256 }), /last turn must be the question/);
  });

  it('leaves out the oldest question/answer pairs first when the budget is too small, and counts them', () => {
    const turns = [...rounds(4), q('q5', 'The last question')];
    const system = { role: 'system' as const, content: SYSTEM };
    const question = { role: 'user' as const, content: 'The last question' };
    const pair = (n: number): ChatMessage[] => [
      { role: 'user', content: turns[(n - 1) * 2].text },
      { role: 'assistant', content: turns[(n - 1) * 2 + 1].text },
    ];
    const maxTokens = 500;
    // Exactly room for the last two pairs.
    const room = costOf([system, ...pair(3), ...pair(4), question]);
    const built = buildChatMessages(SYSTEM, turns, { contextLength: room + maxTokens, maxTokens });
    assert.deepEqual(built.messages, [system, ...pair(3), ...pair(4), question]);
    assert.equal(built.omittedTurns, 4);
    // One token less: the third pair goes too (the oldest first), never only half of it.
    const tighter = buildChatMessages(SYSTEM, turns, { contextLength: room + maxTokens - 1, maxTokens });
    assert.deepEqual(tighter.messages, [system, ...pair(4), question]);
    assert.equal(tighter.omittedTurns, 6);
    // No room for any earlier turn: only the system prompt and the question.
    const none = buildChatMessages(SYSTEM, turns, { contextLength: costOf([system, question]) + maxTokens, maxTokens });
    assert.deepEqual(none.messages, [system, question]);
    assert.equal(none.omittedTurns, 8);
  });

  it('never sends an answer without its question, whatever the budget', () => {
    // Long questions and short answers: an answer alone would often fit where its pair does not.
    const turns: ChatTurn[] = [];
    for (let i = 1; i <= 5; i++) turns.push(q(`q${i}`, `question ${i} ${words(40 + i * 7, 'long')}`), a(`a${i}`, `ok ${i}`));
    turns.push(q('q6', 'Now what?'));
    const total = costOf(buildChatMessages(SYSTEM, turns, { contextLength: 1e6, maxTokens: 0 }).messages);
    for (let budget = 0; budget <= total + 5; budget++) {
      const built = buildChatMessages(SYSTEM, turns, { contextLength: budget + 100, maxTokens: 100 });
      const [first, ...rest] = built.messages;
      assert.equal(first.role, 'system');
      const history = rest.slice(0, -1);
      assert.equal(history.length % 2, 0, `budget ${budget}: whole pairs only`);
      history.forEach((m, i) => assert.equal(m.role, i % 2 === 0 ? 'user' : 'assistant', `budget ${budget}: message ${i}`));
      // What is kept is the latest turns, in order; what is left out is counted.
      const expected = turns.slice(turns.length - 1 - history.length, -1).map((t) => t.text);
      assert.deepEqual(
        history.map((m) => m.content),
        expected,
        `budget ${budget}`,
      );
      assert.equal(built.omittedTurns, 10 - history.length, `budget ${budget}`);
      assert.deepEqual(rest.at(-1), { role: 'user', content: 'Now what?' });
      if (history.length > 0) assert.ok(costOf(built.messages) <= budget, `budget ${budget}: fits`);
      if (budget >= total) assert.equal(built.omittedTurns, 0, 'everything fits');
    }
  });

  it('does not send failed answers or empty ones, but does send a stopped answer’s text', () => {
    const turns = [
      q('q1', 'first'),
      a('a1', 'Ollama is not running', { error: 'Ollama is not running at http://127.0.0.1:11434.' }),
      q('q2', 'second'),
      a('a2', '   '),
      q('q3', 'third'),
      a('a3', 'partial answer', { stopped: true }),
      q('q4', 'fourth'),
    ];
    const built = buildChatMessages(SYSTEM, turns, { contextLength: 8192, maxTokens: 512 });
    assert.deepEqual(built.messages, [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'first' },
      { role: 'user', content: 'second' },
      { role: 'user', content: 'third' },
      { role: 'assistant', content: 'partial answer' },
      { role: 'user', content: 'fourth' },
    ]);
    assert.ok(!built.messages.some((m) => m.content.includes('Ollama is not running')));
    assert.equal(built.omittedTurns, 0);
  });

  it('puts the attached code first, fenced with its path and lines, then what the user wrote', () => {
    const turn = q('q1', 'Why is this slow?', [att()]);
    const text = questionText(turn);
    assert.equal(
      text,
      '`src/stats.ts` (lines 3-5):\n```typescript\nexport function mean(xs: number[]) {\n  return xs.reduce((s, x) => s + x, 0) / xs.length;\n}\n```\n\nWhy is this slow?',
    );
    assert.equal(questionText(q('q', 'plain')), 'plain');
  });

  it('writes diagnostics and earlier answers as text, and a fence the code cannot close', () => {
    const diagnostics = att({ id: 'd', kind: 'diagnostics', label: 'Problems in a.py', path: 'a.py', languageId: 'python', text: 'a.py:3 error: undefined name x', startLine: undefined, endLine: undefined });
    const code = att({ id: 'c', kind: 'file', label: 'README.md', path: 'README.md', languageId: 'markdown', text: 'Run:\n```sh\nmake\n```', startLine: undefined, endLine: undefined });
    const text = questionText(q('q1', 'Fix it', [diagnostics, code]));
    assert.equal(text, 'Problems reported in `a.py`:\na.py:3 error: undefined name x\n\n`README.md`:\n````markdown\nRun:\n```sh\nmake\n```\n````\n\nFix it');
  });

  it('always sends the question with its attachments, and earlier questions with theirs', () => {
    const turns = [q('q1', 'Explain this', [att()]), a('a1', 'It averages.'), q('q2', 'And this?', [att({ id: 'att2', label: 'other.ts', path: 'src/other.ts', text: 'const other = 1;', startLine: undefined })])];
    const built = buildChatMessages(SYSTEM, turns, { contextLength: 8192, maxTokens: 512 });
    assert.equal(built.messages[1].content, questionText(turns[0]));
    assert.match(built.messages[1].content, /export function mean/);
    assert.equal(built.messages[3].content, '`src/other.ts`:\n```typescript\nconst other = 1;\n```\n\nAnd this?');
  });

  it('cuts an attachment too large to send whole, marks the cut, names it, and fits the budget', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `const value${i} = compute(${i}, "item-${i}");`).join('\n');
    const small = att({ id: 'small', label: 'small.ts', path: 'small.ts', text: 'export const small = 1;', startLine: undefined });
    const turn = q('q1', 'What does this file do?', [att({ id: 'big', kind: 'file', label: 'big.ts', path: 'src/big.ts', text: big, startLine: undefined }), small]);
    for (const contextLength of [2048, 4096, 8192]) {
      const budget = { contextLength, maxTokens: 512 };
      const built = buildChatMessages(SYSTEM, [...rounds(3), turn], budget);
      const sent = built.messages.at(-1)!;
      assert.equal(sent.role, 'user');
      assert.deepEqual(built.truncatedAttachments, ['big.ts'], `${contextLength}`);
      assert.match(sent.content, /… \(cut here to fit the model’s context\)/);
      assert.ok(sent.content.startsWith('`src/big.ts`:\n```typescript\nconst value0 = compute(0, "item-0");'), 'the start of the file is kept');
      assert.ok(!sent.content.includes('const value2999 ='), 'the end is cut');
      assert.ok(sent.content.includes('`small.ts`:\n```typescript\nexport const small = 1;\n```'), 'the small attachment is whole');
      assert.ok(sent.content.endsWith('\n\nWhat does this file do?'), 'the question is whole, last');
      assert.ok(costOf(built.messages) <= contextLength - 512, `${costOf(built.messages)} tokens in a ${contextLength - 512}-token budget`);
      assert.equal(built.omittedTurns, 6, 'no room left for the history');
      assert.equal(built.messages[0].content, SYSTEM);
    }
  });

  it('cuts each of several large attachments to a share of the budget', () => {
    const big = (tag: string) => Array.from({ length: 2000 }, (_, i) => `${tag}_${i} = ${i}`).join('\n');
    const turn = q('q1', 'Compare', [att({ id: 'x', label: 'x.py', path: 'x.py', languageId: 'python', text: big('x'), startLine: undefined }), att({ id: 'y', label: 'y.py', path: 'y.py', languageId: 'python', text: big('y'), startLine: undefined })]);
    const built = buildChatMessages(SYSTEM, [turn], { contextLength: 4096, maxTokens: 1024 });
    assert.deepEqual(built.truncatedAttachments, ['x.py', 'y.py']);
    const sent = built.messages.at(-1)!.content;
    assert.ok(sent.includes('x_0 = 0') && sent.includes('y_0 = 0'), 'both keep their start');
    assert.ok(costOf(built.messages) <= 4096 - 1024);
  });
});
