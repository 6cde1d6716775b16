import type { SlaDirection, SlaOutcome } from '@spinout/domain/contract';
import { col, type TableSpec } from '../sql/table';

/** One SLA of one contract for one period (YYYY-MM): the latest figures, and the rectification plan a critical breach opened. */
export interface SlaComplianceRow {
  contractId: string;
  slaId: string;
  period: string;
  value: number;
  direction: SlaDirection;
  target: number;
  criticalThreshold: number;
  outcome: SlaOutcome;
  creditMinor: number;
  currency: string;
  /** True once a correction superseded the first value. */
  corrected: boolean;
  corrections: number;
  /** The value first recorded, kept when corrections replace it. */
  firstValue: number;
  recordedAt: string;
  rectificationId: string | null;
  rectificationDueDate: string | null;
  rectificationStatus: 'open' | 'closed' | null;
  updatedAt: string;
}

export const SLA_COMPLIANCE_TABLE: TableSpec<SlaComplianceRow> = {
  name: 'sla_compliance',
  key: ['contractId', 'slaId', 'period'],
  columns: {
    contractId: col.text,
    slaId: col.text,
    period: col.text,
    value: col.real,
    direction: col.text,
    target: col.real,
    criticalThreshold: col.real,
    outcome: col.text,
    creditMinor: col.bigint,
    currency: col.text,
    corrected: col.boolean,
    corrections: col.integer,
    firstValue: col.real,
    recordedAt: col.text,
    rectificationId: col.text.null,
    rectificationDueDate: col.text.null,
    rectificationStatus: col.text.null,
    updatedAt: col.text,
  },
};
