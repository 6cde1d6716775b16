import type { SqlExecutor, StoredEvent } from '@spinout/event-store';
import type { Processor } from '@spinout/event-store/processing/processor.port';
import { foldKeyed } from '../sql/keyed-fold';
import { truncate, upsertRows } from '../sql/statements';
import { SETTLEMENTS_TABLE } from './settlement.row';
import { SETTLEMENT_EVENT_TYPES, settlementsProjection } from './settlements.projection';

/** Keeps `settlements`: one row per (contract, period). */
export class SettlementsProcessor implements Processor {
  readonly name = 'projection:settlements';
  readonly eventTypes = SETTLEMENT_EVENT_TYPES;
  readonly batchSize = 1000;

  async handle(events: readonly StoredEvent[], tx: SqlExecutor): Promise<void> {
    await upsertRows(tx, SETTLEMENTS_TABLE, await foldKeyed(tx, settlementsProjection, events));
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await truncate(tx, SETTLEMENTS_TABLE);
  }
}
