/** Saved conversations in a real folder: what survives a window reload, and what happens to a file that cannot be read. */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ask, newConversation, startAnswer, type Conversation } from '../../../src/chat/conversation';
import { ConversationStore, describeProblems } from '../../../src/chat/store';

function conversation(id: string, question: string, at: number, answer = `Answer to ${question}`): Conversation {
  const asked = ask(newConversation(id, at), { id: `${id}-q`, role: 'user', text: question, at, attachments: [{ id: 'a1', kind: 'selection', label: 'x.ts:1-2', path: 'src/x.ts', languageId: 'typescript', text: 'let x = 1;', startLine: 1, endLine: 2 }] });
  return startAnswer(asked, { id: `${id}-a`, role: 'assistant', text: answer, at: at + 1, model: 'llama3.2:3b' });
}

describe('chat: the conversation store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fathom-chat-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves conversations that a new store (a reloaded window) reads back exactly', async () => {
    const store = new ConversationStore(dir);
    const one = conversation('c1', 'What is a monad?', 100);
    const two = conversation('c2', 'Explain closures', 200);
    await store.save(one);
    await store.save(two);
    const reloaded = new ConversationStore(dir);
    const { conversations, problems } = await reloaded.load();
    assert.deepEqual(problems, []);
    assert.deepEqual(
      conversations.sort((a, b) => a.id.localeCompare(b.id)),
      [one, two],
    );
    assert.deepEqual(await reloaded.get('c2'), two);
    assert.equal(await reloaded.get('nope'), undefined);
    assert.deepEqual((await readdir(dir)).sort(), ['chat-c1.json', 'chat-c2.json']);
  });

  it('a save replaces the saved conversation', async () => {
    const store = new ConversationStore(dir);
    await store.save(conversation('c1', 'First', 1));
    const changed = { ...conversation('c1', 'First', 1), title: 'Renamed' };
    await store.save(changed);
    assert.deepEqual(await new ConversationStore(dir).get('c1'), changed);
  });

  it('lists conversations newest first, with title and number of turns', async () => {
    const store = new ConversationStore(dir);
    await store.save(conversation('old', 'Oldest', 100));
    await store.save(conversation('new', 'Newest', 300));
    await store.save(conversation('mid', 'Middle', 200));
    const list = await new ConversationStore(dir).list();
    assert.deepEqual(list, [
      { id: 'new', title: 'Newest', updatedAt: 301, turns: 2 },
      { id: 'mid', title: 'Middle', updatedAt: 201, turns: 2 },
      { id: 'old', title: 'Oldest', updatedAt: 101, turns: 2 },
    ]);
  });

  it('does not write a conversation with no turns', async () => {
    const store = new ConversationStore(dir);
    await store.save(newConversation('empty', 5));
    await store.flushed();
    assert.deepEqual(await readdir(dir), []);
    assert.deepEqual((await new ConversationStore(dir).load()).conversations, []);
  });

  it('creates its folder on the first save, and loads nothing (no problem) before it exists', async () => {
    const nested = join(dir, 'globalStorage', 'chats');
    const store = new ConversationStore(nested);
    assert.deepEqual(await store.load(), { conversations: [], problems: [] });
    await store.save(conversation('c1', 'Q', 1));
    assert.deepEqual(await readdir(nested), ['chat-c1.json']);
  });

  it('delete removes the file, and the conversation is gone after a reload', async () => {
    const store = new ConversationStore(dir);
    await store.save(conversation('c1', 'Keep', 1));
    await store.save(conversation('c2', 'Drop', 2));
    await store.delete('c2');
    assert.deepEqual(await readdir(dir), ['chat-c1.json']);
    assert.deepEqual(
      (await store.list()).map((c) => c.id),
      ['c1'],
    );
    assert.deepEqual(
      (await new ConversationStore(dir).list()).map((c) => c.id),
      ['c1'],
    );
    await store.delete('never-saved'); // nothing to delete is not an error
  });

  describe('a file that cannot be read', () => {
    const corrupt: Array<[string, string, string, RegExp]> = [
      ['bad JSON', 'chat-broken.json', '{"id":"broken","title":"Half a fi', /JSON/],
      ['the wrong shape', 'chat-shape.json', JSON.stringify({ id: 'shape', title: 'No turns', createdAt: 1, updatedAt: 2 }), /not a saved conversation/],
      ['an id that does not match its file name', 'chat-named.json', JSON.stringify(conversation('other', 'Q', 1)), /id "other" does not match the file name/],
    ];

    for (const [what, file, bytes, reason] of corrupt) {
      it(`is reported (${what}), the others load, and it is left as it was`, async () => {
        const store = new ConversationStore(dir);
        await store.save(conversation('good1', 'One', 10));
        await store.save(conversation('good2', 'Two', 20));
        await writeFile(join(dir, file), bytes, 'utf8');

        const reloaded = new ConversationStore(dir);
        const { conversations, problems } = await reloaded.load();
        assert.deepEqual(
          conversations.map((c) => c.id).sort(),
          ['good1', 'good2'],
        );
        assert.equal(problems.length, 1);
        assert.equal(problems[0].file, file);
        assert.match(problems[0].reason, reason);

        // Using the store afterwards never touches the file.
        await reloaded.save(conversation('good3', 'Three', 30));
        await reloaded.save({ ...conversation('good1', 'One', 10), title: 'One, renamed' });
        await reloaded.delete('good2');
        await reloaded.flushed();
        assert.equal(await readFile(join(dir, file), 'utf8'), bytes, 'the unreadable file is byte for byte the same');
        assert.deepEqual((await readdir(dir)).sort(), [file, 'chat-good1.json', 'chat-good3.json'].sort());

        // And it is still reported after another reload.
        const again = await new ConversationStore(dir).load();
        assert.deepEqual(
          again.problems.map((p) => p.file),
          [file],
        );
      });
    }

    it('ignores files that are not conversations (other names)', async () => {
      await writeFile(join(dir, 'notes.txt'), 'hello', 'utf8');
      await writeFile(join(dir, 'chat-x.json.bak'), 'junk', 'utf8');
      const store = new ConversationStore(dir);
      assert.deepEqual(await store.load(), { conversations: [], problems: [] });
    });
  });

  it('describeProblems names each file, says it was left as it is, and where', () => {
    assert.equal(describeProblems([], '/storage'), undefined);
    const one = describeProblems([{ file: 'chat-broken.json', reason: 'Unexpected end of JSON input' }], '/storage/chats');
    assert.equal(
      one,
      'One saved conversation could not be read and was left as it is in /storage/chats: chat-broken.json (Unexpected end of JSON input). The other conversations are fine.',
    );
    const two = describeProblems(
      [
        { file: 'chat-a.json', reason: 'bad' },
        { file: 'chat-b.json', reason: 'worse' },
      ],
      '/s',
    );
    assert.equal(two, '2 saved conversations could not be read and were left as they are in /s: chat-a.json (bad); chat-b.json (worse). The other conversations are fine.');
  });

  it('refuses ids that are not plain names, and writes nothing for them', async () => {
    // The store one level down in this test's own folder: a write that escaped it ('../escape') would land
    // beside it, where the test can look. (Never in the system's temp folder, which other programs share.)
    const store = new ConversationStore(join(dir, 'chat'));
    for (const id of ['../escape', 'a/b', 'a\\b', '', 'x'.repeat(65), 'dot.dot', 'space id']) {
      await assert.rejects(store.save(conversation(id, 'Q', 1)), /is not a valid conversation id/, JSON.stringify(id));
      await assert.rejects(store.delete(id), /is not a valid conversation id/, JSON.stringify(id));
    }
    // Its own folder, empty, is all there is (a refused save may still create the folder).
    assert.deepEqual((await readdir(dir, { recursive: true })).filter((path) => path !== 'chat'), []);
  });

  it('leaves no temporary files behind after saves', async () => {
    const store = new ConversationStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(conversation(`c${i % 5}`, `Q${i}`, i))));
    await store.flushed();
    const names = await readdir(dir);
    assert.deepEqual(
      names.filter((n) => n.endsWith('.tmp')),
      [],
    );
    assert.equal(names.length, 5);
  });

  it('concurrent saves of the same conversation end with the last one on disk', async () => {
    const store = new ConversationStore(dir);
    const versions = Array.from({ length: 30 }, (_, i) => conversation('same', 'Q', 1, `version ${i} ${'x'.repeat(i * 500)}`));
    await Promise.all(versions.map((v) => store.save(v)));
    const onDisk = JSON.parse(await readFile(join(dir, 'chat-same.json'), 'utf8')) as Conversation;
    assert.deepEqual(onDisk, versions.at(-1));
    assert.deepEqual(await new ConversationStore(dir).get('same'), versions.at(-1));
    assert.deepEqual(await store.get('same'), versions.at(-1));
  });

  it('a conversation saved while the folder is still being read is not lost from the list', async () => {
    // A fresh store is asked for its list (the view opening) and saves a conversation (the first answer) at once.
    const earlier = new ConversationStore(dir);
    for (let i = 0; i < 40; i++) await earlier.save(conversation(`old${i}`, `Old ${i}`, i));
    for (let ticks = 0; ticks < 12; ticks++) {
      const store = new ConversationStore(dir);
      const listing = store.list();
      for (let t = 0; t < ticks; t++) await new Promise((resolve) => setImmediate(resolve));
      const fresh = conversation(`new${ticks}`, 'Fresh', 1000 + ticks);
      await Promise.all([listing, store.save(fresh)]);
      assert.deepEqual(await store.get(fresh.id), fresh, `after ${ticks} ticks`);
      assert.equal((await store.list())[0].id, fresh.id, `after ${ticks} ticks`);
    }
  });

  it('a save issued without waiting after a delete still lands (writes run in order)', async () => {
    const store = new ConversationStore(dir);
    await store.save(conversation('c1', 'Q', 1));
    const deleting = store.delete('c1');
    const saving = store.save(conversation('c1', 'Q again', 2));
    await Promise.all([deleting, saving]);
    assert.equal((await new ConversationStore(dir).get('c1'))?.title, 'Q again');
  });
});
