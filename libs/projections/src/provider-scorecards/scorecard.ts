import { ratingBand, slaScore, type RatingBand, type SlaOutcome } from '@spinout/domain/contract';
import { currencyOf, round2 } from '../shared/events';

/**
 * Scorecard arithmetic, pure. A provider's score for a period is the weighted mean of the
 * per-SLA scores of every SLA measured for that period on any of its contracts:
 *
 *   score = Σ weightᵢ × slaScore(outcomeᵢ) / Σ weightᵢ        (met 100, breached 50, critical 0)
 *
 * rounded to two decimals; the rating band is taken from the rounded score. The trend is the
 * score minus the score of the provider's previous scored period (the nearest earlier month
 * with a scorecard), and the rank orders providers within a period by score, ties sharing a
 * rank (1, 1, 3: SQL's RANK()).
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

export interface ScoreSummary {
  readonly score: number;
  readonly rating: RatingBand;
  readonly weightTotal: number;
  readonly measurements: number;
  readonly contracts: number;
  readonly breaches: number;
  readonly criticalBreaches: number;
  readonly creditsMinor: number;
  /** The credits' currency, `MIXED` when contracts disagree. */
  readonly currency: string | null;
}

export function summarise(entries: readonly ScoreEntry[]): ScoreSummary {
  let weighted = 0;
  let weightTotal = 0;
  const currencies: Record<string, number> = {};
  for (const entry of entries) {
    weighted += entry.weight * slaScore(entry.outcome);
    weightTotal += entry.weight;
    currencies[entry.currency] = (currencies[entry.currency] ?? 0) + 1;
  }
  const score = weightTotal > 0 ? round2(weighted / weightTotal) : 0;
  return {
    score,
    rating: ratingBand(score),
    weightTotal: round2(weightTotal),
    measurements: entries.length,
    contracts: new Set(entries.map((e) => e.contractId)).size,
    breaches: entries.filter((e) => e.outcome !== 'met').length,
    criticalBreaches: entries.filter((e) => e.outcome === 'critically_breached').length,
    creditsMinor: entries.reduce((sum, e) => sum + e.creditMinor, 0),
    currency: currencyOf(currencies),
  };
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
export function trendsOf(rows: readonly Trended[]): Map<string, { previousPeriod: string | null; previousScore: number | null; trend: number | null }> {
  const sorted = [...rows].sort((a, b) => compare(a.period, b.period));
  const out = new Map<string, { previousPeriod: string | null; previousScore: number | null; trend: number | null }>();
  sorted.forEach((row, i) => {
    const previous = sorted[i - 1];
    out.set(row.period, previous
      ? { previousPeriod: previous.period, previousScore: previous.score, trend: round2(row.score - previous.score) }
      : { previousPeriod: null, previousScore: null, trend: null });
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
