import type { ContractEvent } from '@spinout/domain/contract';
import type { StoredEvent } from '@spinout/event-store';
import { laterOf, occurredAt } from '../shared/events';
import { encodeKey } from '../sql/table';
import type { ProviderScorecardRow, ScorecardContractRow, ScorecardEntryRow } from './provider-scorecard.row';
import { NO_TOTALS, scoreOf, trendsOf, withEntryTotals, type ScoreEntry } from './scorecard';

export const SCORECARD_EVENT_TYPES = [
  'ContractDrafted',
  'ContractAmended',
  'SlaMeasurementRecorded',
  'SlaMeasurementCorrected',
] as const;
export type ScorecardEvent = Extract<ContractEvent, { type: (typeof SCORECARD_EVENT_TYPES)[number] }>;

const weightsOf = (slas: readonly { slaId: string; weight: number }[]): Record<string, number> =>
  Object.fromEntries(slas.map((sla) => [sla.slaId, sla.weight]));

/** The contract's provider and SLA weights after a drafting or an amendment of its SLAs. */
export function projectScorecardContract(
  row: ScorecardContractRow | undefined,
  event: StoredEvent<ScorecardEvent>,
): ScorecardContractRow | undefined {
  if (event.type === 'ContractDrafted')
    return {
      contractId: event.data.contractId,
      providerId: event.data.providerId,
      slaWeights: weightsOf(event.data.slas),
    };
  if (event.type === 'ContractAmended' && row !== undefined && event.data.changes.slas !== undefined) {
    return { ...row, slaWeights: weightsOf(event.data.changes.slas) };
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
export function scoreChangeOf(
  contract: ScorecardContractRow | undefined,
  event: StoredEvent<ScorecardEvent>,
): ScoreChange | undefined {
  if (event.type !== 'SlaMeasurementRecorded' && event.type !== 'SlaMeasurementCorrected') return undefined;
  const weight = contract?.slaWeights[event.data.slaId];
  if (contract === undefined || weight === undefined) return undefined;
  const { contractId, slaId, period, outcome, credit } = event.data;
  const entry = { contractId, slaId, weight, outcome, creditMinor: credit.amountMinor, currency: credit.currency };
  return { providerId: contract.providerId, period, entry, at: occurredAt(event) };
}

/**
 * The (provider, period) scorecard after a change: `previous` is the entry the change replaces
 * (same contract and SLA), `newContract` whether the period had no entry of its contract yet.
 * Trend fields are left for `withTrends`.
 */
export function projectScorecard(
  row: ProviderScorecardRow | undefined,
  change: ScoreChange,
  previous: ScoreEntry | undefined,
  newContract: boolean,
): ProviderScorecardRow {
  const totals = withEntryTotals(row ?? NO_TOTALS, previous, change.entry, newContract);
  return {
    providerId: change.providerId,
    period: change.period,
    ...scoreOf(totals),
    ...totals,
    previousPeriod: row?.previousPeriod ?? null,
    previousScore: row?.previousScore ?? null,
    trend: row?.trend ?? null,
    updatedAt: row === undefined ? change.at : laterOf(row.updatedAt, change.at),
  };
}

/**
 * The entries of the periods being folded, in memory: which entry a change replaces and
 * whether its contract is new to the period. Filled with what is stored, updated per change.
 */
export class EntryIndex {
  private readonly entries = new Map<string, ScoreEntry>();
  private readonly contracts = new Set<string>();

  constructor(stored: Iterable<ScorecardEntryRow> = []) {
    for (const entry of stored) this.put(entry.providerId, entry.period, entry);
  }

  /** Records the change's entry; returns the one it replaces and whether its contract is new to the period. */
  put(
    providerId: string,
    period: string,
    entry: ScoreEntry,
  ): { previous: ScoreEntry | undefined; newContract: boolean } {
    const key = encodeKey([providerId, period, entry.contractId, entry.slaId]);
    const contract = encodeKey([providerId, period, entry.contractId]);
    const previous = this.entries.get(key);
    const newContract = !this.contracts.has(contract);
    this.entries.set(key, {
      contractId: entry.contractId,
      slaId: entry.slaId,
      weight: entry.weight,
      outcome: entry.outcome,
      creditMinor: entry.creditMinor,
      currency: entry.currency,
    });
    this.contracts.add(contract);
    return { previous, newContract };
  }
}

/** Folds a change onto the rows (by `[providerId, period]` key) and the entry index; returns the new row. */
export function applyScoreChange(
  rows: Map<string, ProviderScorecardRow>,
  index: EntryIndex,
  change: ScoreChange,
): ProviderScorecardRow {
  const key = encodeKey([change.providerId, change.period]);
  const { previous, newContract } = index.put(change.providerId, change.period, change.entry);
  const row = projectScorecard(rows.get(key), change, previous, newContract);
  rows.set(key, row);
  return row;
}

/** One provider's rows with the trend fields set from their neighbours. */
export function withTrends(rows: readonly ProviderScorecardRow[]): ProviderScorecardRow[] {
  const trends = trendsOf(rows);
  return rows.map((row) => ({ ...row, ...trends.get(row.period) }));
}
