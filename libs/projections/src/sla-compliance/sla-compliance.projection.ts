import type { ContractEvent } from '@spinout/domain/contract';
import type { StoredEvent } from '@spinout/event-store';
import { occurredAt } from '../shared/events';
import type { SlaComplianceRow } from './sla-compliance.row';

export const SLA_COMPLIANCE_EVENT_TYPES = [
  'SlaMeasurementRecorded',
  'SlaMeasurementCorrected',
  'RectificationPlanOpened',
  'RectificationPlanClosed',
] as const;
export type ComplianceEvent = Extract<ContractEvent, { type: (typeof SLA_COMPLIANCE_EVENT_TYPES)[number] }>;

/** The (SLA, period) row after one of its events. A closing names only the plan; the processor finds its row. */
export function projectSlaCompliance(
  row: SlaComplianceRow | undefined,
  event: StoredEvent<ComplianceEvent>,
): SlaComplianceRow | undefined {
  const at = occurredAt(event);
  switch (event.type) {
    case 'SlaMeasurementRecorded':
    case 'SlaMeasurementCorrected': {
      const { contractId, slaId, period, value, direction, target, criticalThreshold, outcome, credit } = event.data;
      const figures = {
        value,
        direction,
        target,
        criticalThreshold,
        outcome,
        creditMinor: credit.amountMinor,
        currency: credit.currency,
        updatedAt: at,
      };
      if (event.type === 'SlaMeasurementCorrected' && row !== undefined) {
        return { ...row, ...figures, corrected: true, corrections: row.corrections + 1 };
      }
      const first = event.type === 'SlaMeasurementCorrected' ? event.data.previous.value : value;
      const corrected = event.type === 'SlaMeasurementCorrected';
      const recordedAt = event.type === 'SlaMeasurementRecorded' ? event.data.recordedAt : event.data.correctedAt;
      return {
        contractId,
        slaId,
        period,
        ...figures,
        corrected,
        corrections: corrected ? 1 : 0,
        firstValue: first,
        recordedAt,
        rectificationId: row?.rectificationId ?? null,
        rectificationDueDate: row?.rectificationDueDate ?? null,
        rectificationStatus: row?.rectificationStatus ?? null,
      };
    }
    case 'RectificationPlanOpened':
      if (row === undefined) return undefined;
      return {
        ...row,
        rectificationId: event.data.rectificationId,
        rectificationDueDate: event.data.dueDate,
        rectificationStatus: 'open',
        updatedAt: at,
      };
    case 'RectificationPlanClosed':
      if (row === undefined || row.rectificationId !== event.data.rectificationId) return row;
      return { ...row, rectificationStatus: 'closed', updatedAt: at };
  }
}
