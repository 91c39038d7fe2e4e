/**
 * Every identifier that appears in a workspace's files, kept per file so a changed or deleted file takes
 * its names with it: the part of "is this name defined anywhere?" that the codebase index answers. Built
 * from the index's redacted chunk texts (a secret's words never enter it) and saved with its snapshot.
 */

export type NameTableSnapshot = Record<string, string[]>;

export class NameTable {
  private readonly byFile = new Map<string, readonly string[]>();
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
    const distinct = [...new Set(names)];
    this.byFile.set(path, distinct);
    for (const name of distinct) this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  removeFile(path: string): void {
    const names = this.byFile.get(path);
    if (!names) return;
    this.byFile.delete(path);
    for (const name of names) {
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
    return this.byFile.get(path) ?? [];
  }

  get size(): number {
    return this.counts.size;
  }

  snapshot(): NameTableSnapshot {
    return Object.fromEntries([...this.byFile].map(([path, names]) => [path, [...names]]));
  }
}
