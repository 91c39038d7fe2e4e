import * as assert from 'node:assert/strict';
import { preferValidSyntax } from '../../../../src/completion/postprocess/preferValidSyntax';
import { parseErrorCounter } from '../../../../src/completion/engine/syntaxCheck';
import { Parsers } from '../../../../src/syntax/parsers';
import { devGrammar } from '../../syntax/grammars';
import { contextAt, snapshotOf } from '../cursorFixture';

describe('postprocess/preferValidSyntax', function () {
  this.timeout(30000);
  const parsers = new Parsers(devGrammar);
  after(() => parsers.dispose());

  async function run(doc: string, text: string, alternatives: string[], languageId = 'typescript') {
    const snapshot = snapshotOf(doc, languageId);
    const language = (await parsers.language(languageId))!;
    const countParseErrors = parseErrorCounter(snapshot, language, (l, t) => parsers.parse(l, t));
    return preferValidSyntax({ text, replaceLength: 0, alternatives }, { ...contextAt(doc, languageId), countParseErrors })!;
  }

  it('takes the alternative when the first choice would close the block twice', async () => {
    // The model wrote its `}` less indented than the `};` below, so the text rules kept it first.
    const doc = 'export class A {\n  run() {\n    const p = {\n      █\n    };\n    return p;\n  }\n}\n';
    const draft = await run(doc, 'a: 1,\n  }', ['a: 1,']);
    assert.deepEqual(draft, { text: 'a: 1,', replaceLength: 0 });
  });

  it('keeps the first choice when it parses no worse', async () => {
    const doc = 'export class A {\n  run() {█\n\n  stop() {}\n}\n';
    const draft = await run(doc, '\n    go();\n  }', ['\n    go();']);
    assert.deepEqual(draft, { text: '\n    go();\n  }', replaceLength: 0 });
  });

  it('works in Python, nested in a class far from the top level', async () => {
    const body = Array.from({ length: 150 }, (_, i) => `    def m${i}(self):\n        return ${i}\n`).join('');
    const doc = `class A:\n${body}    def f(self, x):\n        if x:\n            █\n        return x\n`;
    const draft = await run(doc, 'x = (1,\n', ['x = (1,)'], 'python');
    assert.equal(draft.text, 'x = (1,)');
  });

  it('without a parser, or without alternatives, the first choice stands', () => {
    const ctx = contextAt('const p = {\n  █\n};\n');
    assert.deepEqual(preferValidSyntax({ text: 'a', replaceLength: 0, alternatives: ['b'] }, ctx), { text: 'a', replaceLength: 0 });
    assert.deepEqual(preferValidSyntax({ text: 'a', replaceLength: 0 }, ctx), { text: 'a', replaceLength: 0 });
  });
});
