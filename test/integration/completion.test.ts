import * as assert from 'node:assert/strict';
import { CURSOR, fathom, openWithCursor, setSetting, triggerAndAccept, useFakeServer } from './helpers';

interface GenerateBody {
  model?: string;
  prompt?: string;
  suffix?: string;
  stream?: boolean;
}

describe('inline completions', () => {
  const fake = useFakeServer();

  before(() => fathom());

  it('asks the server with the text around the cursor and inserts its answer', async () => {
    fake.server.reply(() => ({ text: 'a + b;' }));
    const editor = await openWithCursor(`export function add(a: number, b: number): number {\n  return ${CURSOR}\n}\n`);
    const text = await triggerAndAccept(editor);
    assert.equal(text, `export function add(a: number, b: number): number {\n  return a + b;${CURSOR}\n}\n`);

    const request = await fake.server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate'), 5000, 'a generate request');
    const body = request.body as GenerateBody;
    assert.ok(body.prompt?.endsWith('  return '), `the prompt ends at the cursor: ${JSON.stringify(body.prompt)}`);
    assert.ok(body.suffix?.startsWith('\n}'), `the suffix starts after the cursor: ${JSON.stringify(body.suffix)}`);
    assert.equal(body.model, 'qwen2.5-coder:1.5b');
  });

  it('joins a streamed answer', async () => {
    fake.server.reply(() => ({ chunks: ['items', '.map((item) => ', 'item.id', ');'] }));
    const editor = await openWithCursor(`const ids = ${CURSOR}\n`, 'js');
    assert.equal(await triggerAndAccept(editor), `const ids = items.map((item) => item.id);${CURSOR}\n`);
  });

  it('completes in any file type', async () => {
    fake.server.reply(() => ({ text: ' world' }));
    const editor = await openWithCursor(`hello${CURSOR}`, 'txt');
    assert.equal(await triggerAndAccept(editor), `hello world${CURSOR}`);
  });

  describe('fathom.completion.maxLines', () => {
    const BLOCK = '\n  const sum = a + b;\n  const twice = sum * 2;\n  return twice;\n';

    it('2: a block after `{` is cut to two lines', async () => {
      await setSetting('completion.maxLines', 2);
      fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: BLOCK } : undefined));
      const editor = await openWithCursor(`export function add(a: number, b: number): number {${CURSOR}\n}\n`);
      assert.equal(await triggerAndAccept(editor), `export function add(a: number, b: number): number {\n  const sum = a + b;\n  const twice = sum * 2;${CURSOR}\n}\n`);
    });

    it('1: single lines only — the rest of the line, and the request asks for one line', async () => {
      await setSetting('completion.maxLines', 1);
      fake.server.reply((r) => (r.endpoint === 'ollama.generate' ? { text: 'a + b;\n  more();\n' } : undefined));
      const editor = await openWithCursor(`export function add(a: number, b: number): number {\n  return ${CURSOR}\n}\n`);
      assert.equal(await triggerAndAccept(editor), `export function add(a: number, b: number): number {\n  return a + b;${CURSOR}\n}\n`);
    });
  });
});
