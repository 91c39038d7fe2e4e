/**
 * Every identifier that appears in a workspace's files, kept per file so a changed or deleted file takes
 * its names with it: the part of "is this name defined anywhere?" that the codebase index answers. Built
 * from the index's redacted chunk texts (a secret's words never enter it) and saved with its snapshot.
 */

import { ownString } from '../ownString';

export type NameTableSnapshot = Record<string, string[]>;

/** Separates a file's names in its one string (names are identifiers: never a line break). */
const SEPARATOR = '\n';

export class NameTable {
  /**
   * Each file's distinct names as one string, joined: one small object per file instead of an array and a
   * string per name, and no name keeps the text it was found in alive (ownString.ts).
   */
  private readonly byFile = new Map<string, string>();
  /** How many files hold each name: a name is known while one file still does. */
  private readonly counts = new Map<string, number>();

  static restore(snapshot: NameTableSnapshot): NameTable {
    const table = new NameTable();
    for (const [path, names] of Object.entries(snapshot)) table.setFile(path, names);
    return table;
  }

  /** Puts `names` in place of whatever the table held for `path`. */
  setFile(path: string, names: Iterable<string>): void {
    this.removeFile(path);
    // A set (what the index gives) is already distinct: it is not copied into another first.
    const distinct = [...(names instanceof Set ? names : new Set(names))].filter((name) => name.length > 0 && !name.includes(SEPARATOR));
    if (distinct.length === 0) return;
    this.byFile.set(path, distinct.join(SEPARATOR));
    for (const name of distinct) {
      const count = this.counts.get(name);
      // A new name is stored as its own copy; a known one keeps the key already stored.
      if (count === undefined) this.counts.set(ownString(name), 1);
      else this.counts.set(name, count + 1);
    }
  }

  removeFile(path: string): void {
    const names = this.byFile.get(path);
    if (names === undefined) return;
    this.byFile.delete(path);
    for (const name of names.split(SEPARATOR)) {
      const left = (this.counts.get(name) ?? 1) - 1;
      if (left > 0) this.counts.set(name, left);
      else this.counts.delete(name);
    }
  }

  /** Whether some file of the workspace holds `name`. */
  has(name: string): boolean {
    return this.counts.has(name);
  }

  /** The names one file holds (empty when the table does not know the file). */
  namesOf(path: string): readonly string[] {
    return this.byFile.get(path)?.split(SEPARATOR) ?? [];
  }

  get size(): number {
    return this.counts.size;
  }

  /** Each file with its names, one file at a time (a snapshot written without building it whole). */
  *entries(): Generator<[path: string, names: string[]], void, undefined> {
    for (const [path, names] of this.byFile) yield [path, names.split(SEPARATOR)];
  }

  snapshot(): NameTableSnapshot {
    return Object.fromEntries([...this.byFile].map(([path, names]) => [path, names.split(SEPARATOR)]));
  }
}
