import type { DocumentSnapshot } from '../../../src/workspace/document';
import type { WorkspaceFiles } from '../../../src/workspace/files';
import { languageOfPath } from '../../../src/syntax/languages';
import { Parsers } from '../../../src/syntax/parsers';
import { devGrammar } from '../syntax/grammars';

export const CURSOR = '█';

/** A document written with `█` where the cursor is: the text without the marker, and the cursor's offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset === -1 || marked.indexOf(CURSOR, offset + 1) !== -1) throw new Error('a fixture needs exactly one █');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function snapshotOf(path: string, marked: string): DocumentSnapshot {
  const { text, offset } = withCursor(marked);
  return { uri: `file:///${path}`, path, languageId: languageOfPath(path) ?? 'plaintext', text, offset, version: 1 };
}

/** A workspace held in memory, counting reads (to show what a request costs). */
export class MemoryFiles implements WorkspaceFiles {
  reads = 0;
  readonly readPaths: string[] = [];

  constructor(
    readonly files: Record<string, string>,
    private readonly recent: string[] = [],
  ) {}

  async read(path: string): Promise<string | undefined> {
    this.reads++;
    this.readPaths.push(path);
    return this.files[path];
  }

  async exists(path: string): Promise<boolean> {
    return path in this.files;
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir ? `${dir}/` : '';
    return Object.keys(this.files)
      .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
      .map((p) => p.slice(prefix.length));
  }

  recentDocuments() {
    return this.recent.map((path) => ({ path, languageId: languageOfPath(path) ?? 'plaintext', text: this.files[path] }));
  }
}

/** One Parsers for a test file, loading grammars from the npm packages. */
export function testParsers(): Parsers {
  return new Parsers(devGrammar);
}
