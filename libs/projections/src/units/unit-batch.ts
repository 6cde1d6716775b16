import type { SqlExecutor, StoredEvent } from '@spinout/event-store';
import { dataString } from '../shared/events';
import { loadByKeys, loadWhereIn, upsertRows } from '../sql/statements';
import type { TableSpec } from '../sql/table';
import { projectUnit, type UnitRowEvent } from './units.projection';
import type { UnitRow } from './unit.row';

export interface UnitBatch {
  /** The rows as loaded, before the batch, of every unit the batch changed (absent: new units). */
  readonly before: ReadonlyMap<string, UnitRow>;
  /** The changed rows after the batch. */
  readonly after: ReadonlyMap<string, UnitRow>;
}

/**
 * Folds a batch of unit and contract events onto unit rows of `table` in memory: one load
 * (by unit id, and by contract id for contract events that name no unit), then `projectUnit`
 * per event in log order. Writes nothing; `saveUnitBatch` writes the changed rows in one upsert.
 */
export async function foldUnitBatch(
  tx: SqlExecutor,
  table: TableSpec<UnitRow>,
  events: readonly StoredEvent<UnitRowEvent>[],
): Promise<UnitBatch> {
  const unitIds = new Set<string>();
  const contractIds = new Set<string>();
  for (const event of events) {
    const unitId = dataString(event, 'unitId');
    const contractId = dataString(event, 'contractId');
    if (unitId !== undefined) unitIds.add(unitId);
    else if (contractId !== undefined) contractIds.add(contractId);
  }
  const loaded = [
    ...(await loadByKeys(
      tx,
      table,
      [...unitIds].map((id) => [id]),
    )),
    ...(await loadWhereIn(tx, table, 'contractId', [...contractIds])),
  ];
  const current = new Map<string, UnitRow>(loaded.map((row) => [row.unitId, row]));
  const before = new Map(current);
  const unitOfContract = new Map<string, string>();
  for (const row of current.values()) if (row.contractId !== null) unitOfContract.set(row.contractId, row.unitId);

  const changed = new Set<string>();
  for (const event of events) {
    const unitId = dataString(event, 'unitId') ?? unitOfContract.get(dataString(event, 'contractId') ?? '');
    if (unitId === undefined) continue;
    const row = current.get(unitId);
    const next = projectUnit(row, event);
    if (next === undefined || next === row) continue;
    current.set(unitId, next);
    changed.add(unitId);
    if (row?.contractId && row.contractId !== next.contractId && unitOfContract.get(row.contractId) === unitId)
      unitOfContract.delete(row.contractId);
    if (next.contractId !== null) unitOfContract.set(next.contractId, unitId);
  }
  const after = new Map<string, UnitRow>();
  for (const unitId of changed) after.set(unitId, current.get(unitId) as UnitRow);
  const changedBefore = new Map<string, UnitRow>();
  for (const unitId of changed) {
    const row = before.get(unitId);
    if (row !== undefined) changedBefore.set(unitId, row);
  }
  return { before: changedBefore, after };
}

export async function saveUnitBatch(tx: SqlExecutor, table: TableSpec<UnitRow>, batch: UnitBatch): Promise<void> {
  await upsertRows(tx, table, [...batch.after.values()]);
}
