import { SERVICE_UNIT_EVENT_TYPES } from '@spinout/domain';
import type { Processor, SqlExecutor, StoredEvent } from '@spinout/event-store';
import { truncate } from '../sql/statements';
import { foldUnitBatch, saveUnitBatch } from './unit-batch';
import { UNITS_TABLE } from './unit.row';
import { UNIT_CONTRACT_EVENT_TYPES, type UnitRowEvent } from './units.projection';
import { DEFAULT_PROJECTION_BATCH } from '../shared/batch';

/** Keeps `units`: one row per service unit, with its current contract's status and charge. */
export class UnitsProcessor implements Processor<UnitRowEvent> {
  readonly name = 'projection:units';
  readonly eventTypes = [...SERVICE_UNIT_EVENT_TYPES, ...UNIT_CONTRACT_EVENT_TYPES];
  constructor(readonly batchSize = DEFAULT_PROJECTION_BATCH) {}

  async handle(events: readonly StoredEvent<UnitRowEvent>[], tx: SqlExecutor): Promise<void> {
    await saveUnitBatch(tx, UNITS_TABLE, await foldUnitBatch(tx, UNITS_TABLE, events));
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await truncate(tx, UNITS_TABLE);
  }
}
