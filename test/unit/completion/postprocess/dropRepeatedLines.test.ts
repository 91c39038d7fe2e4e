import * as assert from 'node:assert/strict';
import { dropRepeatedLines } from '../../../../src/completion/postprocess/dropRepeatedLines';
import { contextAt } from '../cursorFixture';

describe('postprocess/dropRepeatedLines', () => {
  const run = (text: string) => dropRepeatedLines({ text, replaceLength: 0 }, contextAt('function f() {█\n'))!.text;

  it('keeps one copy of a line the model loops on', () => {
    assert.equal(run('\n  a();\n  log(x);\n  log(x);\n  log(x);\n  log(x);'), '\n  a();\n  log(x);');
  });

  it('keeps one copy of a block of lines the model loops on', () => {
    assert.equal(run('\n  a = 1;\n  b = 2;\n  a = 1;\n  b = 2;\n  a = 1;\n  b = 2;'), '\n  a = 1;\n  b = 2;');
  });

  it('leaves real code alone: two repeats, closing brackets, blank lines', () => {
    assert.equal(run('\n  x++;\n  x++;\n  y();'), '\n  x++;\n  x++;\n  y();');
    assert.equal(run('\n      }\n    }\n  }\n}'), '\n      }\n    }\n  }\n}');
    assert.equal(run('\n      })\n      })\n      })'), '\n      })\n      })\n      })');
  });
});
