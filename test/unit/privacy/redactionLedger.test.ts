import * as assert from 'node:assert/strict';
import type { ChatRequest, CompletionRequest } from '../../../src/backends/types';
import { RedactionLedger } from '../../../src/privacy/redactionLedger';
import { redactRequest } from '../../../src/privacy/redactRequest';
import { Redactor } from '../../../src/privacy/redactor';
import { CORPUS } from './corpus';

const [tokenA, tokenB] = CORPUS.filter((c) => c.rule === 'github-token').map((c) => c.secret);
const stripe = CORPUS.find((c) => c.rule === 'stripe-key')!.secret;

describe('privacy: the redaction ledger restores only where a placeholder was made', () => {
  const redactor = new Redactor();
  const file = `const a = "${tokenA}";\nconst s = "${stripe}";\n`;

  it('puts back a placeholder of the same request into the file that holds its value', () => {
    const ledger = new RedactionLedger();
    const sent = redactor.redact(file, ledger).text;
    const answer = sent.replace('const a', 'export const a');
    assert.equal(ledger.restoreInto(answer, file), `export ${file}`);
  });

  it('keeps a placeholder from an earlier request, even of the same session and the same file', () => {
    const earlier = redactor.redact(`x = "${tokenB}"`).text;
    const ledger = new RedactionLedger();
    redactor.redact(file, ledger);
    assert.equal(ledger.restoreInto(earlier, `${file}\nx = "${tokenB}"`), earlier);
  });

  it('keeps a placeholder whose value is not in the target file (a context snippet from another file)', () => {
    const ledger = new RedactionLedger();
    const snippet = `// Path: src/other.ts\n// const k = "${tokenB}";`;
    const sent = redactor.redact(`${snippet}\n${file}`, ledger).text;
    const placeholderB = sent.split('\n')[1].match(/«secret:[^»]+»/)![0];
    assert.equal(ledger.restoreInto(`use(${placeholderB})`, file), `use(${placeholderB})`);
    assert.equal(ledger.restoreInto(`use(${placeholderB})`, `${file}// ${tokenB}`), `use(${tokenB})`, 'restored where the file holds it');
  });

  it('keeps guessed and old numbered placeholders', () => {
    const ledger = new RedactionLedger();
    redactor.redact(file, ledger);
    const guesses = '«secret:github-token:aaaaaaaaaa» «secret:github-token:1» «secret:stripe-key:2»';
    assert.equal(ledger.restoreInto(guesses, file), guesses);
  });

  it('carries no values when serialised or cloned', () => {
    const ledger = new RedactionLedger();
    redactor.redact(file, ledger);
    assert.equal(ledger.size, 2);
    assert.ok(!JSON.stringify({ ledger }).includes(tokenA));
    assert.ok(!JSON.stringify(structuredClone({ ledger })).includes(tokenA));
  });
});

describe('privacy: redactRequest, the one function from a built request to the request sent', () => {
  const redactor = new Redactor();

  it('redacts a completion prompt and suffix apart, notes what it replaced, and drops the ledger from the request', () => {
    const redaction = new RedactionLedger();
    const request: CompletionRequest = { model: 'm', prompt: `a = "${tokenA}"\n`, suffix: `\nb = "${stripe}"`, maxTokens: 5, redaction };
    const sent = redactRequest(request, redactor);
    assert.ok(!sent.prompt.includes(tokenA) && !sent.suffix!.includes(stripe));
    assert.equal(sent.maxTokens, 5);
    assert.equal('redaction' in sent, false);
    assert.equal(redaction.size, 2);
    assert.equal(request.prompt, `a = "${tokenA}"\n`, 'the built request is left as it was');
  });

  it('redacts every chat message and keeps the roles', () => {
    const redaction = new RedactionLedger();
    const request: ChatRequest = { model: 'm', messages: [{ role: 'system', content: 'Help.' }, { role: 'user', content: `Why? ${tokenA}` }], redaction };
    const sent = redactRequest(request, redactor);
    assert.deepEqual(sent.messages.map((m) => m.role), ['system', 'user']);
    assert.equal(sent.messages[0].content, 'Help.');
    assert.ok(!sent.messages[1].content.includes(tokenA));
    assert.deepEqual(redaction.placeholders(), [sent.messages[1].content.slice('Why? '.length)]);
  });
});
