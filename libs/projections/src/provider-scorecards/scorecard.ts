import type { SlaOutcome } from '@spinout/domain/contract';
import { round2, weightedScore, withWeightedEntry } from '@spinout/domain/provider-scorecard';
import { exactSum } from '../shared/exact-sum';

/**
 * Scorecard arithmetic, pure. A provider's score for a period is the weighted mean of the
 * per-SLA scores of every SLA measured for that period on any of its contracts:
 *
 *   score = Σ weightᵢ × slaScore(outcomeᵢ) / Σ weightᵢ        (met 100, breached 50, critical 0)
 *
 * rounded half-up to two decimals by the domain's `weightedScore` from sums it keeps exact
 * (`withWeightedEntry`): the very functions the published scorecard is computed with, so the view
 * and the message agree. The view grades the rounded score when it is read (`RATING_SCHEME`). The trend is the score
 * minus the score of the provider's previous scored period (the nearest earlier month with a
 * scorecard), and the rank orders providers within a period by score, ties sharing a rank
 * (1, 1, 3: SQL's RANK()).
 */

/** The latest figures of one SLA of one contract for the period, with the SLA's weight in force then. */
export interface ScoreEntry {
  readonly contractId: string;
  readonly slaId: string;
  readonly weight: number;
  readonly outcome: SlaOutcome;
  readonly creditMinor: number;
  readonly currency: string;
}

/** What a period's row sums over its entries. Entries are only ever added or replaced, never removed. */
export interface ScoreTotals {
  /** Σ weight × slaScore(outcome). */
  readonly weightedPoints: number;
  readonly weightTotal: number;
  readonly measurements: number;
  /** Distinct contracts with an entry. */
  readonly contracts: number;
  readonly breaches: number;
  readonly criticalBreaches: number;
  readonly creditsMinor: number;
  /** The credits' currency; `MIXED` once a second one appears (a contract's currency never changes, so this is exact). */
  readonly currency: string | null;
}

export const NO_TOTALS: ScoreTotals = {
  weightedPoints: 0,
  weightTotal: 0,
  measurements: 0,
  contracts: 0,
  breaches: 0,
  criticalBreaches: 0,
  creditsMinor: 0,
  currency: null,
};

const breach = (e: ScoreEntry | undefined): number => (e !== undefined && e.outcome !== 'met' ? 1 : 0);
const critical = (e: ScoreEntry | undefined): number => (e?.outcome === 'critically_breached' ? 1 : 0);

/**
 * The totals with `next` in place of `previous` (the entry of the same contract and SLA, if
 * any); `newContract` when the period had no entry of `next`'s contract yet.
 */
export function withEntryTotals(
  totals: ScoreTotals,
  previous: ScoreEntry | undefined,
  next: ScoreEntry,
  newContract: boolean,
): ScoreTotals {
  return {
    ...withWeightedEntry(totals, previous, next),
    measurements: totals.measurements + (previous === undefined ? 1 : 0),
    contracts: totals.contracts + (newContract ? 1 : 0),
    breaches: totals.breaches - breach(previous) + breach(next),
    criticalBreaches: totals.criticalBreaches - critical(previous) + critical(next),
    creditsMinor: exactSum(totals.creditsMinor, -(previous?.creditMinor ?? 0), next.creditMinor),
    currency: totals.currency === null || totals.currency === next.currency ? next.currency : 'MIXED',
  };
}

/** The score (two decimals) of some totals. */
export function scoreOf(totals: Pick<ScoreTotals, 'weightedPoints' | 'weightTotal'>): { score: number } {
  return { score: weightedScore(totals) };
}

/** Totals and score of a set of entries (one per contract and SLA), from scratch. */
export function summarise(entries: readonly ScoreEntry[]): ScoreTotals & { score: number } {
  const seen = new Set<string>();
  let totals = NO_TOTALS;
  for (const entry of entries) {
    totals = withEntryTotals(totals, undefined, entry, !seen.has(entry.contractId));
    seen.add(entry.contractId);
  }
  return { ...totals, ...scoreOf(totals) };
}

/** The entries with `entry` replacing the one for its (contract, SLA), sorted so equal sets serialise equally. */
export function withEntry(entries: readonly ScoreEntry[], entry: ScoreEntry): ScoreEntry[] {
  const others = entries.filter((e) => e.contractId !== entry.contractId || e.slaId !== entry.slaId);
  return [...others, entry].sort((a, b) => compare(a.contractId, b.contractId) || compare(a.slaId, b.slaId));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface Trended {
  readonly period: string;
  readonly score: number;
}

/** Per period (any order in), the previous scored period, its score and the delta. */
export function trendsOf(
  rows: readonly Trended[],
): Map<string, { previousPeriod: string | null; previousScore: number | null; trend: number | null }> {
  const sorted = [...rows].sort((a, b) => compare(a.period, b.period));
  const out = new Map<string, { previousPeriod: string | null; previousScore: number | null; trend: number | null }>();
  sorted.forEach((row, i) => {
    const previous = sorted[i - 1];
    out.set(
      row.period,
      previous
        ? { previousPeriod: previous.period, previousScore: previous.score, trend: round2(row.score - previous.score) }
        : { previousPeriod: null, previousScore: null, trend: null },
    );
  });
  return out;
}

/** Standard competition ranking by score, highest first (what the query's RANK() computes). */
export function ranksOf(scores: ReadonlyMap<string, number>): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const [id, score] of scores) {
    let better = 0;
    for (const other of scores.values()) if (other > score) better += 1;
    ranks.set(id, better + 1);
  }
  return ranks;
}
