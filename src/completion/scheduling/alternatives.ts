/**
 * Alternatives: when the user asks for a suggestion (Alt+\), up to `count` different ones that VS Code cycles
 * through (Alt+] / Alt+[). The first is the ordinary answer, shown at once; the others are asked for after it,
 * one at a time (a local server runs one request at a time anyway), sampled warmer so they differ, and
 * offered when VS Code asks again at the same place — an answer that repeats one already found is dropped.
 */
import type { CompletionResult } from '../engine/result';
import type { DocumentSnapshot } from '../../workspace/document';
import type { CompleteOnce } from './scheduler';
import { SECOND_SUGGESTION_TEMPERATURE, THIRD_SUGGESTION_TEMPERATURE } from '../../tunables/tunables';

/** How each suggestion after the first samples, in order. */
export const ALTERNATIVE_TEMPERATURES: readonly number[] = [SECOND_SUGGESTION_TEMPERATURE, THIRD_SUGGESTION_TEMPERATURE];

/** Up to `count` distinct suggestions at the snapshot's cursor: `first`, then what the warmer requests add. */
export async function findAlternatives(complete: CompleteOnce, snapshot: DocumentSnapshot, first: CompletionResult, count: number, signal: AbortSignal): Promise<CompletionResult[]> {
  const found = [first];
  for (const temperature of ALTERNATIVE_TEMPERATURES) {
    if (found.length >= count || signal.aborted) break;
    let answer: CompletionResult | undefined;
    try {
      answer = await complete(snapshot, signal, undefined, { temperature });
    } catch {
      break; // the first answer stands; a failing server is not asked again for extras
    }
    if (answer && !signal.aborted && isNew(answer, found)) found.push(answer);
  }
  return found;
}

function isNew(answer: CompletionResult, found: readonly CompletionResult[]): boolean {
  const text = answer.insert.trimEnd();
  return text.trim() !== '' && found.every((f) => f.insert.trimEnd() !== text);
}

/** Where a document's alternatives were found: they are offered only at that very place. */
interface Place {
  uri: string;
  version: number;
  offset: number;
}

/** The alternatives found per document, until the document or the cursor moves on. */
export class AlternativeSuggestions {
  private readonly byDocument = new Map<string, { place: Place; results: CompletionResult[] }>();

  remember(snapshot: DocumentSnapshot, results: CompletionResult[]): void {
    this.byDocument.set(snapshot.uri, { place: { uri: snapshot.uri, version: snapshot.version, offset: snapshot.offset }, results });
  }

  /** The alternatives found at exactly this place (same document version and cursor); [] elsewhere. */
  at(snapshot: DocumentSnapshot): CompletionResult[] {
    const entry = this.byDocument.get(snapshot.uri);
    if (!entry) return [];
    const { place } = entry;
    if (place.version !== snapshot.version || place.offset !== snapshot.offset) {
      this.byDocument.delete(snapshot.uri);
      return [];
    }
    return entry.results;
  }

  forget(uri: string): void {
    this.byDocument.delete(uri);
  }
}
