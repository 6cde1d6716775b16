import type { Processor, SqlExecutor, StoredEvent } from '@spinout/event-store';
import { DEFAULT_PROJECTION_BATCH } from '../shared/batch';
import { dataString } from '../shared/events';
import { loadByColumns, loadByKeys, loadWhereIn, truncate, upsertRows } from '../sql/statements';
import { encodeKey, keyOf } from '../sql/table';
import {
  PROVIDER_SCORECARDS_TABLE,
  SCORECARD_CONTRACTS_TABLE,
  SCORECARD_ENTRIES_TABLE,
  type ProviderScorecardRow,
  type ScorecardContractRow,
  type ScorecardEntryRow,
} from './provider-scorecard.row';
import {
  applyScoreChange,
  EntryIndex,
  projectScorecardContract,
  SCORECARD_EVENT_TYPES,
  scoreChangeOf,
  withTrends,
  type ScoreChange,
  type ScorecardEvent,
} from './provider-scorecards.projection';

const T = PROVIDER_SCORECARDS_TABLE;
const E = SCORECARD_ENTRIES_TABLE;

/**
 * Keeps `provider_scorecards`. Per batch: load the batch's contracts (provider and SLA weights,
 * `provider_scorecard_contracts`) and the stored entries of those contracts in the periods the
 * batch scores (`provider_scorecard_entries`), move each period's totals by the entries the
 * measurements replace, and recompute the trends of the providers touched from all their
 * periods (one small row a month), so a correction of an earlier month moves the next month's
 * trend too. Writes only the entries and rows that changed.
 */
export class ProviderScorecardsProcessor implements Processor<ScorecardEvent> {
  readonly name = 'projection:provider-scorecards';
  readonly eventTypes = SCORECARD_EVENT_TYPES;
  constructor(readonly batchSize = DEFAULT_PROJECTION_BATCH) {}

  async handle(events: readonly StoredEvent<ScorecardEvent>[], tx: SqlExecutor): Promise<void> {
    const changes = await this.foldContracts(events, tx);
    if (changes.length === 0) return;
    const contractsInPeriods = new Map<string, [string, string, string]>();
    for (const { providerId, period, entry } of changes) {
      contractsInPeriods.set(encodeKey([providerId, period, entry.contractId]), [providerId, period, entry.contractId]);
    }
    const index = new EntryIndex(
      await loadByColumns(tx, E, ['providerId', 'period', 'contractId'], [...contractsInPeriods.values()]),
    );
    const loaded = await loadWhereIn(tx, T, 'providerId', [...new Set(changes.map((c) => c.providerId))]);
    const rows = new Map<string, ProviderScorecardRow>(loaded.map((row) => [keyOf(T, row), row]));
    const entries = new Map<string, ScorecardEntryRow>();
    for (const change of changes) {
      applyScoreChange(rows, index, change);
      const { providerId, period, entry } = change;
      entries.set(encodeKey([providerId, period, entry.contractId, entry.slaId]), { providerId, period, ...entry });
    }
    await upsertRows(tx, E, [...entries.values()]);
    await upsertRows(tx, T, changedRows(loaded, rows));
  }

  /** Applies the batch's draftings and amendments to the contract directory, and returns its measurements as score changes. */
  private async foldContracts(events: readonly StoredEvent<ScorecardEvent>[], tx: SqlExecutor): Promise<ScoreChange[]> {
    const ids = new Set(events.map((e) => dataString(e, 'contractId')).filter((id): id is string => id !== undefined));
    const contracts = new Map(
      (
        await loadByKeys(
          tx,
          SCORECARD_CONTRACTS_TABLE,
          [...ids].map((id) => [id]),
        )
      ).map((c) => [c.contractId, c]),
    );
    const changed = new Map<string, ScorecardContractRow>();
    const changes: ScoreChange[] = [];
    for (const event of events) {
      const id = dataString(event, 'contractId') ?? '';
      const contract = contracts.get(id);
      const next = projectScorecardContract(contract, event);
      if (next !== undefined && next !== contract) {
        contracts.set(id, next);
        changed.set(id, next);
      }
      const change = scoreChangeOf(next, event);
      if (change !== undefined) changes.push(change);
    }
    await upsertRows(tx, SCORECARD_CONTRACTS_TABLE, [...changed.values()]);
    return changes;
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await truncate(tx, T);
    await truncate(tx, E);
    await truncate(tx, SCORECARD_CONTRACTS_TABLE);
  }
}

/** Every row of the touched providers with its trend recomputed, keeping those that differ from what was loaded. */
function changedRows(
  loaded: readonly ProviderScorecardRow[],
  rows: ReadonlyMap<string, ProviderScorecardRow>,
): ProviderScorecardRow[] {
  const before = new Map(loaded.map((row) => [keyOf(T, row), JSON.stringify(row)]));
  const byProvider = new Map<string, ProviderScorecardRow[]>();
  for (const row of rows.values()) {
    const own = byProvider.get(row.providerId);
    if (own) own.push(row);
    else byProvider.set(row.providerId, [row]);
  }
  const out: ProviderScorecardRow[] = [];
  for (const own of byProvider.values()) {
    for (const row of withTrends(own)) if (before.get(keyOf(T, row)) !== JSON.stringify(row)) out.push(row);
  }
  return out;
}
