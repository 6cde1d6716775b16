import type { ContractEvent } from '@spinout/domain/contract';
import type { StoredEvent } from '@spinout/event-store';
import { domainEvent, laterOf, occurredAt } from '../shared/events';
import type { ProviderScorecardRow, ScorecardContractRow } from './provider-scorecard.row';
import { summarise, trendsOf, withEntry, type ScoreEntry } from './scorecard';

export const SCORECARD_EVENT_TYPES = ['ContractDrafted', 'ContractAmended', 'SlaMeasurementRecorded', 'SlaMeasurementCorrected'] as const;
type ScorecardEvent = Extract<ContractEvent, { type: (typeof SCORECARD_EVENT_TYPES)[number] }>;

const weightsOf = (slas: readonly { slaId: string; weight: number }[]): Record<string, number> =>
  Object.fromEntries(slas.map((sla) => [sla.slaId, sla.weight]));

/** The contract's provider and SLA weights after a drafting or an amendment of its SLAs. */
export function projectScorecardContract(row: ScorecardContractRow | undefined, event: StoredEvent): ScorecardContractRow | undefined {
  const e = domainEvent<ScorecardEvent>(event);
  if (e.type === 'ContractDrafted') return { contractId: e.data.contractId, providerId: e.data.providerId, slaWeights: weightsOf(e.data.slas) };
  if (e.type === 'ContractAmended' && row !== undefined && e.data.changes.slas !== undefined) {
    return { ...row, slaWeights: weightsOf(e.data.changes.slas) };
  }
  return row;
}

/** A measurement as a scorecard change: whose period it scores, and the entry it sets. */
export interface ScoreChange {
  readonly providerId: string;
  readonly period: string;
  readonly entry: ScoreEntry;
  readonly at: string;
}

/** The change a measurement or correction makes, weighted as its contract's SLA is at that moment. */
export function scoreChangeOf(contract: ScorecardContractRow | undefined, event: StoredEvent): ScoreChange | undefined {
  const e = domainEvent<ScorecardEvent>(event);
  if (e.type !== 'SlaMeasurementRecorded' && e.type !== 'SlaMeasurementCorrected') return undefined;
  const weight = contract?.slaWeights[e.data.slaId];
  if (contract === undefined || weight === undefined) return undefined;
  const { contractId, slaId, period, outcome, credit } = e.data;
  const entry = { contractId, slaId, weight, outcome, creditMinor: credit.amountMinor, currency: credit.currency };
  return { providerId: contract.providerId, period, entry, at: occurredAt(event) };
}

/** The (provider, period) scorecard after a change; trend fields are left for `withTrends`. */
export function projectScorecard(row: ProviderScorecardRow | undefined, change: ScoreChange): ProviderScorecardRow {
  const entries = withEntry(row?.entries ?? [], change.entry);
  return {
    providerId: change.providerId,
    period: change.period,
    ...summarise(entries),
    entries,
    previousPeriod: row?.previousPeriod ?? null,
    previousScore: row?.previousScore ?? null,
    trend: row?.trend ?? null,
    updatedAt: row === undefined ? change.at : laterOf(row.updatedAt, change.at),
  };
}

/** One provider's rows with the trend fields set from their neighbours. */
export function withTrends(rows: readonly ProviderScorecardRow[]): ProviderScorecardRow[] {
  const trends = trendsOf(rows);
  return rows.map((row) => ({ ...row, ...trends.get(row.period) }));
}
