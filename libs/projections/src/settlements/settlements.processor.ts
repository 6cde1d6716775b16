import type { Processor, SqlExecutor, StoredEvent } from '@spinout/event-store';
import { foldKeyed } from '../sql/keyed-fold';
import { truncate, upsertRows } from '../sql/statements';
import { SETTLEMENTS_TABLE } from './settlement.row';
import { SETTLEMENT_EVENT_TYPES, settlementsProjection, type SettlementEvent } from './settlements.projection';
import { DEFAULT_PROJECTION_BATCH } from '../shared/batch';

/** Keeps `settlements`: one row per (contract, period). */
export class SettlementsProcessor implements Processor<SettlementEvent> {
  readonly name = 'projection:settlements';
  readonly eventTypes = SETTLEMENT_EVENT_TYPES;
  constructor(readonly batchSize = DEFAULT_PROJECTION_BATCH) {}

  async handle(events: readonly StoredEvent<SettlementEvent>[], tx: SqlExecutor): Promise<void> {
    await upsertRows(tx, SETTLEMENTS_TABLE, await foldKeyed(tx, settlementsProjection, events));
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await truncate(tx, SETTLEMENTS_TABLE);
  }
}
