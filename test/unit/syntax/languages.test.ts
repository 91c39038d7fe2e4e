/**
 * The language table is the one place that holds language facts: every entry must carry what each stage
 * reads, so adding a language is one entry (plus a grammar to parse it) and no stage falls back silently.
 */
import * as assert from 'node:assert/strict';
// @ts-expect-error -- a plain .mjs module shared with the build script
import { grammarSources } from '../../../src/syntax/grammarSources.mjs';
import { GRAMMARS, LANGUAGES, languageFacts, languageOfPath } from '../../../src/syntax/languages';
import { closesKeywordBlock } from '../../../src/completion/analysis/keywordBlocks';
import { commentSyntax } from '../../../src/context/asComments';
import { docStyle, fenceTag, languageName } from '../../../src/commands/promptVars';
import { sameLanguage } from '../../../src/commands/answer';
import { testSetupFor } from '../../../src/commands/testFramework';

describe('language table', () => {
  it('has no stage fall back to a default for a parsed language: Generate Tests knows its framework', () => {
    for (const [id, facts] of Object.entries(LANGUAGES)) {
      if (!facts.wasm) continue;
      const setup = testSetupFor({ sourcePath: `src/a.${facts.extensions![0]}`, languageId: id, manifests: {}, nearbyFiles: [] });
      assert.notEqual(setup.framework, 'the usual test framework of the language', id);
    }
  });
});

describe('language table', () => {
  it('gives every language a comment syntax the context header can write', () => {
    for (const [id, facts] of Object.entries(LANGUAGES)) {
      const c = facts.comment;
      assert.ok('line' in c ? c.line.length > 0 : c.open.length > 0 && c.close.length > 0, id);
      assert.deepEqual(commentSyntax(id), c, id);
    }
  });

  it('gives every parsed language a shipped grammar, extensions, a name, fence aliases, a doc style and lexical rules', () => {
    const parsed = Object.entries(LANGUAGES).filter(([, f]) => f.wasm);
    assert.ok(parsed.length >= 13);
    for (const [id, facts] of parsed) {
      assert.ok(facts.wasm! in (grammarSources as Record<string, string>), `${id}: ${facts.wasm} has no source`);
      assert.equal(GRAMMARS[id]?.wasm, facts.wasm, id);
      assert.ok(facts.extensions && facts.extensions.length > 0, `${id}: extensions`);
      for (const ext of facts.extensions) assert.equal(languageOfPath(`src/a.${ext}`), id, `${id}: .${ext}`);
      assert.ok(facts.name && languageName(id) === facts.name, `${id}: name`);
      assert.ok(facts.fenceAliases?.includes(fenceTag(id)), `${id}: its fence tag is among its aliases`);
      assert.ok(sameLanguage(fenceTag(id), id), id);
      assert.ok(facts.docStyle && docStyle(id) === facts.docStyle, `${id}: doc style`);
      assert.ok(facts.lexical && facts.lexical.quotes.length > 0, `${id}: lexical rules`);
      assert.ok(facts.imports, `${id}: import style`);
      assert.ok(facts.tests, `${id}: test-framework hints`);
    }
  });

  it('reads a .h header as C++ when its text is C++ (namespace, class, template, access label, std::), else as C', () => {
    const cpp = [
      'namespace facebook::react {\nclass CallInvoker;\n}',
      '#pragma once\n#include <vector>\nint f();',
      'template <typename T>\nT max(T a, T b);',
      'struct Point {\n public:\n  int x;\n};',
      'class Widget : public Base {\n  int size;\n};',
      'using Names = std::vector<int>;',
    ];
    for (const text of cpp) assert.equal(languageOfPath('include/a.h', text), 'cpp', text);
    const c = ['#include <stdio.h>\n#include "util.h"\nstruct point { int x; };\nint add(int a, int b);', '/* A class of errors: see namespace docs. */\ntypedef int error_class;'];
    for (const text of c) assert.equal(languageOfPath('include/a.h', text), 'c', text);
    assert.equal(languageOfPath('include/a.h'), 'c', 'without its text a header is C');
    assert.equal(languageOfPath('src/a.c', cpp[0]), 'c', 'only a header is read by its text');
  });

  it('gives lexical comment markers that agree with the comment syntax', () => {
    for (const [id, facts] of Object.entries(LANGUAGES)) {
      if (!facts.lexical || !('line' in facts.comment)) continue;
      assert.ok(facts.lexical.lineComments.includes(facts.comment.line), id);
    }
  });

  it('names only keyword-block styles the block stage knows, each closing on its keyword', () => {
    for (const [id, facts] of Object.entries(LANGUAGES)) {
      if (!facts.keywordBlocks) continue;
      assert.ok(closesKeywordBlock('end', id), id);
    }
  });

  it('does not claim one extension for two languages', () => {
    const seen = new Map<string, string>();
    for (const [id, facts] of Object.entries(LANGUAGES)) {
      for (const ext of facts.extensions ?? []) {
        assert.equal(seen.get(ext), undefined, `.${ext} in ${id} and ${seen.get(ext)}`);
        seen.set(ext, id);
      }
    }
  });

  it('knows nothing of unknown ids, even those on Object.prototype', () => {
    assert.equal(languageFacts('brainfuck'), undefined);
    assert.equal(languageFacts('constructor'), undefined);
  });
});
