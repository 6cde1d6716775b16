import type { ContractEvent, SettlementFigures } from '@spinout/domain/contract';
import type { StoredEvent } from '@spinout/event-store';
import { dataString, occurredAt } from '../shared/events';
import type { KeyedProjection } from '../sql/keyed-fold';
import { SETTLEMENTS_TABLE, type SettlementRow } from './settlement.row';

export const SETTLEMENT_EVENT_TYPES = [
  'InvoiceRecorded',
  'SettlementRecalculated',
  'SettlementApproved',
  'PaymentRecorded',
] as const;
export type SettlementEvent = Extract<ContractEvent, { type: (typeof SETTLEMENT_EVENT_TYPES)[number] }>;

const figures = (f: SettlementFigures) => ({
  currency: f.gross.currency,
  grossMinor: f.gross.amountMinor,
  slaCreditsMinor: f.slaCredits.amountMinor,
  creditsMinor: f.credits.amountMinor,
  netMinor: f.net.amountMinor,
});

/** The (contract, period) settlement after one of its events. */
export function projectSettlement(
  row: SettlementRow | undefined,
  event: StoredEvent<SettlementEvent>,
): SettlementRow | undefined {
  const updatedAt = occurredAt(event);
  if (event.type === 'InvoiceRecorded') {
    const { contractId, period, invoiceId, recordedAt, recordedBy, overchargeReason } = event.data;
    return {
      contractId,
      period,
      invoiceId,
      ...figures(event.data),
      status: 'invoiced',
      paidMinor: null,
      paymentRef: null,
      recalculations: 0,
      invoicedAt: recordedAt,
      invoicedBy: recordedBy,
      approvedAt: null,
      approvedBy: null,
      paidAt: null,
      updatedAt,
      overchargeReason: overchargeReason ?? null,
    };
  }
  if (row === undefined) return undefined;
  switch (event.type) {
    case 'SettlementRecalculated':
      return { ...row, ...figures(event.data), recalculations: row.recalculations + 1, updatedAt };
    case 'SettlementApproved':
      return {
        ...row,
        ...figures(event.data),
        status: 'approved',
        approvedAt: event.data.approvedAt,
        approvedBy: event.data.approvedBy,
        updatedAt,
      };
    case 'PaymentRecorded':
      return {
        ...row,
        status: 'paid',
        paidMinor: event.data.amount.amountMinor,
        paymentRef: event.data.paymentRef,
        paidAt: event.data.paidAt,
        updatedAt,
      };
  }
}

export const settlementsProjection: KeyedProjection<SettlementRow, SettlementEvent> = {
  table: SETTLEMENTS_TABLE,
  keyOfEvent: (event) => {
    const [contractId, period] = [dataString(event, 'contractId'), dataString(event, 'period')];
    return contractId && period ? [contractId, period] : undefined;
  },
  project: projectSettlement,
};
