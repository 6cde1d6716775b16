import type { ContractEvent, SettlementFigures } from '@spinout/domain/contract';
import type { StoredEvent } from '@spinout/event-store';
import { dataString, domainEvent, occurredAt } from '../shared/events';
import type { KeyedProjection } from '../sql/keyed-fold';
import { SETTLEMENTS_TABLE, type SettlementRow } from './settlement.row';

export const SETTLEMENT_EVENT_TYPES = ['InvoiceRecorded', 'SettlementRecalculated', 'SettlementApproved', 'PaymentRecorded'] as const;
type SettlementEvent = Extract<ContractEvent, { type: (typeof SETTLEMENT_EVENT_TYPES)[number] }>;

const figures = (f: SettlementFigures) => ({
  currency: f.gross.currency,
  grossMinor: f.gross.amountMinor,
  slaCreditsMinor: f.slaCredits.amountMinor,
  creditsMinor: f.credits.amountMinor,
  netMinor: f.net.amountMinor,
});

/** The (contract, period) settlement after one of its events. */
export function projectSettlement(row: SettlementRow | undefined, event: StoredEvent): SettlementRow | undefined {
  const e = domainEvent<SettlementEvent>(event);
  const updatedAt = occurredAt(event);
  if (e.type === 'InvoiceRecorded') {
    const { contractId, period, invoiceId, recordedAt, recordedBy, overchargeReason } = e.data;
    return {
      contractId, period, invoiceId, ...figures(e.data), status: 'invoiced', paidMinor: null, paymentRef: null, recalculations: 0,
      invoicedAt: recordedAt, invoicedBy: recordedBy, approvedAt: null, approvedBy: null, paidAt: null, updatedAt,
      overchargeReason: overchargeReason ?? null,
    };
  }
  if (row === undefined) return undefined;
  switch (e.type) {
    case 'SettlementRecalculated':
      return { ...row, ...figures(e.data), recalculations: row.recalculations + 1, updatedAt };
    case 'SettlementApproved':
      return { ...row, ...figures(e.data), status: 'approved', approvedAt: e.data.approvedAt, approvedBy: e.data.approvedBy, updatedAt };
    case 'PaymentRecorded':
      return { ...row, status: 'paid', paidMinor: e.data.amount.amountMinor, paymentRef: e.data.paymentRef, paidAt: e.data.paidAt, updatedAt };
  }
}

export const settlementsProjection: KeyedProjection<SettlementRow> = {
  table: SETTLEMENTS_TABLE,
  keyOfEvent: (event) => {
    const [contractId, period] = [dataString(event, 'contractId'), dataString(event, 'period')];
    return contractId && period ? [contractId, period] : undefined;
  },
  project: projectSettlement,
};
