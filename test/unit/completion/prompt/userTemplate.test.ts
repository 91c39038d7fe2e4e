import * as assert from 'node:assert/strict';
import { FIM_TEMPLATES } from '../../../../src/completion/prompt/templates';
import { parseUserTemplate, renderUserTemplate, type UserTemplate } from '../../../../src/completion/prompt/userTemplate';

function parsed(source: string): UserTemplate {
  const result = parseUserTemplate(source);
  if (!result.ok) assert.fail(result.error);
  return result.template;
}

const VALUES = { prefix: 'let x = ', suffix: ';\n', context: '// Path: a.ts\n// const A = 1;\n', path: 'src/b.ts', language: 'typescript', repo: 'demo' };

describe('completion/prompt/userTemplate: the completion.template setting', () => {
  it('fills every placeholder', () => {
    const t = parsed('<repo>{repo}</repo><file>{path} ({language})</file>{context}<PRE>{prefix}<SUF>{suffix}<MID>');
    assert.equal(renderUserTemplate(t, VALUES), '<repo>demo</repo><file>src/b.ts (typescript)</file>// Path: a.ts\n// const A = 1;\n<PRE>let x = <SUF>;\n<MID>');
    assert.equal(t.hasContext, true);
  });

  it('takes stop sequences from {stop:…}, which are not part of the prompt, spaces included', () => {
    const t = parsed('<PRE> {prefix} <SUF>{suffix} <MID>{stop: <EOT>}{stop:<EOT>}');
    assert.deepEqual(t.stop, [' <EOT>', '<EOT>']);
    assert.equal(renderUserTemplate(t, VALUES), '<PRE> let x =  <SUF>;\n <MID>');
  });

  it("without {stop:…}, uses the stop tokens of the family whose FIM tokens it uses", () => {
    assert.deepEqual(parsed('<|fim_prefix|>{prefix}<|fim_suffix|>{suffix}<|fim_middle|>').stop, FIM_TEMPLATES['qwen-coder'].stop);
    assert.deepEqual(parsed('{prefix}').stop, []);
  });

  it('writes {{ and }} as literal braces', () => {
    assert.equal(renderUserTemplate(parsed('{{x}} {prefix}'), VALUES), '{x} let x = ');
  });

  it('never reads placeholder-like text inside the code as a placeholder', () => {
    const t = parsed('A{prefix}B{suffix}C');
    assert.equal(renderUserTemplate(t, { ...VALUES, prefix: 'f"{suffix}"', suffix: '{prefix}' }), 'Af"{suffix}"B{prefix}C');
  });

  it('says what is wrong with a bad template', () => {
    const error = (source: string) => {
      const result = parseUserTemplate(source);
      assert.equal(result.ok, false);
      return result.ok ? '' : result.error;
    };
    assert.match(error('{prefix}{sufix}'), /Unknown placeholder \{sufix\}.*\{suffix\}/);
    assert.match(error('{suffix}'), /needs a \{prefix\}/);
    assert.match(error('{prefix'), /Unclosed "\{" at character 1/);
    assert.match(error('{prefix} }'), /Unmatched "\}" at character 10/);
  });

  it('notes when the template leaves the context to the prefix', () => {
    assert.equal(parsed('{prefix}').hasContext, false);
  });
});
