import { SLA_OUTCOMES } from '@spinout/domain/contract';
import type { SqlExecutor } from '@spinout/event-store';
import { getRow, listPage, orderingOf, Where, type Page, type PageRequest } from '../query/list-query';
import { allOf, monthOf, textOf } from '../query/query-input';
import { SLA_COMPLIANCE_TABLE, type SlaComplianceRow } from './sla-compliance.row';

export const SLA_COMPLIANCE_SORT_KEYS = {
  period: 'period',
  contractId: 'contractId',
  slaId: 'slaId',
  outcome: 'outcome',
  credit: 'creditMinor',
  value: 'value',
  updatedAt: 'updatedAt',
} as const satisfies Record<string, keyof SlaComplianceRow>;
export type SlaComplianceSortKey = keyof typeof SLA_COMPLIANCE_SORT_KEYS;

export interface SlaComplianceFilter extends PageRequest<SlaComplianceSortKey> {
  contractId?: string;
  slaId?: string;
  /** Rows of the provider's contracts (as the `contracts` view knows them). */
  providerId?: string;
  outcome?: string[];
  corrected?: boolean;
  /** YYYY-MM, inclusive. */
  periodFrom?: string;
  periodTo?: string;
}

/** Lists and reads `sla_compliance`. */
export class SlaComplianceQuery {
  constructor(private readonly db: SqlExecutor) {}

  async list(filter: SlaComplianceFilter = {}): Promise<Page<SlaComplianceRow>> {
    const providerId = textOf(filter.providerId, 'providerId');
    const where = new Where()
      .eq('contract_id', textOf(filter.contractId, 'contractId'))
      .eq('sla_id', textOf(filter.slaId, 'slaId'))
      .in('outcome', allOf(filter.outcome, SLA_OUTCOMES, 'outcome'))
      .when(filter.corrected !== undefined, (w) => `corrected = ${w.param(filter.corrected)}`)
      .range('period', monthOf(filter.periodFrom, 'periodFrom'), monthOf(filter.periodTo, 'periodTo'))
      .inSelect(
        'contract_id',
        this.db.dialect,
        providerId,
        (id) => `SELECT contract_id FROM contracts WHERE provider_id = ${id}`,
      );
    const order = orderingOf(SLA_COMPLIANCE_TABLE, SLA_COMPLIANCE_SORT_KEYS, filter, 'period', 'desc'); // newest first
    return listPage(this.db, SLA_COMPLIANCE_TABLE, where, order, filter);
  }

  async get(contractId: string, slaId: string, period: string): Promise<SlaComplianceRow | undefined> {
    return getRow(this.db, SLA_COMPLIANCE_TABLE, [contractId, slaId, monthOf(period, 'period') as string]);
  }
}
