import type { Processor, SqlExecutor, StoredEvent } from '@spinout/event-store';
import { dataString } from '../shared/events';
import { loadByKeys, loadWhereIn, truncate, upsertRows } from '../sql/statements';
import { encodeKey, keyOf } from '../sql/table';
import { PROVIDER_SCORECARDS_TABLE, SCORECARD_CONTRACTS_TABLE, type ProviderScorecardRow, type ScorecardContractRow } from './provider-scorecard.row';
import {
  projectScorecard, projectScorecardContract, SCORECARD_EVENT_TYPES, scoreChangeOf, withTrends, type ScoreChange,
} from './provider-scorecards.projection';
import { DEFAULT_PROJECTION_BATCH } from '../shared/batch';

const T = PROVIDER_SCORECARDS_TABLE;

/**
 * Keeps `provider_scorecards`. Per batch: load the batch's contracts (provider and SLA weights,
 * kept in `provider_scorecard_contracts`) and every scorecard of the providers it scores, fold
 * the measurements in memory, recompute those providers' trends, and upsert what changed.
 * Loading a provider's whole history (a row per month) keeps the trend exact when a correction
 * changes an earlier month.
 */
export class ProviderScorecardsProcessor implements Processor {
  readonly name = 'projection:provider-scorecards';
  readonly eventTypes = SCORECARD_EVENT_TYPES;
  constructor(readonly batchSize = DEFAULT_PROJECTION_BATCH) {}

  async handle(events: readonly StoredEvent[], tx: SqlExecutor): Promise<void> {
    const contractIds = new Set(events.map((e) => dataString(e, 'contractId')).filter((id): id is string => id !== undefined));
    const contracts = new Map((await loadByKeys(tx, SCORECARD_CONTRACTS_TABLE, [...contractIds].map((id) => [id]))).map((c) => [c.contractId, c]));
    const changedContracts = new Map<string, ScorecardContractRow>();
    const changes: ScoreChange[] = [];
    for (const event of events) {
      const contractId = dataString(event, 'contractId') ?? '';
      const contract = contracts.get(contractId);
      const next = projectScorecardContract(contract, event);
      if (next !== undefined && next !== contract) {
        contracts.set(contractId, next);
        changedContracts.set(contractId, next);
      }
      const change = scoreChangeOf(next, event);
      if (change !== undefined) changes.push(change);
    }
    await upsertRows(tx, SCORECARD_CONTRACTS_TABLE, [...changedContracts.values()]);
    if (changes.length === 0) return;

    const providers = [...new Set(changes.map((c) => c.providerId))];
    const loaded = await loadWhereIn(tx, T, 'providerId', providers);
    const rows = new Map<string, ProviderScorecardRow>(loaded.map((row) => [keyOf(T, row), row]));
    for (const change of changes) {
      const key = encodeKey([change.providerId, change.period]);
      rows.set(key, projectScorecard(rows.get(key), change));
    }
    const before = new Map(loaded.map((row) => [keyOf(T, row), JSON.stringify(row)]));
    const byProvider = new Map<string, ProviderScorecardRow[]>();
    for (const row of rows.values()) {
      const own = byProvider.get(row.providerId);
      if (own) own.push(row);
      else byProvider.set(row.providerId, [row]);
    }
    const dirty: ProviderScorecardRow[] = [];
    for (const own of byProvider.values()) {
      for (const row of withTrends(own)) if (before.get(keyOf(T, row)) !== JSON.stringify(row)) dirty.push(row);
    }
    await upsertRows(tx, T, dirty);
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await truncate(tx, T);
    await truncate(tx, SCORECARD_CONTRACTS_TABLE);
  }
}
