/**
 * The workspace places a command's prompt carried (callers and usages, existing tests) as a proposal offers
 * them: each file's lines once, in the order the prompt gave them, with what a picker shows of each and the
 * selection that opens it. Plain data; src/vscode/commands/proposalSources.ts shows them on the proposal.
 */
import type { CodePlace } from '../codebase/codebase';
import { lineRange } from '../text/lineRange';

/** One entry of a proposal's sources: the place, what the picker shows, and the lines to select (0-based, inclusive). */
export interface SourceEntry {
  place: CodePlace;
  /** `invoice.ts:3–5` — the file's name and its lines. */
  label: string;
  /** What the lines define (`invoiceTotal`), else the file's folder, so two files of one name stay apart. */
  description: string;
  /** The whole workspace-relative path. */
  detail: string;
  selection: { startLine: number; endLine: number };
}

/**
 * The places without repeats: a place whose lines lie within another place of the same file adds nothing to
 * open (two callers in one chunk, a test file's start sent twice). The first of equal places is kept.
 */
export function distinctPlaces(places: readonly CodePlace[]): CodePlace[] {
  const within = (inner: CodePlace, outer: CodePlace) => inner.path === outer.path && inner.startLine >= outer.startLine && inner.endLine <= outer.endLine;
  return places.filter((place, i) => !places.some((other, j) => j !== i && within(place, other) && (!within(other, place) || j < i)));
}

export function sourceEntry(place: CodePlace): SourceEntry {
  const slash = place.path.lastIndexOf('/');
  const name = place.path.slice(slash + 1);
  const folder = slash >= 0 ? place.path.slice(0, slash) : '';
  return {
    place,
    label: `${name}:${lineRange(place.startLine, place.endLine)}`,
    description: place.symbol || folder,
    detail: place.path,
    selection: { startLine: Math.max(0, place.startLine - 1), endLine: Math.max(0, place.endLine - 1) },
  };
}
