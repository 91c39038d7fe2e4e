/** The golden case reader: what a well-formed file gives, and the message each kind of mistake gets. */
import * as assert from 'node:assert/strict';
import { GoldenFormatError, parseGolden } from './format';

const FENCE = '```';

/** A well-formed case, with parts replaceable to make it malformed. */
function golden(parts: { title?: string; header?: string; document?: string; output?: string; expected?: string; extra?: string } = {}): string {
  return [
    parts.title ?? '# Completes the call',
    '',
    parts.header ?? 'language: typescript',
    '',
    '## document',
    '',
    parts.document ?? `${FENCE}ts\nconst x = f(█)\n${FENCE}`,
    '',
    '## model output',
    '',
    parts.output ?? `${FENCE}\n1);\n${FENCE}`,
    '',
    '## expected',
    '',
    parts.expected ?? `${FENCE}\n1);\n${FENCE}`,
    parts.extra ?? '',
  ].join('\n');
}

function problem(source: string): string {
  try {
    parseGolden('cases/x.golden.md', source);
  } catch (error) {
    assert.ok(error instanceof GoldenFormatError, String(error));
    return error.message;
  }
  assert.fail('the file parsed');
}

describe('golden case format', () => {
  it('reads the title, keys, sections and texts byte for byte', () => {
    const c = parseGolden(
      'cases/x.golden.md',
      golden({
        header: 'language: typescript\nguards: commit abc1234\ntrigger: manual\nnative-fim: no\nreplaces: )\nfathom.completion.model: llama3.2:3b\nfathom.completion.enableInComments: false',
        document: `${FENCE}ts\nfunction f() {\n\treturn g(█)  \n}\n${FENCE}`,
        output: `${FENCE}\n1);\n\\ No newline at end of file\n${FENCE}`,
        extra: `\n## file src/lib.ts\n\n${FENCE}\nexport const g = 1;\n${FENCE}\n\n## prompt includes\n\n${FENCE}\nexport const g\n${FENCE}\n\n${FENCE}\nfunction f\n${FENCE}\n`,
      }),
    );
    assert.equal(c.title, 'Completes the call');
    assert.equal(c.guards, 'commit abc1234');
    assert.equal(c.trigger, 'manual');
    assert.equal(c.nativeFim, false);
    assert.deepEqual(c.settings, { 'fathom.completion.model': 'llama3.2:3b', 'fathom.completion.enableInComments': false });
    assert.equal(c.text, 'function f() {\n\treturn g()  \n}\n', 'tabs and trailing spaces are kept');
    assert.equal(c.text.slice(c.offset), ')  \n}\n');
    assert.equal(c.modelOutput, '1);', 'the git marker drops the final line break');
    assert.deepEqual(c.expected, { insert: '1);', replaces: ')' }, "a ghost text's final line break is not part of it");
    assert.deepEqual(c.files, { 'src/lib.ts': 'export const g = 1;\n' });
    assert.deepEqual(c.promptIncludes, ['export const g', 'function f']);
  });

  it('reads `no suggestion`, longer fences around fences, and CRLF documents', () => {
    const c = parseGolden(
      'cases/x.golden.md',
      golden({ header: 'language: typescript\neol: crlf', document: `${FENCE}\na\nb█\n${FENCE}`, output: `\`\`\`\`\n${FENCE}ts\nx\n${FENCE}\n\`\`\`\``, expected: 'no suggestion' }),
    );
    assert.equal(c.expected, undefined);
    assert.equal(c.text, 'a\r\nb\r\n');
    assert.equal(c.offset, 4);
    assert.equal(c.modelOutput, '```ts\r\nx\r\n```\r\n');
  });

  it('says which file and line is wrong, and how', () => {
    const cases: [string, RegExp][] = [
      ['language: typescript\n', /x\.golden\.md:1: the file must start with a title line/],
      [golden({ header: 'langauge: typescript' }), /:3: unknown key `langauge`; known: language, /],
      [golden({ header: 'language: typescript\nfathom.completion.modle: x' }), /:4: `fathom\.completion\.modle` is not a Fathom setting/],
      [golden({ header: 'language: typescript\ntrigger: sometimes' }), /:4: `trigger` is one of automatic, manual; found "sometimes"/],
      [golden({ header: 'language typescript' }), /:3: expected `key: value` or a `## section`/],
      [golden({ header: 'language: typescript\nlanguage: python' }), /:4: `language` is given twice/],
      [golden({ header: 'guards: x' }), /missing `language: <VS Code language id>`/],
      [golden({ extra: '\n## notes\n' }), /unknown section `## notes`; known: ## document, ## model output/],
      [golden({ extra: '\n## document\n' }), /section `## document` is given twice/],
      [golden({ document: 'const x = f(█)' }), /:7: text outside a fenced block in `## document`: "const x = f\(█\)"/],
      [golden({ output: `${FENCE}\n1);` }), /:13: the fenced block opened here with ``` runs into `## expected` at line 16: is its closing fence missing\?/],
      [golden({ expected: `${FENCE}\n1);` }), /:19: the fenced block opened here with ``` is never closed/],
      [golden({ document: `${FENCE}\nconst x = 1;\n${FENCE}` }), /:7: the document needs exactly one cursor marker █, found 0/],
      [golden({ document: `${FENCE}\n█ █\n${FENCE}` }), /found 2/],
      [golden({ output: `${FENCE}\na\n${FENCE}\n${FENCE}\nb\n${FENCE}` }), /`## model output` needs exactly one fenced block, found 2/],
      [golden({ expected: '' }), /`## expected` needs the ghost text in a fenced block, or the words `no suggestion`/],
      [golden({ expected: `no suggestion\n${FENCE}\nx\n${FENCE}` }), /holds either a fenced ghost text or `no suggestion`, not both/],
      [golden({ expected: `${FENCE}\n   \n${FENCE}` }), /an empty or blank ghost text is never shown; write `no suggestion`/],
      [golden({ header: 'language: typescript\nreplaces: ];' }), /:4: `replaces: \];` is not what stands right of the cursor/],
      [golden({ header: 'language: typescript\nreplaces: )', expected: 'no suggestion' }), /`replaces` goes with a ghost text/],
      [golden().replace(/\n/g, '\r\n'), /golden files use LF line ends/],
      [golden({ extra: '\n## prompt excludes\n' }), /`## prompt excludes` needs at least one fenced block/],
    ];
    for (const [source, message] of cases) assert.match(problem(source), message);
  });

  it('a missing section is named', () => {
    const source = golden().replace(/## expected[\s\S]*$/, '');
    assert.match(problem(source), /missing section `## expected`/);
  });
});
