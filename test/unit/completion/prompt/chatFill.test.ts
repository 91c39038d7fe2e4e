import * as assert from 'node:assert/strict';
import { OllamaBackend } from '../../../../src/backends/ollama';
import { OpenAIBackend } from '../../../../src/backends/openai';
import { extractHoleText, holeText, streamChatFill } from '../../../../src/completion/prompt/chatFill';
import { CLOSE_TAG, HOLE, holeMessages, OPEN_TAG } from '../../../../src/completion/prompt/chatPrompt';
import { startFakeServer, type FakeServer } from '../../../fake-server';

async function* chunks(...parts: string[]): AsyncIterable<string> {
  yield* parts;
}

async function read(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

describe('completion/prompt/chatPrompt: the "fill the hole" messages', () => {
  it('marks the cursor with the hole and asks for the answer between tags', () => {
    const messages = holeMessages({ prefix: 'const total = ', suffix: ';\n', path: 'src/cart.ts', languageId: 'typescript', context: '// Path: src/price.ts\n// export const TAX = 0.2;' });
    assert.equal(messages[0].role, 'system');
    assert.ok(messages[0].content.includes(OPEN_TAG) && messages[0].content.includes(HOLE));
    const last = messages[messages.length - 1];
    assert.equal(last.role, 'user');
    assert.ok(last.content.includes(`const total = ${HOLE};\n`));
    assert.ok(last.content.includes('File src/cart.ts (typescript)'));
    assert.ok(last.content.includes('// Path: src/price.ts'));
  });

  it('shows the answer format with worked examples, each answer closed by the tag the request stops at', () => {
    const answers = holeMessages({ prefix: '', suffix: '', path: 'a', languageId: 'x', context: '' }).filter((m) => m.role === 'assistant');
    assert.ok(answers.length >= 2);
    for (const answer of answers) assert.match(answer.content, new RegExp(`^${OPEN_TAG}[\\s\\S]*${CLOSE_TAG.replace('/', '\\/')}$`));
  });
});

describe('completion/prompt/chatFill: the hole text out of a chat reply', () => {
  it('takes the code between the tags, even when the tags arrive split across chunks', async () => {
    assert.equal(await read(holeText(chunks('<COMP', 'LETION>a + ', 'b</COMPL', 'ETION> and then some talk'))), 'a + b');
  });

  it('keeps the line break that starts a block', async () => {
    assert.equal(await read(holeText(chunks('<COMPLETION>\n  return x;\n}</COMPLETION>'))), '\n  return x;\n}');
  });

  it('ends at the stream end when the server already cut the closing tag (stop sequence)', async () => {
    assert.equal(await read(holeText(chunks('<COMPLETION>', 'foo()'))), 'foo()');
  });

  it('unwraps a markdown fence, with or without the tags', async () => {
    assert.equal(await read(holeText(chunks('```ts\n', 'foo(1)\n', '```\nThis calls foo.'))), 'foo(1)');
    assert.equal(await read(holeText(chunks('<COMPLETION>```python\nx = 1\n``', '`</COMPLETION>'))), 'x = 1');
  });

  it('takes a bare reply as it is', async () => {
    assert.equal(await read(holeText(chunks('a + ', 'b'))), 'a + b');
    assert.equal(await extractHoleText('value\n'), 'value\n');
  });

  it('finds the tag after a few words on the first line', async () => {
    assert.equal(await extractHoleText('Sure: <COMPLETION>x</COMPLETION>'), 'x');
  });

  it('holds back only what could be a closing tag, and streams the rest at once', async () => {
    const seen: string[] = [];
    for await (const chunk of holeText(chunks('<COMPLETION>', 'abc', 'def<', '/x'))) seen.push(chunk);
    assert.deepEqual(seen, ['abc', 'def', '</x']);
  });

  it('stops reading the source as soon as the closing tag arrives', async () => {
    let pulled = 0;
    let returned = false;
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: ++pulled === 1 ? '<COMPLETION>done</COMPLETION>' : 'more' }),
        return: async () => {
          returned = true;
          return { done: true, value: undefined };
        },
      }),
    };
    assert.equal(await read(holeText(source)), 'done');
    assert.equal(pulled, 1);
    assert.ok(returned, 'the source stream was closed');
  });

  describe('against the fake server', function () {
    this.timeout(10000);
    let server: FakeServer;
    before(async () => (server = await startFakeServer()));
    after(() => server.close());
    beforeEach(() => server.reset());

    for (const provider of ['ollama', 'openai'] as const) {
      it(`${provider}: stops at the closing tag and closes the HTTP stream`, async () => {
        server.replyOnce({ text: '<COMPLETION>sum(values)</COMPLETION> Explanation follows. ', endless: true, tokenMs: 2 });
        const backend = provider === 'ollama' ? new OllamaBackend({ baseUrl: server.url }) : new OpenAIBackend({ baseUrl: `${server.url}/v1` });
        const messages = holeMessages({ prefix: 'total = ', suffix: '\n', path: 'a.py', languageId: 'python', context: '' });
        const text = await read(streamChatFill(backend, { model: 'qwen2.5-coder:7b', messages, stop: [CLOSE_TAG] }));
        assert.equal(text, 'sum(values)');
        await server.waitFor((rs) => rs[0]?.closedByClient, 3000, 'the server to see the stream closed by the client');
      });
    }
  });
});
