import type { Processor, SqlExecutor, StoredEvent } from '@spinout/event-store';
import { dataString } from '../shared/events';
import { loadByColumns, loadByKeys, truncate, upsertRows } from '../sql/statements';
import { encodeKey, keyOf } from '../sql/table';
import { projectSlaCompliance, SLA_COMPLIANCE_EVENT_TYPES, type ComplianceEvent } from './sla-compliance.projection';
import { SLA_COMPLIANCE_TABLE, type SlaComplianceRow } from './sla-compliance.row';
import { DEFAULT_PROJECTION_BATCH } from '../shared/batch';

const T = SLA_COMPLIANCE_TABLE;

/** Keeps `sla_compliance`: one row per (contract, SLA, period). */
export class SlaComplianceProcessor implements Processor<ComplianceEvent> {
  readonly name = 'projection:sla-compliance';
  readonly eventTypes = SLA_COMPLIANCE_EVENT_TYPES;
  constructor(readonly batchSize = DEFAULT_PROJECTION_BATCH) {}

  async handle(events: readonly StoredEvent<ComplianceEvent>[], tx: SqlExecutor): Promise<void> {
    const keys = new Map<string, string[]>();
    const plans = new Map<string, string[]>();
    for (const event of events) {
      const direct = directKey(event);
      if (direct) keys.set(encodeKey(direct), direct);
      else if (event.type === 'RectificationPlanClosed') {
        const plan = [dataString(event, 'contractId') ?? '', dataString(event, 'rectificationId') ?? ''];
        plans.set(encodeKey(plan), plan);
      }
    }
    const rows = new Map<string, SlaComplianceRow>();
    const loaded = [
      ...(await loadByKeys(tx, T, [...keys.values()])),
      ...(await loadByColumns(tx, T, ['contractId', 'rectificationId'], [...plans.values()])),
    ];
    for (const row of loaded) rows.set(keyOf(T, row), row);
    const planRows = new Map<string, string>();
    for (const [key, row] of rows)
      if (row.rectificationId) planRows.set(encodeKey([row.contractId, row.rectificationId]), key);

    const changed = new Set<string>();
    for (const event of events) {
      const direct = directKey(event);
      const key = direct
        ? encodeKey(direct)
        : planRows.get(encodeKey([dataString(event, 'contractId') ?? '', dataString(event, 'rectificationId') ?? '']));
      if (key === undefined) continue;
      const row = rows.get(key);
      const next = projectSlaCompliance(row, event);
      if (next === undefined || next === row) continue;
      rows.set(key, next);
      changed.add(key);
      if (next.rectificationId) planRows.set(encodeKey([next.contractId, next.rectificationId]), key);
    }
    await upsertRows(
      tx,
      T,
      [...changed].map((key) => rows.get(key) as SlaComplianceRow),
    );
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await truncate(tx, T);
  }
}

/** Measurements and openings name their (contract, SLA, period); closings do not. */
function directKey(event: StoredEvent): string[] | undefined {
  if (event.type === 'RectificationPlanClosed') return undefined;
  const [contractId, slaId, period] = [
    dataString(event, 'contractId'),
    dataString(event, 'slaId'),
    dataString(event, 'period'),
  ];
  return contractId && slaId && period ? [contractId, slaId, period] : undefined;
}
