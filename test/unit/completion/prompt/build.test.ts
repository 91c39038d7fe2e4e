import * as assert from 'node:assert/strict';
import type { ChatRequest, CompletionRequest } from '../../../../src/backends/types';
import { promptBudget } from '../../../../src/context/promptBudget';
import { buildCompletionRequest, snippetKey, type BuildInput, type BuiltCompletionRequest } from '../../../../src/completion/prompt/build';
import { CLOSE_TAG, HOLE } from '../../../../src/completion/prompt/chatPrompt';
import { FIM_TEMPLATES } from '../../../../src/completion/prompt/templates';
import { parseUserTemplate } from '../../../../src/completion/prompt/userTemplate';
import { estimateTokens } from '../../../../src/text/tokens';
import { atCursor, fimInfo, noFimInfo, SETTINGS, snippet } from './fixtures';

const DOC = atCursor(`import { clamp } from './math';

export function brightness(value: number): number {
  return clamp(█);
}
`);

const CLAMP = snippet('src/math.ts', 'export function clamp(x: number, lo = 0, hi = 1): number {\n  return Math.min(hi, Math.max(lo, x));\n}', 0.9);

function build(overrides: Partial<BuildInput>): BuiltCompletionRequest {
  return buildCompletionRequest({ snapshot: DOC, snippets: [], model: 'qwen2.5-coder:1.5b', info: fimInfo('qwen2.5-coder:1.5b'), settings: SETTINGS, contextLength: 8192, repoName: 'lights', ...overrides });
}

function completion(built: BuiltCompletionRequest): CompletionRequest {
  assert.notEqual(built.kind, 'chat');
  return built.request as CompletionRequest;
}

const prefix = DOC.text.slice(0, DOC.offset);
const suffix = DOC.text.slice(DOC.offset);

describe('completion/prompt/build: the request that fills the hole at the cursor', () => {
  it('native FIM when the server supports it: prefix and suffix as they are, the family stop tokens', () => {
    const built = build({});
    assert.equal(built.kind, 'fim');
    const request = completion(built);
    assert.equal(request.prompt, prefix);
    assert.equal(request.suffix, suffix);
    assert.equal(request.raw, undefined);
    assert.deepEqual(request.stop, FIM_TEMPLATES['qwen-coder'].stop);
    assert.equal(request.model, 'qwen2.5-coder:1.5b');
    assert.equal(request.temperature, SETTINGS.temperature);
    assert.equal(request.maxTokens, SETTINGS.maxTokens);
  });

  it('native FIM puts context snippets at the top of the prefix as comments with their paths', () => {
    const request = completion(build({ snippets: [CLAMP] }));
    assert.equal(
      request.prompt,
      '// Path: src/math.ts\n// export function clamp(x: number, lo = 0, hi = 1): number {\n//   return Math.min(hi, Math.max(lo, x));\n// }\n\n// Path: src/app.ts\n' + prefix,
    );
    assert.equal(request.suffix, suffix);
  });

  it('native FIM for a model of unknown family sends no stop tokens (the server knows its own)', () => {
    const request = completion(build({ model: 'my-model', info: fimInfo('my-model') }));
    assert.equal(request.stop, undefined);
  });

  it('without native FIM, the family raw template with raw: true; Qwen takes snippets as repository files', () => {
    const built = build({ info: noFimInfo('qwen2.5-coder:1.5b'), snippets: [CLAMP] });
    assert.equal(built.kind, 'raw');
    assert.equal(built.kind === 'raw' && built.family, 'qwen-coder');
    const request = completion(built);
    assert.equal(request.raw, true);
    assert.equal(request.suffix, undefined);
    assert.equal(
      request.prompt,
      `<|repo_name|>lights\n<|file_sep|>src/math.ts\n${CLAMP.text}\n\n<|file_sep|>src/app.ts\n<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
    );
  });

  it("with repository tokens, the current file's own snippets (enclosing scopes) stay comments at the top of its prefix", () => {
    const scope = snippet('src/app.ts', 'export class Lights {', 0.95, 'scope');
    const request = completion(build({ info: noFimInfo('qwen2.5-coder:1.5b'), snippets: [CLAMP, scope] }));
    assert.equal(
      request.prompt,
      `<|repo_name|>lights\n<|file_sep|>src/math.ts\n${CLAMP.text}\n\n<|file_sep|>src/app.ts\n<|fim_prefix|>// Path: src/app.ts\n// export class Lights {\n\n// Path: src/app.ts\n${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
    );
  });

  it('takes the prefix and suffix from a syntactic cutter when given one, held to the budgets', () => {
    const seen: Array<{ prefix: number; suffix: number }> = [];
    const request = completion(
      build({
        cutAround: (budget) => {
          seen.push(budget);
          return { prefix: 'export function brightness(value: number): number {\n  return clamp(', suffix: ');\n}' };
        },
      }),
    );
    assert.equal(request.prompt, 'export function brightness(value: number): number {\n  return clamp(');
    assert.equal(request.suffix, ');\n}');
    assert.equal(seen.length, 1);
    assert.ok(seen[0].prefix > 0 && seen[0].suffix > 0);
    const tight = completion(build({ contextLength: 256 + 64 + 12, cutAround: () => ({ prefix, suffix }) }));
    assert.ok(estimateTokens(tight.prompt) + estimateTokens(tight.suffix ?? '') <= 12);
  });

  it('without native FIM, a family without repository tokens gets the snippets as comments inside its template', () => {
    const request = completion(build({ model: 'deepseek-coder:6.7b-base', info: noFimInfo('deepseek-coder:6.7b-base'), snippets: [CLAMP] }));
    assert.ok(request.prompt.startsWith('<｜fim▁begin｜>// Path: src/math.ts\n'));
    assert.ok(request.prompt.endsWith(`// Path: src/app.ts\n${prefix}<｜fim▁hole｜>${suffix}<｜fim▁end｜>`));
    assert.deepEqual(request.stop, FIM_TEMPLATES['deepseek-coder'].stop);
  });

  it('finds the family from the server template when the name says nothing', () => {
    const built = build({ model: 'office-coder', info: { name: 'office-coder', supportsFim: false, template: '<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>' } });
    assert.equal(built.kind === 'raw' && built.family, 'codellama');
    assert.equal(completion(built).prompt, `<PRE> ${prefix} <SUF>${suffix} <MID>`);
  });

  it('a chat-only model gets the fill-the-hole messages, stopping at the closing tag', () => {
    const built = build({ model: 'llama3.1:8b', info: noFimInfo('llama3.1:8b'), snippets: [CLAMP] });
    assert.equal(built.kind, 'chat');
    const request = built.request as ChatRequest;
    assert.deepEqual(request.stop, [CLOSE_TAG]);
    const last = request.messages[request.messages.length - 1].content;
    assert.ok(last.includes(`${prefix}${HOLE}${suffix}`));
    assert.ok(last.includes('// Path: src/math.ts'));
  });

  it('a variant that cannot infill goes to chat even when its family can', () => {
    assert.equal(build({ model: 'codellama:13b-instruct', info: noFimInfo('codellama:13b-instruct') }).kind, 'chat');
  });

  it("the user's template wins over everything, sent raw with its stop tokens", () => {
    const parsed = parseUserTemplate('<PRE> {prefix} <SUF>{suffix} <MID>{stop: <EOT>}');
    assert.ok(parsed.ok);
    const built = build({ template: parsed.template, snippets: [CLAMP] });
    assert.equal(built.kind === 'raw' && built.family, 'custom');
    const request = completion(built);
    assert.equal(request.raw, true);
    assert.deepEqual(request.stop, [' <EOT>']);
    // No {context} placeholder: the snippets go at the top of {prefix}.
    assert.ok(request.prompt.startsWith('<PRE> // Path: src/math.ts\n'));
    assert.ok(request.prompt.endsWith(`${prefix} <SUF>${suffix} <MID>`));
  });

  it('reports the prompt size and the snippets it carries', () => {
    const built = build({ snippets: [CLAMP] });
    assert.deepEqual(built.snippets, [CLAMP]);
    const request = completion(built);
    assert.equal(built.promptTokens, estimateTokens(request.prompt) + estimateTokens(request.suffix ?? ''));
  });

  describe('fitting the budget', () => {
    // A long file: 3,000 numbered lines above the cursor and below it.
    const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `  total += step(${from + i}, table[${from + i}]);`).join('\n');
    const LONG = atCursor(`function run(table: number[]) {\n  let total = 0;\n${lines(0, 3000)}\n  total += █\n${lines(3000, 3000)}\n  return total;\n}\n`);

    it('stays within the budget of the real context and cuts prefix and suffix at line boundaries', () => {
      for (const contextLength of [2048, 8192, 32768]) {
        const built = build({ snapshot: LONG, contextLength });
        const request = completion(built);
        assert.ok(built.promptTokens <= promptBudget(contextLength, SETTINGS.maxTokens).total, `${contextLength}: ${built.promptTokens} tokens`);
        assert.ok(request.prompt.endsWith('\n  total += '), 'the cursor line is kept');
        assert.ok(request.prompt.startsWith('  total += step('), `prefix cut at a line start: ${request.prompt.slice(0, 30)}`);
        const fullSuffix = LONG.text.slice(LONG.offset);
        assert.ok(fullSuffix.startsWith(request.suffix ?? ''));
        assert.equal(fullSuffix[(request.suffix ?? '').length], '\n', 'suffix cut at a line end');
      }
    });

    it('gives the prefix more of a larger context', () => {
      const small = completion(build({ snapshot: LONG, contextLength: 2048 })).prompt.length;
      const large = completion(build({ snapshot: LONG, contextLength: 8192 })).prompt.length;
      assert.ok(large > small * 1.5, `${small} → ${large}`);
    });

    it('drops the lowest-scored snippets first when they do not all fit, best nearest the code', () => {
      const big = (name: string, score: number) => snippet(`src/${name}.ts`, lines(0, 12).replace(/step/g, name), score);
      const snippets = [big('low', 0.1), big('high', 0.9), big('mid', 0.5), big('top', 1)];
      const built = build({ snapshot: LONG, snippets, contextLength: 2048 });
      const kept = built.snippets.map((s) => s.path);
      assert.ok(kept.length >= 1 && kept.length < 4, `kept ${kept.join(', ')}`);
      assert.equal(kept[kept.length - 1], 'src/top.ts');
      assert.ok(!kept.includes('src/low.ts'));
      assert.ok(built.promptTokens <= promptBudget(2048, SETTINGS.maxTokens).total);
    });

    it('a short file leaves its unused share to the snippets', () => {
      const many = Array.from({ length: 12 }, (_, i) => snippet(`src/m${i}.ts`, lines(0, 12).replace(/step/g, `m${i}`), 1 - i / 100));
      const budget = promptBudget(8192, SETTINGS.maxTokens);
      const built = build({ snippets: many });
      const snippetTokens = built.promptTokens - estimateTokens(DOC.text);
      assert.ok(snippetTokens > budget.snippets, `${snippetTokens} snippet tokens within a share of ${budget.snippets}`);
      assert.ok(built.promptTokens <= budget.total);
    });

    it('the chat prompt fits too, its instructions included', () => {
      const built = build({ snapshot: LONG, model: 'llama3.1:8b', info: noFimInfo('llama3.1:8b'), contextLength: 2048 });
      assert.ok(built.promptTokens <= promptBudget(2048, SETTINGS.maxTokens).total, `${built.promptTokens}`);
    });
  });

  describe('a prompt start the server can reuse (previousSnippets)', () => {
    const one = (name: string, score: number) => snippet(`src/${name}.ts`, `export function ${name}(x: number): number {\n  return x;\n}`, score);
    const paths = (built: BuiltCompletionRequest) => built.snippets.map((s) => s.path);

    it('keeps the snippets the previous prompt carried at the start, in its order, and adds new ones after them', () => {
      const first = build({ snippets: [one('a', 0.5), one('b', 0.9)] });
      assert.deepEqual(paths(first), ['src/a.ts', 'src/b.ts'], 'ascending score: the best nearest the code');
      // Next keystroke: the scores swapped and a new snippet came.
      const next = build({ snippets: [one('a', 0.95), one('b', 0.4), one('c', 0.7)], previousSnippets: first.snippets.map(snippetKey) });
      assert.deepEqual(paths(next), ['src/a.ts', 'src/b.ts', 'src/c.ts']);
      assert.ok(completion(next).prompt.startsWith(completion(first).prompt.slice(0, completion(first).prompt.indexOf('// Path: src/app.ts'))), 'the previous snippets are the start of the new prompt');
    });

    it('a carried-over snippet wins a close call for the last place in the budget, not a clear loss', () => {
      const big = (name: string, score: number) => snippet(`src/${name}.ts`, Array.from({ length: 15 }, (_, i) => `export const ${name}${i} = ${i};`).join('\n'), score);
      const fits = (snippets: BuildInput['snippets'], previousSnippets?: string[]) => paths(build({ snapshot: LONG_DOC, snippets, contextLength: 2048, previousSnippets }));
      const kept = fits([big('old', 0.5)]);
      assert.deepEqual(kept, ['src/old.ts']);
      const previous = [snippetKey(big('old', 0.5))];
      assert.deepEqual(fits([big('old', 0.5), big('new', 0.55)], previous), ['src/old.ts'], 'a near tie keeps what the prompt had');
      assert.deepEqual(fits([big('old', 0.5), big('new', 0.55)]), ['src/new.ts'], 'without a previous prompt the higher score wins');
      assert.deepEqual(fits([big('old', 0.3), big('new', 0.9)], previous), ['src/new.ts'], 'a clear loss is not kept');
    });
  });
});

const LONG_DOC = atCursor(`function run(table: number[]) {\n  let total = 0;\n${Array.from({ length: 3000 }, (_, i) => `  total += step(${i}, table[${i}]);`).join('\n')}\n  total += █\n}\n`);
