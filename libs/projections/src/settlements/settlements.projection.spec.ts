import * as c from '@spinout/domain/contract/contract.fixtures';
import type { ContractEvent } from '@spinout/domain/contract';
import { foldAll, storedOf } from '../../test/stored';
import { projectSettlement, SETTLEMENT_EVENT_TYPES, type SettlementEvent } from './settlements.projection';

const at = (day: string) => `${day}T10:00:00+08:00`;
const settlementEvents = (events: ContractEvent[]) =>
  storedOf<SettlementEvent>(SETTLEMENT_EVENT_TYPES, `contract-${c.CONTRACT_ID}`, events);

describe('projectSettlement', () => {
  it('takes gross, credits and net from the invoice, follows recalculation, approval and payment', () => {
    const invoiced = c.after(
      c.history.active(),
      c.measure(c.AVAILABILITY.slaId, '2025-01', 92, at('2025-02-03')), // breached: 5 % = 50,000
      c.invoice('2025-01', c.fen(1_000_000), 'INV-1'),
    );
    expect(foldAll(projectSettlement, settlementEvents(invoiced))).toEqual({
      contractId: c.CONTRACT_ID,
      period: '2025-01',
      invoiceId: 'INV-1',
      currency: 'CNY',
      grossMinor: 1_000_000,
      slaCreditsMinor: 50_000,
      creditsMinor: 50_000,
      netMinor: 950_000,
      status: 'invoiced',
      paidMinor: null,
      paymentRef: null,
      recalculations: 0,
      invoicedAt: c.NOW,
      invoicedBy: c.FINANCE,
      approvedAt: null,
      approvedBy: null,
      paidAt: null,
      updatedAt: c.NOW,
      overchargeReason: null,
    });

    const settled = c.after(
      invoiced,
      c.measure(c.RESPONSE.slaId, '2025-01', 12, at('2025-02-05')), // critical: 8 h over → 20 %, capped at 10 % = 100,000
      c.approve('2025-01'),
      c.command('RecordPayment', { period: '2025-01', amount: c.fen(850_000), paymentRef: 'PAY-1' }, c.FINANCE),
    );
    expect(foldAll(projectSettlement, settlementEvents(settled))).toMatchObject({
      slaCreditsMinor: 150_000,
      creditsMinor: 150_000, // within the contract-wide 15 % cap
      netMinor: 850_000,
      recalculations: 1,
      status: 'paid',
      approvedBy: c.APPROVER,
      paidMinor: 850_000,
      paymentRef: 'PAY-1',
    });
  });

  it('shows why an invoice charged more than the monthly charge', () => {
    const reason = 'Extra night shifts during the January audit, ordered by the agency';
    const january = { invoiceId: 'INV-1', period: '2025-01', grossCharge: c.fen(1_200_000) };
    const invoiced = c.after(
      c.history.active(),
      c.command('RecordInvoice', { ...january, overchargeReason: reason }, c.FINANCE),
      c.approve('2025-01'),
    );
    expect(foldAll(projectSettlement, settlementEvents(invoiced))).toMatchObject({
      grossMinor: 1_200_000,
      netMinor: 1_200_000,
      status: 'approved',
      overchargeReason: reason,
    });
  });

  it('ignores settlement events of a period never invoiced', () => {
    const [approval] = storedOf<SettlementEvent>(SETTLEMENT_EVENT_TYPES, 'contract-x', [
      { type: 'SettlementApproved', data: { contractId: 'x', period: '2025-01' } },
    ]);
    expect(projectSettlement(undefined, approval)).toBeUndefined();
  });
});
