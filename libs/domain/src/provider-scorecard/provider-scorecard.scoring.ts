import type { ExistingContract, MeasurementRecord } from '../contract';
import { ratingOf, type RatingSchemeId } from '../contract/scorecard';
import type { Money } from '../shared';
import type { ContractScore, ScorecardFigures } from './provider-scorecard.events';
import { round2, weightedScore, weightedSumsOf } from './weighted-score';

/**
 * Scorecard arithmetic, pure (DOMAIN.md "Scorecard"). For a provider and a month, every SLA
 * measured for that month on any of the provider's contracts counts with its latest figures (a
 * correction replaces the first value) and its SLA weight:
 *
 *   score = Σ weightᵢ × slaScore(outcomeᵢ) / Σ weightᵢ      (met 100, breached 50, critical 0)
 *
 * rounded half-up to two decimals (`weightedScore`, the one the scorecard view uses too); the
 * rating is the rounded score's grade in the scheme given (`RATING_SCHEMES`). Breaches count breached and critically breached measurements; service credits
 * are the measurements' credits summed per currency.
 */

/** What scoring needs of a contract: its SLA weights and its latest measurements. */
export type ScoredContract = Pick<ExistingContract, 'contractId' | 'slas' | 'amendments' | 'measurements'>;

interface Entry {
  readonly contractId: string;
  readonly weight: number;
  readonly measurement: MeasurementRecord;
}

/** Null when none of the contracts has a measurement for the period: there is nothing to score. */
export function scoreProviderPeriod(
  contracts: readonly ScoredContract[],
  period: string,
  scheme: RatingSchemeId,
): ScorecardFigures | null {
  const entries = contracts
    .flatMap((contract) =>
      Object.values(contract.measurements)
        .filter((measurement) => measurement.period === period)
        .map((measurement) => ({
          contractId: contract.contractId,
          weight: weightOf(contract, measurement.slaId),
          measurement,
        })),
    )
    .sort((a, b) => compare(a.contractId, b.contractId) || compare(a.measurement.slaId, b.measurement.slaId));
  if (entries.length === 0) return null;
  const sums = sumsOf(entries);
  const score = weightedScore(sums);
  const contractIds = [...new Set(entries.map((entry) => entry.contractId))];
  const contractScores: ContractScore[] = contractIds.map((contractId) => {
    const own = entries.filter((entry) => entry.contractId === contractId);
    return { contractId, score: weightedScore(sumsOf(own)), measurements: own.length };
  });
  return {
    score,
    rating: ratingOf(scheme, score),
    ratingScheme: scheme,
    weightTotal: round2(sums.weightTotal),
    measurements: entries.length,
    contracts: contractIds.length,
    breaches: entries.filter((entry) => entry.measurement.outcome !== 'met').length,
    criticalBreaches: entries.filter((entry) => entry.measurement.outcome === 'critically_breached').length,
    serviceCredits: creditsByCurrency(entries.map((entry) => entry.measurement.credit)),
    contractScores,
  };
}

/**
 * The SLA's weight in the schedule as it stands; for an SLA an amendment removed, the weight it
 * last had (its measurements still count for the periods it was in force).
 */
export function weightOf(contract: ScoredContract, slaId: string): number {
  const current = contract.slas.find((sla) => sla.slaId === slaId);
  if (current) return current.weight;
  for (const amendment of [...contract.amendments].reverse()) {
    const earlier = amendment.changes.slas?.find((sla) => sla.slaId === slaId);
    if (earlier) return earlier.weight;
  }
  return 1;
}

const sumsOf = (entries: readonly Entry[]) =>
  weightedSumsOf(entries.map((entry) => ({ weight: entry.weight, outcome: entry.measurement.outcome })));

function creditsByCurrency(credits: readonly Money[]): Money[] {
  const totals = new Map<string, number>();
  for (const credit of credits) totals.set(credit.currency, (totals.get(credit.currency) ?? 0) + credit.amountMinor);
  return [...totals.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
