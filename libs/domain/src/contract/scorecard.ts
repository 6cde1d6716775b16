import { assertNever, invalid } from '../shared';
import { type SlaOutcome } from './contract.values';

/** Score of one SLA for one period, for the provider scorecard: met 100, breached 50, critical 0. */
export function slaScore(outcome: SlaOutcome): number {
  switch (outcome) {
    case 'met':
      return 100;
    case 'breached':
      return 50;
    case 'critically_breached':
      return 0;
    default:
      return assertNever(outcome);
  }
}

/** UK Procurement Act 2023 performance ratings; the codes are stored, the labels are for people. */
export const RATING_BANDS = ['good', 'approaching_target', 'requires_improvement', 'inadequate'] as const;
export type RatingBand = (typeof RATING_BANDS)[number];

export const RATING_BAND_LABELS: Readonly<Record<RatingBand, string>> = {
  good: 'Good',
  approaching_target: 'Approaching target',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
};

/** Good ≥ 90, Approaching target ≥ 75, Requires improvement ≥ 50, Inadequate below 50 (score 0–100). */
export function ratingBand(score: number): RatingBand {
  if (!Number.isFinite(score) || score < 0 || score > 100) {
    throw invalid('invalid_score', `A score must be a number from 0 to 100; got ${String(score)}`, { score });
  }
  if (score >= 90) return 'good';
  if (score >= 75) return 'approaching_target';
  if (score >= 50) return 'requires_improvement';
  return 'inadequate';
}
