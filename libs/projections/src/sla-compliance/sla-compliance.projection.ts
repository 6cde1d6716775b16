import type { ContractEvent } from '@spinout/domain/contract';
import type { StoredEvent } from '@spinout/event-store';
import { domainEvent, occurredAt } from '../shared/events';
import type { SlaComplianceRow } from './sla-compliance.row';

export const SLA_COMPLIANCE_EVENT_TYPES = [
  'SlaMeasurementRecorded',
  'SlaMeasurementCorrected',
  'RectificationPlanOpened',
  'RectificationPlanClosed',
] as const;
type ComplianceEvent = Extract<ContractEvent, { type: (typeof SLA_COMPLIANCE_EVENT_TYPES)[number] }>;

/** The (SLA, period) row after one of its events. A closing names only the plan; the processor finds its row. */
export function projectSlaCompliance(row: SlaComplianceRow | undefined, event: StoredEvent): SlaComplianceRow | undefined {
  const e = domainEvent<ComplianceEvent>(event);
  const at = occurredAt(event);
  switch (e.type) {
    case 'SlaMeasurementRecorded':
    case 'SlaMeasurementCorrected': {
      const { contractId, slaId, period, value, direction, target, criticalThreshold, outcome, credit } = e.data;
      const figures = { value, direction, target, criticalThreshold, outcome, creditMinor: credit.amountMinor, currency: credit.currency, updatedAt: at };
      if (e.type === 'SlaMeasurementCorrected' && row !== undefined) {
        return { ...row, ...figures, corrected: true, corrections: row.corrections + 1 };
      }
      const first = e.type === 'SlaMeasurementCorrected' ? e.data.previous.value : value;
      const corrected = e.type === 'SlaMeasurementCorrected';
      const recordedAt = e.type === 'SlaMeasurementRecorded' ? e.data.recordedAt : e.data.correctedAt;
      return {
        contractId, slaId, period, ...figures, corrected, corrections: corrected ? 1 : 0, firstValue: first, recordedAt,
        rectificationId: row?.rectificationId ?? null,
        rectificationDueDate: row?.rectificationDueDate ?? null,
        rectificationStatus: row?.rectificationStatus ?? null,
      };
    }
    case 'RectificationPlanOpened':
      if (row === undefined) return undefined;
      return { ...row, rectificationId: e.data.rectificationId, rectificationDueDate: e.data.dueDate, rectificationStatus: 'open', updatedAt: at };
    case 'RectificationPlanClosed':
      if (row === undefined || row.rectificationId !== e.data.rectificationId) return row;
      return { ...row, rectificationStatus: 'closed', updatedAt: at };
  }
}
