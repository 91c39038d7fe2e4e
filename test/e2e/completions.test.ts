import * as assert from 'node:assert/strict';
import { useSession } from './helpers/session';

/** Completion requests the fake server received (generate = native fill-in-the-middle). */
const generateCount = (requests: readonly { endpoint: string }[]) => requests.filter((r) => r.endpoint === 'ollama.generate').length;

/**
 * The fake model answers `text` when the prompt ends with `after` (where the test's cursor stands), and
 * nothing elsewhere — as a real model would not repeat itself once its suggestion is accepted.
 */
const answerAfter = (after: string, text: string) => (r: { body: unknown }) => ({
  text: ((r.body as { prompt?: string }).prompt ?? '').endsWith(after) ? text : '',
});

describe('inline completions as a user meets them', function () {
  const s = useSession({
    files: {
      'src/stats.py': 'def mean(values):\n    \n',
      'src/typing.ts': 'export function add(a: number, b: number): number {\n  \n}\n',
      'src/greet.ts': 'export function greet(name: string) {\n}\n',
      'src/total.ts': 'import { sum } from "./sum";\nconst total = sum\n',
      'src/message.ts': 'const items = [1, 2];\nconst msg = `total: ${}`;\n',
    },
  });
  beforeEach(() => s.fake.reset());

  it('Python: ghost text appears and Tab inserts exactly it', async () => {
    s.fake.reply(answerAfter('return ', 'sum(values) / len(values)\n\ndef median(values):\n    pass\n'));
    await s.wb.openFile('src/stats.py');
    await s.wb.goTo(2, 5);
    await s.wb.type('return ');
    await s.wb.waitForGhostText('sum(values) / len(values)');
    await s.wb.screenshot('completion-python');
    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((t) => t.includes('return sum(values) / len(values)'));
    assert.equal(await s.wb.editorText(), 'def mean(values):\n    return sum(values) / len(values)\n');
  });

  it('typing what the suggestion shows sends no new request, and the rest stays visible', async () => {
    s.fake.reply(answerAfter('return ', 'a + b;'));
    await s.wb.openFile('src/typing.ts');
    await s.wb.goTo(2, 3);
    await s.wb.type('return ');
    await s.wb.waitForGhostText('a + b;');
    const before = generateCount(s.fake.requests);
    await s.wb.type('a + ', { delayMs: 80 });
    await s.wb.waitForGhostText('b;');
    await s.wb.screenshot('completion-typed-through');
    assert.equal(generateCount(s.fake.requests), before, 'no request while typing through the suggestion');
    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((t) => t.includes('return a + b;'));
    assert.equal(await s.wb.editorText(), 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
  });

  it('after a block opener, suggests the whole block and keeps the existing closer once', async () => {
    s.fake.reply(answerAfter('{', '\n  const message = `Hello, ${name}!`;\n  return message;\n}\n\nexport function farewell(name: string) {\n  return name;\n}\n'));
    await s.wb.openFile('src/greet.ts');
    await s.wb.goTo(1, 38);
    await s.wb.runCommand('Fathom: Trigger Completion');
    await s.wb.waitForGhostText(/const message = `Hello, \$\{name\}!`;\s*return message;/);
    await s.wb.screenshot('completion-block');
    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((t) => t.includes('return message;'));
    assert.equal(await s.wb.editorText(), 'export function greet(name: string) {\n  const message = `Hello, ${name}!`;\n  return message;\n}\n');
  });

  it('does not duplicate the ) the editor auto-closed', async () => {
    s.fake.reply(answerAfter('sum(', 'a, b);\nconsole.log(total);\n'));
    await s.wb.openFile('src/total.ts');
    await s.wb.goTo(2, 18);
    await s.wb.type('(');
    await s.wb.waitForEditorText((t) => t.includes('sum()'));
    await s.wb.waitForGhostText(/^a, b\)?;$/);
    await s.wb.screenshot('completion-autoclosed');
    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((t) => t.includes('sum(a, b'));
    assert.equal(await s.wb.editorText(), 'import { sum } from "./sum";\nconst total = sum(a, b);\n');
  });

  it('typing inside `${…}` of a template literal is typing code: ghost text appears as it does outside strings', async () => {
    s.fake.reply(answerAfter('${items', '.length}`;'));
    await s.wb.openFile('src/message.ts');
    await s.wb.goTo(2, 23);
    await s.wb.type('items');
    await s.wb.waitForGhostText(/\.length/);
    await s.wb.acceptGhostText();
    await s.wb.waitForEditorText((t) => t.includes('items.length'));
    assert.equal(await s.wb.editorText(), 'const items = [1, 2];\nconst msg = `total: ${items.length}`;\n');
  });
});
