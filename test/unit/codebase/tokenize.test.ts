import * as assert from 'node:assert/strict';
import { splitCompound } from '../../../src/codebase/compounds';
import { stem } from '../../../src/text/stem';
import { codeTokens, nameTerms, queryTokens, queryWords, splitIdentifier } from '../../../src/codebase/tokenize';

describe('codebase: tokenizer', () => {
  it('splits identifiers on camelCase, PascalCase, acronyms, snake_case, kebab-case and digits', () => {
    assert.deepEqual(splitIdentifier('parseHTTPHeaders2'), ['parse', 'http', 'headers', '2']);
    assert.deepEqual(splitIdentifier('XMLHttpRequest'), ['xml', 'http', 'request']);
    assert.deepEqual(splitIdentifier('utf8Decode'), ['utf', '8', 'decode']);
    assert.deepEqual(codeTokens('parse_http_header kebab-case-name'), codeTokens('parseHttpHeader kebabCaseName'));
  });

  it('folds word forms so code and prose meet: plurals, -ing, -ed, -er', () => {
    for (const word of ['parses', 'parsing', 'parsed', 'parser']) assert.equal(stem(word), stem('parse'), word);
    assert.equal(stem('entries'), stem('entry'));
    assert.equal(stem('running'), stem('run'));
    // Short words are left alone: "is", "user", "status" are not plurals or verb forms.
    assert.equal(stem('is'), 'is');
    assert.equal(stem('status'), 'status');
  });

  it('keeps words apart that only a dropped e or a doubled l would join: `note` and `not`, `fill` and `file`', () => {
    for (const [a, b] of [['note', 'not'], ['state', 'stat'], ['mode', 'mod'], ['none', 'non'], ['file', 'fill'], ['file', 'fil']]) {
      assert.notEqual(stem(a), stem(b), `${a} / ${b}`);
    }
    // Each still meets its own forms, the e put back where -ing, -ed or -er took it with them.
    for (const [form, word] of [['notes', 'note'], ['noted', 'note'], ['stated', 'state'], ['filing', 'file'], ['filed', 'file'], ['coding', 'code'], ['naming', 'name'], ['timer', 'time'], ['typing', 'type'], ['closed', 'close'], ['writer', 'write']]) {
      assert.equal(stem(form), stem(word), form);
    }
    for (const [form, word] of [['filling', 'fill'], ['filled', 'fill'], ['stats', 'stat'], ['controlled', 'control'], ['cancelled', 'cancel'], ['calling', 'call']]) {
      assert.equal(stem(form), stem(word), form);
    }
    // A longer stem drops its e as before, so the verb meets its forms.
    for (const [form, word] of [['created', 'create'], ['removing', 'remove'], ['values', 'value'], ['hopping', 'hop']]) assert.equal(stem(form), stem(word), form);
    assert.notEqual(stem('hoping'), stem('hopping'));
  });

  it('folds plurals in -ys and irregular forms: `keys` meets "key", `indices` meets "index", `built` meets "build"', () => {
    assert.equal(stem('keys'), stem('key'));
    assert.equal(stem('arrays'), stem('array'));
    for (const [form, word] of [['indices', 'index'], ['children', 'child'], ['built', 'build'], ['written', 'write'], ['sent', 'send']]) {
      assert.equal(stem(form), stem(word), form);
    }
    assert.deepEqual(codeTokens('getChildren'), queryTokens('get the child'));
  });

  it('spells out abbreviations on both sides: `attr` meets "attribute", `cfg` meets "configuration"', () => {
    assert.deepEqual(codeTokens('getAttr'), queryTokens('get attribute'));
    assert.deepEqual(codeTokens('loadCfg'), queryTokens('load configuration'));
    // Unix and C spellings: `ischr` is named by "character", `storbinary` by "store" and "binary".
    assert.ok(codeTokens('ischr').includes(stem('character')));
    for (const word of queryTokens('store binary')) assert.ok(codeTokens('storbinary').includes(word), word);
    for (const word of queryTokens('retrieve lines')) assert.ok(codeTokens('retrlines').includes(word), word);
  });

  it('reads a lower-case compound as its halves too (`readline`), but not ordinary words', () => {
    assert.deepEqual(splitCompound('readline'), ['read', 'line']);
    assert.deepEqual(splitCompound('iseven'), ['is', 'even']);
    assert.deepEqual(splitCompound('filename'), ['file', 'name']);
    assert.deepEqual(splitCompound('tokens'), []);
    assert.deepEqual(splitCompound('issue'), []);
    assert.ok(codeTokens('readline').includes(stem('line')));
  });

  it('cuts a run-together identifier wholly into vocabulary words and abbreviations when it can', () => {
    assert.deepEqual(splitCompound('getallmatchingheaders'), ['get', 'all', 'matching', 'headers']);
    assert.deepEqual(splitCompound('getdomainliteral'), ['get', 'domain', 'literal']);
    assert.deepEqual(splitCompound('isinfinity'), ['is', 'infinity']);
    assert.deepEqual(splitCompound('expandvars'), ['expand', 'vars']);
    // A word of its own stays whole, and one that cannot be cut wholly keeps the two-halves rule or nothing.
    assert.deepEqual(splitCompound('information'), []);
    assert.deepEqual(splitCompound('settiltangle'), ['set', 'tiltangle']);
    assert.deepEqual(splitCompound('xqzvbnmk'), []);
    // Five letters: a whole cut (`isblk` of stat and tarfile, `isdir` of os.path); a word of its own stays whole.
    assert.deepEqual(splitCompound('isblk'), ['is', 'blk']);
    assert.deepEqual(splitCompound('isdir'), ['is', 'dir']);
    assert.deepEqual(splitCompound('often'), []);
    const terms = codeTokens('def getallmatchingheaders(self, name):');
    for (const word of queryTokens('matching headers')) assert.ok(terms.includes(word), word);
  });

  it('reads a name as the words a question must say to name it all: a one-word compound as its words, not itself', () => {
    assert.deepEqual(nameTerms('getvalue'), [stem('get'), stem('value')]);
    assert.deepEqual(nameTerms('log_error'), [stem('log'), stem('error')]);
    assert.deepEqual(nameTerms('is_HDN'), ['is', 'hdn']);
    // Abbreviations spelled out and words stemmed as in the index; each term once.
    assert.deepEqual(nameTerms('__init__'), [stem('initialize')]);
    assert.deepEqual(nameTerms('getAttr'), [stem('get'), stem('attribute')]);
    assert.deepEqual(nameTerms('close'), ['close']);
  });

  it('drops stop words from queries only, and keeps them when nothing else is left', () => {
    assert.deepEqual(queryTokens('Returns the name of the file'), [stem('name'), stem('file')]);
    assert.ok(codeTokens('return this.name').includes('return'));
    assert.deepEqual(queryTokens('is it'), ['is', 'it']);
  });

  it('reads a yes/no question as one about a predicate: `is` (and its own `has` or `can`) count as words', () => {
    for (const q of ['Return True if the path exists.', 'Returns `true` when the node has children', 'Checks whether it can run', 'Whether the list is sorted'])
      assert.ok(queryTokens(q).includes('is'), q);
    assert.ok(queryTokens('Returns true if the node has children').includes('has'));
    assert.ok(queryTokens('Tests if the user can write').includes('can'));
    // Not a yes/no question: no `is`, and the stop words stay dropped.
    for (const q of ['Is called when the token request is processed.', 'Get the name it has', 'Return the true path if any'])
      assert.ok(!queryTokens(q).some((t) => t === 'is' || t === 'has'), q);
    assert.deepEqual(queryTokens('Get the name'), ['get', 'name']);
  });

  it('keeps the name words of a question (`to`, `before`, `all`) apart, for names only; a question of stop words only has none', () => {
    assert.deepEqual(queryWords('Convert the value to a string before all else').nameWords, ['to', 'befor', 'all']);
    assert.ok(!queryTokens('Convert the value to a string').includes('to'), 'not an ordinary word');
    assert.deepEqual(queryWords('Get the name').nameWords, []);
    assert.deepEqual(queryWords('The list is empty').nameWords, ['is']);
    assert.deepEqual(queryWords('to all').nameWords, [], 'queryTokens keeps them as ordinary words then');
  });

  it('cuts a question\'s longer words into the leading parts code abbreviates them to (`ident`, `sock`), for names only', () => {
    const { terms, truncations } = queryWords('Thread identifier of this thread');
    for (const part of ['iden', 'ident', 'identif']) assert.ok(truncations.includes(part), part);
    assert.ok(!truncations.some((t) => terms.includes(t)), 'a part already among the terms is not looked up again');
    assert.ok(!truncations.includes(codeTokens('identifie')[0]), 'a part one letter short is a word form, not a cut');
    assert.ok(queryWords('Open a socket').truncations.includes('sock'));
    // Short words, words in the abbreviation table and words with digits are not cut.
    assert.deepEqual(queryWords('Get the name of a file').truncations, []);
    assert.deepEqual(queryWords('Read the config').truncations, []);
    assert.deepEqual(queryWords('Decode 1234567 as utf16').truncations, ['deco']);
  });

  it("counts the words a question writes as code twice (in memory): quoted, snake_case, camelCase, called or indexed", () => {
    const twice = (q: string) => {
      const { terms } = queryWords(q);
      return [...new Set(terms.filter((t, i) => terms.indexOf(t) !== i))].sort();
    };
    assert.deepEqual(twice("Push 'line' onto an internal buffer."), [stem('line')]);
    assert.deepEqual(twice('Push `line` onto the *stack*.'), [stem('line'), stem('stack')].sort());
    assert.deepEqual(twice('Generates an OAuth client_id'), codeTokens('client_id').sort());
    assert.deepEqual(twice('Uses startIndex and endIndex'), [...new Set(codeTokens('startIndex endIndex'))].sort());
    assert.deepEqual(twice('Like readline(), from maps[0]'), [stem('readline'), ...codeTokens('maps')].sort());
    // Prose, a capitalized word and a PascalCase name are not code written in a question.
    assert.deepEqual(twice('Push the line onto the JavaScript buffer of OAuth clients.'), []);
    assert.deepEqual(twice('Returns the name of the file'), []);
    // The FTS5 tier's words (queryTokens) are the question's as written.
    assert.deepEqual(queryTokens("Push 'line' onto an internal buffer."), queryTokens('Push line onto an internal buffer.'));
  });

  it('reads Javadoc and JSDoc inline tags as their author meant: {@code x} and {@link X} are code, the tag names are not words', () => {
    assert.deepEqual(queryTokens('Attach the {@link ReactRoot} to the {@code host}.'), queryTokens('Attach the `ReactRoot` to the `host`.'));
    assert.deepEqual(queryWords('Attach the {@link ReactRoot} to the {@code host}.'), queryWords('Attach the `ReactRoot` to the `host`.'));
    assert.ok(!queryTokens('See {@link Foo#bar the bar} and {@inheritDoc}').some((t) => t === stem('link') || t === stem('inheritDoc') || t === stem('inherit')));
    assert.deepEqual(queryTokens('See {@link Foo#bar the bar}'), queryTokens('See `Foo#bar` the bar'), "a link's label stays prose");
    // "Returns {@code true} if" is a predicate question, as "Returns `true` if" is.
    assert.ok(queryTokens('Returns {@code true} if the view is attached.').includes(stem('is')));
  });

  it("reads Sphinx roles in a docstring as their targets: :func:`x`, :py:class:x, :class:`~.X` without the role's name", () => {
    assert.deepEqual(queryTokens('Yield groups using :func:`itertools.groupby`.'), queryTokens('Yield groups using itertools.groupby.'));
    assert.deepEqual(queryTokens('Returns a :py:class:datetime for today'), queryTokens('Returns a datetime for today'));
    assert.deepEqual(queryTokens('Indent a :class:`~.Buffer` object.'), queryTokens('Indent a Buffer object.'));
    // The target is a plain word (not counted twice as backticks would make it).
    assert.deepEqual(queryWords('Yield groups using :func:`groupby`.').terms, queryWords('Yield groups using groupby.').terms);
    // Colons in prose that are not a role stay words.
    assert.deepEqual(queryTokens('Connect to host:port:path'), codeTokens('Connect host port path'));
  });

  it('never turns a redaction placeholder into words', () => {
    assert.deepEqual(codeTokens('const token = "«secret:github-token:abcdefghij»";'), codeTokens('const token = "";'));
  });
});
