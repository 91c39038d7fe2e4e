/**
 * Saved conversations: one JSON file per conversation in the extension's storage folder (never settings),
 * written to a temporary file and renamed, so a crash mid-write leaves the old file whole. A file that
 * cannot be read is reported and left exactly as it is — the other conversations load, and nothing ever
 * overwrites it. Plain Node file access (no `vscode`): the adapter passes the folder.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isConversation, summaryOf, type Conversation, type ConversationSummary } from './conversation';

const PREFIX = 'chat-';
const SUFFIX = '.json';

export interface StoreProblem {
  file: string;
  reason: string;
}

export interface LoadResult {
  conversations: Conversation[];
  /** Files that could not be read as a conversation; left untouched on disk. */
  problems: StoreProblem[];
}

export class ConversationStore {
  private loaded: Map<string, Conversation> | undefined;
  private problems: StoreProblem[] = [];
  /** The one reading of the folder: calls that come while it runs wait for it rather than read again. */
  private reading: Promise<void> | undefined;
  /** Writes run one at a time, in order, so a later save never loses to an earlier one. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  /** Reads every saved conversation once; later calls answer from memory. */
  async load(): Promise<LoadResult> {
    this.reading ??= this.read();
    await this.reading;
    return { conversations: [...(this.loaded?.values() ?? [])], problems: [...this.problems] };
  }

  private async read(): Promise<void> {
    const found = new Map<string, Conversation>();
    const problems: StoreProblem[] = [];
    let names: string[] = [];
    try {
      names = (await readdir(this.dir)).filter((n) => n.startsWith(PREFIX) && n.endsWith(SUFFIX));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push({ file: this.dir, reason: messageOf(error) });
    }
    for (const file of names.sort()) {
      try {
        const value: unknown = JSON.parse(await readFile(join(this.dir, file), 'utf8'));
        if (!isConversation(value)) throw new Error('not a saved conversation (fields missing or of the wrong type)');
        if (fileName(value.id) !== file) throw new Error(`its id "${value.id}" does not match the file name`);
        found.set(value.id, value);
      } catch (error) {
        problems.push({ file, reason: messageOf(error) });
      }
    }
    this.loaded = found;
    this.problems = problems;
  }

  /** Newest first. */
  async list(): Promise<ConversationSummary[]> {
    const { conversations } = await this.load();
    return conversations.map(summaryOf).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async get(id: string): Promise<Conversation | undefined> {
    await this.load();
    return this.loaded?.get(id);
  }

  /** Saves a conversation (an empty one is kept in memory only until it has a question). */
  async save(conversation: Conversation): Promise<void> {
    await this.load();
    this.loaded?.set(conversation.id, conversation);
    if (conversation.turns.length === 0) return;
    const text = JSON.stringify(conversation);
    await this.queue(async () => {
      await mkdir(this.dir, { recursive: true });
      const target = join(this.dir, fileName(conversation.id));
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, target);
    });
  }

  async delete(id: string): Promise<void> {
    await this.load();
    this.loaded?.delete(id);
    await this.queue(() => rm(join(this.dir, fileName(id)), { force: true }));
  }

  /** Resolves once every save and delete asked for so far is on disk. */
  flushed(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  private queue(write: () => Promise<void>): Promise<void> {
    const next = this.writes.then(write, write);
    this.writes = next.catch(() => undefined);
    return next;
  }
}

/** Ids are made by the session (letters, digits, '-'); anything else is refused rather than used in a path. */
function fileName(id: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) throw new Error(`"${id}" is not a valid conversation id`);
  return `${PREFIX}${id}${SUFFIX}`;
}

/** The user-facing sentence for files that could not be read. */
export function describeProblems(problems: readonly StoreProblem[], dir: string): string | undefined {
  if (problems.length === 0) return undefined;
  const list = problems.map((p) => `${p.file} (${p.reason})`).join('; ');
  const what = problems.length === 1 ? 'One saved conversation' : `${problems.length} saved conversations`;
  return `${what} could not be read and ${problems.length === 1 ? 'was' : 'were'} left as ${problems.length === 1 ? 'it is' : 'they are'} in ${dir}: ${list}. The other conversations are fine.`;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
