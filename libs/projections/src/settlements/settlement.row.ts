import type { SettlementStatus } from '@spinout/domain/contract';
import { col, type TableSpec } from '../sql/table';

/** The settlement of one contract for one period (YYYY-MM): gross − credits = net, then approval and payment. */
export interface SettlementRow {
  contractId: string;
  period: string;
  invoiceId: string;
  currency: string;
  grossMinor: number;
  /** Σ the period's per-SLA credits, before the contract-wide cap. */
  slaCreditsMinor: number;
  /** Credits applied (capped). */
  creditsMinor: number;
  netMinor: number;
  status: SettlementStatus;
  paidMinor: number | null;
  paymentRef: string | null;
  /** Times a new or corrected measurement recalculated the invoice before approval. */
  recalculations: number;
  invoicedAt: string;
  invoicedBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  paidAt: string | null;
  updatedAt: string;
  /** Why the gross charge exceeds the monthly charge in force; null when it does not. */
  overchargeReason: string | null;
}

export const SETTLEMENTS_TABLE: TableSpec<SettlementRow> = {
  name: 'settlements',
  key: ['contractId', 'period'],
  columns: {
    contractId: col.text,
    period: col.text,
    invoiceId: col.text,
    currency: col.text,
    grossMinor: col.bigint,
    slaCreditsMinor: col.bigint,
    creditsMinor: col.bigint,
    netMinor: col.bigint,
    status: col.text,
    paidMinor: col.bigint.null,
    paymentRef: col.text.null,
    recalculations: col.integer,
    invoicedAt: col.text,
    invoicedBy: col.text,
    approvedAt: col.text.null,
    approvedBy: col.text.null,
    paidAt: col.text.null,
    updatedAt: col.text,
    // Last, as the migration that added it appends it to the table.
    overchargeReason: col.text.null,
  },
};
