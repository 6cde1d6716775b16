import { SERVICE_UNIT_EVENT_TYPES } from '@spinout/domain';
import type { Processor, SqlExecutor, StoredEvent } from '@spinout/event-store';
import { loadByKeys, truncate, upsertRows } from '../sql/statements';
import { encodeKey, keyOf } from '../sql/table';
import { foldUnitBatch, saveUnitBatch } from '../units/unit-batch';
import { UNIT_CONTRACT_EVENT_TYPES, type UnitRowEvent } from '../units/units.projection';
import { projectProgress } from './reform-progress.projection';
import { REFORM_PROGRESS_TABLE, REFORM_PROGRESS_UNITS_TABLE, type ReformProgressRow } from './reform-progress.row';
import { DEFAULT_PROJECTION_BATCH } from '../shared/batch';

/**
 * Keeps `reform_progress` per (agency, category). It folds the batch onto its own unit rows
 * (`reform_progress_units`), then moves each touched group by the changed units'
 * contributions: three reads and two upserts per batch, whatever its size.
 */
export class ReformProgressProcessor implements Processor<UnitRowEvent> {
  readonly name = 'projection:reform-progress';
  readonly eventTypes = [...SERVICE_UNIT_EVENT_TYPES, ...UNIT_CONTRACT_EVENT_TYPES];
  constructor(readonly batchSize = DEFAULT_PROJECTION_BATCH) {}

  async handle(events: readonly StoredEvent<UnitRowEvent>[], tx: SqlExecutor): Promise<void> {
    const units = await foldUnitBatch(tx, REFORM_PROGRESS_UNITS_TABLE, events);
    if (units.after.size === 0) return;
    const groups = new Map<string, [string, string]>();
    for (const unit of units.after.values())
      groups.set(encodeKey([unit.agency, unit.category]), [unit.agency, unit.category]);
    const rows = new Map<string, ReformProgressRow>();
    for (const row of await loadByKeys(tx, REFORM_PROGRESS_TABLE, [...groups.values()]))
      rows.set(keyOf(REFORM_PROGRESS_TABLE, row), row);
    for (const [unitId, after] of units.after) {
      const key = encodeKey([after.agency, after.category]);
      rows.set(key, projectProgress(rows.get(key), units.before.get(unitId), after));
    }
    await saveUnitBatch(tx, REFORM_PROGRESS_UNITS_TABLE, units);
    await upsertRows(tx, REFORM_PROGRESS_TABLE, [...rows.values()]);
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await truncate(tx, REFORM_PROGRESS_TABLE);
    await truncate(tx, REFORM_PROGRESS_UNITS_TABLE);
  }
}
