import type { RatingCode, RatingSchemeId } from '../contract/scorecard';
import type { Command, Message, Money } from '../shared';

/** One contract's part of a provider scorecard. */
export interface ContractScore {
  readonly contractId: string;
  /** Weighted mean of the contract's SLA scores for the period, 0–100, two decimals. */
  readonly score: number;
  readonly measurements: number;
}

/** The figures of a provider's scorecard for one month. */
export interface ScorecardFigures {
  /** Weighted mean over every SLA measured for the period on any of the provider's contracts, 0–100, two decimals. */
  readonly score: number;
  /** The score's grade in `ratingScheme`. */
  readonly rating: RatingCode;
  /** Absent on scorecards published before schemes were configurable: those are `uk_procurement_act`. */
  readonly ratingScheme?: RatingSchemeId;
  readonly weightTotal: number;
  readonly measurements: number;
  readonly contracts: number;
  /** Measurements breached or critically breached. */
  readonly breaches: number;
  readonly criticalBreaches: number;
  /** Service credits of the period's measurements (before any settlement cap), one entry per currency. */
  readonly serviceCredits: readonly Money[];
  readonly contractScores: readonly ContractScore[];
}

/**
 * A provider's scorecard for a period became final enough to publish: a settlement of one of its
 * contracts for that period was approved. Each approval publishes a new revision that covers every
 * contract measured so far, so the last revision of a period is the complete one.
 * Stream: `providerScorecard-<providerId>-<period>`. The type string is stored: never rename it.
 */
export type ProviderScorecardPublished = Message<
  'ProviderScorecardPublished',
  ScorecardFigures & {
    readonly providerId: string;
    /** YYYY-MM */
    readonly period: string;
    /** 1 for the first publication of this provider and period, then 2, 3 … */
    readonly revision: number;
    /** The settlement approval that triggered this revision. */
    readonly basedOn: { readonly contractId: string; readonly settlementEventId: string };
    readonly publishedAt: string;
    readonly publishedBy: string;
  }
>;

export const PROVIDER_SCORECARD_PUBLISHED = 'ProviderScorecardPublished';

export type PublishProviderScorecard = Command<
  'PublishProviderScorecard',
  {
    readonly providerId: string;
    readonly period: string;
    readonly figures: ScorecardFigures;
    readonly basedOn: { readonly contractId: string; readonly settlementEventId: string };
  }
>;

export const PROVIDER_SCORECARD_CATEGORY = 'providerScorecard';

export function providerScorecardStreamId(providerId: string, period: string): string {
  return `${PROVIDER_SCORECARD_CATEGORY}-${providerId}-${period}`;
}
