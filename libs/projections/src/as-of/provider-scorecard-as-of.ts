import type { RatingSchemeId } from '@spinout/domain/contract';
import { isEventOf, type StoredEvent } from '@spinout/event-store';
import { graded, type GradedScorecardRow } from '../provider-scorecards/graded-scorecard';
import type { ProviderScorecardRow, ScorecardContractRow } from '../provider-scorecards/provider-scorecard.row';
import { withEntry, type ScoreEntry } from '../provider-scorecards/scorecard';
import {
  applyScoreChange,
  EntryIndex,
  projectScorecardContract,
  SCORECARD_EVENT_TYPES,
  scoreChangeOf,
  withTrends,
  type ScoreChange,
  type ScorecardEvent,
} from '../provider-scorecards/provider-scorecards.projection';
import { prefixAsOf, type Cutoff } from './as-of';

export interface ProviderScorecardAsOf {
  readonly providerId: string;
  readonly asOf: string;
  /**
   * Every period scored by the cutoff, oldest first, with trends and ratings (in the scheme
   * configured now, as the live view); ranks need all providers and are left to the live view.
   */
  readonly periods: GradedScorecardRow[];
  /** The latest period scored by the cutoff, if any. */
  readonly latest: GradedScorecardRow | null;
  /** Per period, the figures of each (contract, SLA) it sums. */
  readonly entries: Readonly<Record<string, readonly ScoreEntry[]>>;
}

/**
 * A provider's scorecards as of the cutoff: each of its contracts' streams cut at the cutoff
 * (see `prefixAsOf`), then folded through the very functions the live projection uses
 * (contract weights, scorecard entries, trends), so "as of today" equals the live view.
 */
export function providerScorecardAsOf(
  providerId: string,
  contractStreams: readonly (readonly StoredEvent[])[],
  cutoff: Cutoff,
  scheme: RatingSchemeId,
): ProviderScorecardAsOf {
  const rows = new Map<string, ProviderScorecardRow>();
  const index = new EntryIndex();
  const entries: Record<string, ScoreEntry[]> = {};
  const changes: { change: ScoreChange; position: number }[] = [];
  for (const stream of contractStreams) {
    let contract: ScorecardContractRow | undefined;
    for (const event of prefixAsOf(stream, cutoff)) {
      // The events the live projection reads (its `eventTypes`); the others change nothing it keeps.
      if (!isEventOf<ScorecardEvent>(event, SCORECARD_EVENT_TYPES)) continue;
      contract = projectScorecardContract(contract, event);
      const change = scoreChangeOf(contract, event);
      if (change !== undefined && change.providerId === providerId)
        changes.push({ change, position: event.globalPosition });
    }
  }
  // Log order across contracts, as the live projection folds them.
  changes.sort((a, b) => a.position - b.position);
  for (const { change } of changes) {
    applyScoreChange(rows, index, change);
    entries[change.period] = withEntry(entries[change.period] ?? [], change.entry);
  }
  const periods = withTrends([...rows.values()])
    .sort((a, b) => (a.period < b.period ? -1 : 1))
    .map((row) => graded(row, scheme));
  return { providerId, asOf: cutoff.instant, periods, latest: periods[periods.length - 1] ?? null, entries };
}
