import * as assert from 'node:assert/strict';
import { OllamaBackend } from '../../../../src/backends/ollama';
import { ScriptedBackend } from '../../../../src/backends/scripted';
import type { CompletionRequest } from '../../../../src/backends/types';
import { withRedaction } from '../../../../src/privacy/redactingBackend';
import { Redactor } from '../../../../src/privacy/redactor';
import { completeOnce, DEFAULT_PREFIX_CHARS, DEFAULT_SUFFIX_CHARS, SINGLE_LINE_MAX_TOKENS, type EngineDeps } from '../../../../src/completion/engine/engine';
import type { DocumentSnapshot } from '../../../../src/workspace/document';
import { DEFAULT_SETTINGS } from '../../../../src/config/settings';
import { Parsers } from '../../../../src/syntax/parsers';
import { startFakeServer, type FakeServer } from '../../../fake-server';
import { devGrammar } from '../../syntax/grammars';
import { accepted, snapshotOf } from '../cursorFixture';

describe('engine: completeOnce, the one-request pipeline', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  after(() => parsers.dispose());

  /** The production wiring minus the editor: a one-off parse stands in for the document tree cache. */
  function syntaxDeps(): Pick<EngineDeps, 'withTree' | 'parse'> {
    return {
      withTree: async (s: DocumentSnapshot, use) => {
        const tree = await parsers.parseText(s.languageId, s.text);
        try {
          return use(tree);
        } finally {
          tree?.delete();
        }
      },
      parse: (language, text) => parsers.parse(language, text),
    };
  }

  async function complete(doc: string, modelOutput: string, languageId = 'typescript') {
    const backend = new ScriptedBackend(modelOutput);
    const result = await completeOnce(snapshotOf(doc, languageId), { backend, model: 'm', ...syntaxDeps() });
    return { after: accepted(doc, result), result, stream: backend.streams[0] };
  }

  describe('secrets at the cursor', () => {
    const TOKEN = 'ghp_Q7mZ2xK9vR4tL8nB3cW6pY1dF5gH0jS2aE7u';

    it('asks nothing with the cursor inside a secret or between its name and its value (prefix and suffix are redacted apart)', async () => {
      for (const doc of [`const t = "ghp_Q7mZ2xK9█vR4tL8nB3cW6pY1dF5gH0jS2aE7u";\n`, 'const password = "█Xk9mQ2vL7pR4zTq8";\n']) {
        const { result, stream } = await complete(doc, 'anything');
        assert.equal(result, undefined, doc);
        assert.equal(stream, undefined, `no request for ${doc}`);
      }
      assert.ok((await complete(`const t = "${TOKEN}";\nlogin(█\n`, 't);')).stream, 'a cursor beside a secret still completes');
    });

    it("puts back only the request's own placeholders whose value the document holds, through the request's ledger", async () => {
      // Redacted the way the pool redacts; the model quotes the placeholder it was sent, and adds a guess.
      class Echo extends ScriptedBackend {
        async *streamCompletion(request: CompletionRequest): AsyncGenerator<string> {
          yield `${/«secret:[^»]+»/.exec(request.prompt)![0]}, "«secret:github-token:abcdefghij»");`;
        }
      }
      const backend = withRedaction(new Echo(''), new Redactor());
      const result = await completeOnce(snapshotOf(`const t = "${TOKEN}";\nlogin(█\n`), { backend, model: 'm', ...syntaxDeps() });
      assert.equal(result?.insert, `${TOKEN}, "«secret:github-token:abcdefghij»");`);
    });
  });

  describe('what the user gets after Tab', () => {
    it('the rest of the line, mid-statement', async () => {
      const { after } = await complete('const a = new Vector3();\nconst c = new█\nc.x = 1;\n', ' Vector3();\nc.x = 1;\nc.y = 2;\n');
      assert.equal(after, 'const a = new Vector3();\nconst c = new Vector3();█\nc.x = 1;\n');
    });

    it('a function body and its closing brace after `{`', async () => {
      const doc = 'export function pairs(obj: object) {█\n\n/** Next. */\nexport const x = 1;\n';
      const { after } = await complete(doc, '\n  return Object.entries(obj);\n}\n\n/** Next. */\nexport const x = 1;\n');
      assert.equal(after, 'export function pairs(obj: object) {\n  return Object.entries(obj);\n}█\n\n/** Next. */\nexport const x = 1;\n');
    });

    it('the body of an empty object literal, without doubling its closing line', async () => {
      const doc = 'const DEFAULT = {\n  █\n};\n\nexport function f() {}\n';
      const { after } = await complete(doc, 'connector: () => new Subject(),\n};\n\nexport function f() {}\n');
      assert.equal(after, 'const DEFAULT = {\n  connector: () => new Subject(),█\n};\n\nexport function f() {}\n');
    });

    it('Python: a block body after `:`, stopping at the dedent even when unrelated code follows', async () => {
      const doc = 'def check(count):\n    if count is not None:█\n    return count\n';
      const output = '\n        if count <= 0:\n            raise ValueError(count)\n\n    def close(self):\n        pass\n';
      const { after } = await complete(doc, output, 'python');
      assert.equal(after, 'def check(count):\n    if count is not None:\n        if count <= 0:\n            raise ValueError(count)█\n    return count\n');
    });

    it('no duplicated `)` when the editor auto-closed it', async () => {
      const { after, result } = await complete('normals.push(█)\nuvs.push(1);\n', ' 0, 0, 1 );\nuvs.push(1);\n', 'javascript');
      assert.equal(after, 'normals.push( 0, 0, 1 );█\nuvs.push(1);\n');
      assert.equal(result?.replaceLength, 1);
    });

    it('of two auto-closed `)`, the one the completion supplies is replaced and the other stays', async () => {
      const { after, result } = await complete('const v = a(b(█))\n', 'c)', 'javascript');
      assert.equal(after, 'const v = a(b(c)█)\n');
      assert.deepEqual(result, { insert: 'c)', replaceLength: 1 });
    });

    it('a call completed inside auto-closed brackets keeps its own `)`', async () => {
      const { after } = await complete('console.log(█)\n', 'JSON.stringify(x)', 'javascript');
      assert.equal(after, 'console.log(JSON.stringify(x)█)\n');
    });

    it('one line inside a comment, even after an opener', async () => {
      const { after } = await complete('// call it as run({█\nrun();\n', ' a: 1 })\nrun();\n');
      assert.equal(after, '// call it as run({ a: 1 })█\nrun();\n');
    });

    it('nothing when the model only repeats what is already there', async () => {
      const { result } = await complete('const x = 1;\n█\nconst y = 2;\n', 'const y = 2;\n');
      assert.equal(result, undefined);
    });
  });

  it('stops reading as soon as the completion is decided', async () => {
    const { stream } = await complete('const c = new█\nnext();\n', ' Vector3();\n' + 'filler();\n'.repeat(50));
    assert.equal(stream.stoppedEarly, true);
    assert.ok(stream.sent < 10, `read ${stream.sent} of ${stream.total} chunks`);
  });

  it('works on text rules alone, without a syntax tree', async () => {
    const backend = new ScriptedBackend('\n  return 1;\n}\n\nconst z = 0;\n');
    const doc = 'function one() {█\n\nconst z = 0;\n';
    const result = await completeOnce(snapshotOf(doc), { backend, model: 'm' });
    assert.equal(accepted(doc, result), 'function one() {\n  return 1;\n}█\n\nconst z = 0;\n');
  });

  it('by default sends a native FIM request: capped prefix and suffix, fewer tokens for one line', async () => {
    const backend = new ScriptedBackend(' 1;\n');
    const doc = 'x'.repeat(DEFAULT_PREFIX_CHARS + 10) + '\nconst a =█\n' + 'y'.repeat(DEFAULT_SUFFIX_CHARS + 10);
    await completeOnce(snapshotOf(doc), { backend, model: 'qwen', maxTokens: 300, temperature: 0.1, timeoutMs: 999 });
    const request = backend.streams[0].request as CompletionRequest;
    assert.equal(request.prompt.length, DEFAULT_PREFIX_CHARS);
    assert.ok(request.prompt.endsWith('\nconst a ='));
    assert.equal(request.suffix?.length, DEFAULT_SUFFIX_CHARS);
    assert.equal(request.model, 'qwen');
    assert.equal(request.maxTokens, SINGLE_LINE_MAX_TOKENS);
    assert.equal(request.timeoutMs, 999);
  });

  it('builds the request with the injected builder, telling it the shape', async () => {
    const backend = new ScriptedBackend('\n  go();\n}\n');
    const seen: boolean[] = [];
    await completeOnce(snapshotOf('function f() {█\n'), {
      backend,
      model: 'unused',
      buildRequest: (s, { multiline }) => {
        seen.push(multiline);
        return { model: 'custom', prompt: `<PRE> ${s.text.slice(0, s.offset)} <SUF>`, raw: true, maxTokens: 64 };
      },
    });
    assert.deepEqual(seen, [true]);
    assert.equal((backend.streams[0].request as CompletionRequest).model, 'custom');
    assert.equal((backend.streams[0].request as CompletionRequest).raw, true);
  });

  it('asks a chat-only model through a chat request and reads the hole from its reply', async () => {
    const backend = new ScriptedBackend('<COMPLETION>\n  return a + b;\n}\n</COMPLETION>\nThis adds the numbers.');
    const doc = 'function add(a, b) {█\n\nexport {};\n';
    const result = await completeOnce(snapshotOf(doc), {
      backend,
      model: 'chatty',
      buildRequest: () => ({ model: 'chatty', messages: [{ role: 'user', content: 'fill <FILL_HERE>' }] }),
    });
    assert.equal(accepted(doc, result), 'function add(a, b) {\n  return a + b;\n}█\n\nexport {};\n');
    assert.ok('messages' in backend.streams[0].request);
  });

  it('rejects with a cancelled BackendError when the signal aborts mid-stream', async () => {
    const backend = new ScriptedBackend('\n' + '  step();\n'.repeat(100), { chunkDelayMs: 2 });
    const abort = new AbortController();
    const pending = completeOnce(snapshotOf('function f() {█\n'), { backend, model: 'm' }, abort.signal);
    setTimeout(() => abort.abort(), 20);
    await assert.rejects(pending, (e: Error & { kind?: string }) => e.kind === 'cancelled');
    assert.equal(backend.streams[0].stoppedEarly, true);
  });

  describe('against the fake Ollama server', () => {
    let server: FakeServer;
    let backend: OllamaBackend;
    before(async () => {
      server = await startFakeServer();
      backend = new OllamaBackend({ baseUrl: server.url, contextLength: DEFAULT_SETTINGS.contextLength });
    });
    after(() => server.close());
    beforeEach(() => server.reset());

    const generate = (what: string) =>
      server.waitFor((rs) => rs.find((r) => r.endpoint === 'ollama.generate' && (r.closedByClient || r.completed)), 5000, what);

    it('stopping early closes the HTTP stream (the server sees the connection closed)', async () => {
      server.replyOnce({ text: ' Vector3();\n' + 'more();\n'.repeat(40), tokenMs: 5 });
      const result = await completeOnce(snapshotOf('const c = new█\nnext();\n'), { backend, model: 'qwen2.5-coder:1.5b' });
      assert.deepEqual(result, { insert: ' Vector3();', replaceLength: 0 });
      assert.equal((await generate('the generate request to end')).closedByClient, true);
    });

    it('a cancelled request aborts its HTTP stream', async () => {
      server.replyOnce({ text: 'x'.repeat(2000), tokenMs: 5 });
      const abort = new AbortController();
      const pending = completeOnce(snapshotOf('const c = █\n'), { backend, model: 'qwen2.5-coder:1.5b' }, abort.signal);
      await server.waitFor((rs) => rs.some((r) => r.endpoint === 'ollama.generate'), 5000, 'the generate request');
      abort.abort();
      await assert.rejects(pending, (e: Error & { kind?: string }) => e.kind === 'cancelled');
      assert.equal((await generate('the client to close the stream')).closedByClient, true);
    });
  });

  describe('a block\'s first line, reported as soon as the stream decides it', () => {
    const DOC = 'function add(a: number, b: number) {█\n\nexport const x = 1;\n';
    const BLOCK = '\n  const sum = a + b;\n  return sum;\n}\n\nexport const x = 1;\n';

    async function run(doc: string, output: string, chunk?: (text: string) => string[]) {
      const backend = new ScriptedBackend(output, { chunk });
      const seen: { firstLine: string[]; partial: string[]; finalAfterFirst?: boolean } = { firstLine: [], partial: [] };
      const result = await completeOnce(snapshotOf(doc), { backend, model: 'm', ...syntaxDeps() }, undefined, {
        partial: (text) => seen.partial.push(text),
        firstLine: (r) => seen.firstLine.push(r.insert),
      });
      return { result, seen, stream: backend.streams[0] };
    }

    it('reports the first line with code once, before the block ends, post-processed as the block is', async () => {
      const { result, seen } = await run(DOC, BLOCK);
      assert.deepEqual(seen.firstLine, ['\n  const sum = a + b;']);
      assert.equal(result?.insert, '\n  const sum = a + b;\n  return sum;\n}');
      assert.ok(result!.insert.startsWith(seen.firstLine[0]), 'the block extends the line shown');
      assert.ok(seen.partial.length > 3 && seen.partial.at(-1)!.length > seen.partial[0].length, 'the streamed text grows');
    });

    it('reports no first line for a single line, nor for an answer that arrives whole', async () => {
      assert.deepEqual((await run('const total = █;\n', 'items.length\nmore')).seen.firstLine, []);
      assert.deepEqual((await run(DOC, BLOCK, (t) => [t])).seen.firstLine, [], 'one chunk: the block is decided at once');
    });
  });

  describe('the next line, at the end of a finished line', () => {
    it('reads on past the line break to the end of the next line, and stops there', async () => {
      const { result, stream } = await complete('const a = 1;█\n\nexport {};\n', '\nconst b = a + 1;\nconst c = b * 2;\nconst d = c;\n');
      assert.deepEqual(result, { insert: '\nconst b = a + 1;', replaceLength: 0 });
      assert.equal(stream.stoppedEarly, true, 'the stream stops once the next line is complete');
    });

    it('offers nothing when the next line is the one already below the cursor', async () => {
      const { result } = await complete('const a = 1;█\nconst b = a + 1;\n', '\nconst b = a + 1;\n');
      assert.equal(result, undefined);
    });
  });

  describe('fathom.completion.maxLines', () => {
    const DOC = 'function add(a: number, b: number) {█\n}\n';
    const BLOCK = '\n  const sum = a + b;\n  const twice = sum * 2;\n  return twice;\n}\n';
    async function withLimit(doc: string, output: string, maxLines: number) {
      const backend = new ScriptedBackend(output);
      const result = await completeOnce(snapshotOf(doc), { backend, model: 'm', ...syntaxDeps(), maxLines });
      return { result, stream: backend.streams[0] };
    }

    it('0 is automatic: the whole block', async () => {
      assert.equal((await withLimit(DOC, BLOCK, 0)).result?.insert, '\n  const sum = a + b;\n  const twice = sum * 2;\n  return twice;');
    });

    it('1: one line only, even after `{` and at the end of a finished line, and a single-line token limit', async () => {
      const { result, stream } = await withLimit(DOC, BLOCK, 1);
      assert.equal(result, undefined, 'the block starts with a line break: nothing on this line');
      assert.equal((stream.request as CompletionRequest).maxTokens, SINGLE_LINE_MAX_TOKENS, 'asked with the single-line token limit');
      assert.equal((await withLimit('const a = 1;█\n', '\nconst b = 2;\n', 1)).result, undefined, 'no next line');
      assert.equal((await withLimit('const total = █\n', 'items.length;\nmore();\n', 1)).result?.insert, 'items.length;');
    });

    it('n: at most n lines of the block (its empty first line not counted), and the stream stops once they are there', async () => {
      const { result, stream } = await withLimit(DOC, BLOCK, 2);
      assert.equal(result?.insert, '\n  const sum = a + b;\n  const twice = sum * 2;');
      assert.equal(stream.stoppedEarly, true);
    });
  });
});
