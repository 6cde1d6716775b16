import * as c from '@spinout/domain/contract/contract.fixtures';
import type { ContractEvent } from '@spinout/domain/contract';
import { storedOf } from '../../test/stored';
import { projectSlaCompliance, SLA_COMPLIANCE_EVENT_TYPES, type ComplianceEvent } from './sla-compliance.projection';
import type { SlaComplianceRow } from './sla-compliance.row';

const at = (day: string) => `${day}T10:00:00+08:00`;

/** Folds the events of one (SLA, period) the way the processor routes them. */
function rowOf(events: ContractEvent[], slaId: string, period: string): SlaComplianceRow | undefined {
  let row: SlaComplianceRow | undefined;
  for (const event of storedOf<ComplianceEvent>(SLA_COMPLIANCE_EVENT_TYPES, `contract-${c.CONTRACT_ID}`, events)) {
    const mine =
      event.type === 'RectificationPlanClosed'
        ? row?.rectificationId === event.data.rectificationId
        : event.data.slaId === slaId && event.data.period === period;
    if (mine) row = projectSlaCompliance(row, event);
  }
  return row;
}

describe('projectSlaCompliance', () => {
  const measured = c.after(c.history.active(), c.measure(c.RESPONSE.slaId, '2025-01', 6, at('2025-02-03')));

  it('records the value, the target it was judged against, the outcome and the credit', () => {
    expect(rowOf(measured, c.RESPONSE.slaId, '2025-01')).toEqual({
      contractId: c.CONTRACT_ID,
      slaId: c.RESPONSE.slaId,
      period: '2025-01',
      value: 6,
      direction: 'lower_is_better',
      target: 4,
      criticalThreshold: 8,
      outcome: 'breached',
      creditMinor: 50_000,
      currency: 'CNY',
      corrected: false,
      corrections: 0,
      firstValue: 6,
      recordedAt: at('2025-02-03'),
      rectificationId: null,
      rectificationDueDate: null,
      rectificationStatus: null,
      updatedAt: at('2025-02-03'),
    });
  });

  it('replaces the figures on a correction and flags it, keeping the first value', () => {
    const row = rowOf(c.after(measured, c.correct(c.RESPONSE.slaId, '2025-01', 9)), c.RESPONSE.slaId, '2025-01');
    // 5 h over × 2.5 % = 12.5 %, capped at the SLA's 10 % of 10,000.00 CNY.
    expect(row).toMatchObject({
      value: 9,
      outcome: 'critically_breached',
      creditMinor: 100_000,
      corrected: true,
      corrections: 1,
      firstValue: 6,
    });
    expect(row?.rectificationStatus).toBe('open');
  });

  it('tracks the rectification plan a critical breach opens until it is closed', () => {
    const critical = c.after(c.history.active(), c.measure(c.AVAILABILITY.slaId, '2025-02', 85, at('2025-03-03')));
    const open = rowOf(critical, c.AVAILABILITY.slaId, '2025-02');
    expect(open).toMatchObject({
      outcome: 'critically_breached',
      rectificationStatus: 'open',
      rectificationDueDate: '2025-04-02',
    });
    const closed = rowOf(
      c.after(
        critical,
        c.command('CloseRectificationPlan', {
          rectificationId: open?.rectificationId as string,
          evidence: 'Two spare vehicles leased',
        }),
      ),
      c.AVAILABILITY.slaId,
      '2025-02',
    );
    expect(closed?.rectificationStatus).toBe('closed');
  });
});
