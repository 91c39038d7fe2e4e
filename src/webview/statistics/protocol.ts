/**
 * The messages between the statistics page and the extension, imported by both sides (plain data only).
 */
import type { StatisticsSummary } from '../../statistics/book';

/** The page's words, localized by the extension (`vscode.l10n.t`); `{0}`… are filled in by the page. */
export interface StatisticsLabels {
  title: string;
  clear: string;
  empty: string;
  /** "Since {0}" (a date). */
  since: string;
  localOnly: string;
  shown: string;
  accepted: string;
  acceptanceRate: string;
  whole: string;
  word: string;
  line: string;
  byLanguage: string;
  byModel: string;
  latency: string;
  /** "p50 {0} ms · p90 {1} ms over {2} suggestions". */
  latencySummary: string;
  /** "{0} of {1} accepted ({2})": accepted, shown, rate. */
  rowValue: string;
  lastDays: string;
  /** "{0}: {1} shown, {2} accepted" (a day). */
  dayValue: string;
}

/** Extension → page. */
export type ToStatistics = { type: 'show'; summary: StatisticsSummary; labels: StatisticsLabels };

/** Page → extension. */
export type FromStatistics = { type: 'ready' } | { type: 'clear' };

export function parseFromStatistics(message: unknown): FromStatistics | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const type = (message as Record<string, unknown>).type;
  return type === 'ready' || type === 'clear' ? { type } : undefined;
}
