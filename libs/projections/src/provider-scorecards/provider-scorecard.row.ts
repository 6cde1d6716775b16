import { col, type TableSpec } from '../sql/table';
import type { ScoreEntry } from './scorecard';

/**
 * A provider's scorecard for one period (YYYY-MM). Rank and rating are computed at query time
 * (see the query): the rating from the score, in the scheme configured then.
 */
export interface ProviderScorecardRow {
  providerId: string;
  period: string;
  /** 0–100, two decimals. */
  score: number;
  /** Σ weight × SLA score over the entries; score = weightedPoints / weightTotal. */
  weightedPoints: number;
  weightTotal: number;
  measurements: number;
  contracts: number;
  breaches: number;
  criticalBreaches: number;
  creditsMinor: number;
  currency: string | null;
  previousPeriod: string | null;
  previousScore: number | null;
  /** score − previousScore; null for the provider's first scored period. */
  trend: number | null;
  updatedAt: string;
}

export const PROVIDER_SCORECARDS_TABLE: TableSpec<ProviderScorecardRow> = {
  name: 'provider_scorecards',
  key: ['providerId', 'period'],
  columns: {
    providerId: col.text,
    period: col.text,
    score: col.real,
    weightedPoints: col.real,
    weightTotal: col.real,
    measurements: col.integer,
    contracts: col.integer,
    breaches: col.integer,
    criticalBreaches: col.integer,
    creditsMinor: col.bigint,
    currency: col.text.null,
    previousPeriod: col.text.null,
    previousScore: col.real.null,
    trend: col.real.null,
    updatedAt: col.text,
  },
};

/**
 * The latest figures of every (contract, SLA) measured for a provider's period: what its
 * scorecard row sums. A new measurement writes one small row and moves the period's totals by
 * the difference to the entry it replaces, so a batch reads only the entries it replaces.
 */
export interface ScorecardEntryRow extends ScoreEntry {
  providerId: string;
  period: string;
}

export const SCORECARD_ENTRIES_TABLE: TableSpec<ScorecardEntryRow> = {
  name: 'provider_scorecard_entries',
  key: ['providerId', 'period', 'contractId', 'slaId'],
  columns: {
    providerId: col.text,
    period: col.text,
    contractId: col.text,
    slaId: col.text,
    weight: col.real,
    outcome: col.text,
    creditMinor: col.bigint,
    currency: col.text,
  },
};

/** What the scorecards need of each contract: whose it is and its SLAs' weights in force. */
export interface ScorecardContractRow {
  contractId: string;
  providerId: string;
  slaWeights: Record<string, number>;
}

export const SCORECARD_CONTRACTS_TABLE: TableSpec<ScorecardContractRow> = {
  name: 'provider_scorecard_contracts',
  key: ['contractId'],
  columns: { contractId: col.text, providerId: col.text, slaWeights: col.json },
};
