/**
 * Syntax trees of open documents: parsed on first need, updated incrementally on each edit (tree.edit +
 * reparse with the old tree), freed when the document closes. Plain data in: text, offsets, versions.
 */
import type { Edit, Point, Tree } from 'web-tree-sitter';
import type { Parsers } from './parsers';
import { lineAtOffset } from '../text/lineStarts';

/** One contiguous change, as editors report it (offsets into the text before the change). */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

interface Entry {
  languageId: string;
  version: number;
  text: string;
  tree: Tree | undefined;
  /** Edits since the tree was last brought up to date (applied lazily on the next request). */
  pending: Edit[];
  /** Parsing this document failed (too large or too slow): don't pay for it again on every keystroke. */
  gaveUp: boolean;
}

export class DocumentTrees {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly parsers: Parsers) {}

  /**
   * Runs `use` on the tree for `text` at `version`: the cached tree, updated incrementally when edits
   * were recorded, or a fresh parse. `use` gets undefined for unsupported, huge or unparseable text.
   * The tree is valid only inside `use` (a later edit frees it), hence the callback.
   */
  async withTree<R>(uri: string, languageId: string, version: number, text: string, use: (tree: Tree | undefined) => R): Promise<R> {
    const language = await this.parsers.language(languageId);
    if (!language) return use(undefined);
    let entry = this.entries.get(uri);
    if (entry?.gaveUp && entry.languageId === languageId) {
      Object.assign(entry, { version, text, pending: [] });
      return use(undefined);
    }
    if (entry && entry.version === version && entry.languageId === languageId && entry.text === text && entry.pending.length === 0) {
      return use(entry.tree);
    }
    const old = entry && entry.languageId === languageId && entry.text === text ? entry.tree : undefined;
    if (old) for (const e of entry!.pending) old.edit(e);
    const tree = this.parsers.parse(language, text, old);
    if (entry?.tree && entry.tree !== tree) entry.tree.delete();
    entry = { languageId, version, text, tree, pending: [], gaveUp: tree === undefined };
    this.entries.set(uri, entry);
    return use(tree);
  }

  /**
   * Records an edit so the next `tree()` call re-parses incrementally. `changes` are in the order the
   * editor reports them (each relative to the text before any of them; VS Code sorts them last-first).
   */
  edit(uri: string, changes: readonly TextChange[], newText: string, version: number): void {
    const entry = this.entries.get(uri);
    // A document we gave up on is not followed edit by edit (it is huge): withTree catches up cheaply.
    if (!entry || entry.gaveUp) return;
    let text = entry.text;
    let drifted: boolean;
    if (changes.length === 1) {
      // One change (a keystroke): its text and the parts around it compared in place, without building the
      // changed document and comparing it whole (two copies of a large document per keystroke).
      entry.pending.push(toEdit(text, changes[0]));
      drifted = !applies(text, changes[0], newText);
    } else {
      for (const c of changes) {
        entry.pending.push(toEdit(text, c));
        text = text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
      }
      drifted = text !== newText;
    }
    if (drifted) {
      // Our view of the document drifted: drop the tree and parse from scratch next time.
      entry.tree?.delete();
      this.entries.delete(uri);
      return;
    }
    // The caller's string (equal to ours): the next withTree compares it with the snapshot's, often the same object.
    entry.text = newText;
    entry.version = version;
  }

  /** Frees the tree of a closed document. */
  close(uri: string): void {
    this.entries.get(uri)?.tree?.delete();
    this.entries.delete(uri);
  }

  /** Whether this document's edits should be recorded: it has a tree (not unsupported or given up on). */
  follows(uri: string): boolean {
    const entry = this.entries.get(uri);
    return entry !== undefined && !entry.gaveUp;
  }

  get size(): number {
    return this.entries.size;
  }

  dispose(): void {
    for (const uri of [...this.entries.keys()]) this.close(uri);
  }
}

/** Whether `change` turns `text` into `newText`: `newText` equals `head + inserted + tail`, compared part by part. */
function applies(text: string, change: TextChange, newText: string): boolean {
  const head = text.slice(0, change.rangeOffset);
  const tail = text.slice(change.rangeOffset + change.rangeLength);
  const inserted = change.text;
  const afterInsert = head.length + inserted.length;
  return (
    newText.length === afterInsert + tail.length &&
    newText.slice(head.length, afterInsert) === inserted &&
    newText.slice(0, head.length) === head &&
    newText.slice(afterInsert) === tail
  );
}

/** The tree edit for one change to `text` (exported for its tests). */
export function toEdit(text: string, c: TextChange): Edit {
  const start = c.rangeOffset;
  const oldEnd = c.rangeOffset + c.rangeLength;
  const startPosition = pointAt(text, start);
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: start + c.text.length,
    startPosition,
    // The removed text read from where the change starts, not the document counted again from its top.
    oldEndPosition: advance(startPosition, text.slice(start, oldEnd)),
    newEndPosition: advance(startPosition, c.text),
  };
}

function pointAt(text: string, offset: number): Point {
  const lineStart = offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  return { row: lineAtOffset(text, offset), column: offset - lineStart };
}

function advance(from: Point, inserted: string): Point {
  const lines = inserted.split('\n');
  return lines.length === 1
    ? { row: from.row, column: from.column + inserted.length }
    : { row: from.row + lines.length - 1, column: lines[lines.length - 1].length };
}
