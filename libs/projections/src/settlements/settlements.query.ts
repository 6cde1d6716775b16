import { SETTLEMENT_STATUSES } from '@spinout/domain/contract';
import type { SqlExecutor } from '@spinout/event-store';
import { getRow, listPage, orderingOf, Where, type Page, type PageRequest } from '../query/list-query';
import { allOf, monthOf, textOf } from '../query/query-input';
import { SETTLEMENTS_TABLE, type SettlementRow } from './settlement.row';

export const SETTLEMENT_SORT_KEYS = {
  period: 'period',
  contractId: 'contractId',
  status: 'status',
  gross: 'grossMinor',
  credits: 'creditsMinor',
  net: 'netMinor',
  updatedAt: 'updatedAt',
} as const satisfies Record<string, keyof SettlementRow>;
export type SettlementSortKey = keyof typeof SETTLEMENT_SORT_KEYS;

export interface SettlementsFilter extends PageRequest<SettlementSortKey> {
  contractId?: string;
  status?: string[];
  /** Settlements of the provider's, or the agency's, contracts (as the `contracts` view knows them). */
  providerId?: string;
  agency?: string;
  periodFrom?: string;
  periodTo?: string;
}

/** Lists and reads `settlements`. */
export class SettlementsQuery {
  constructor(private readonly db: SqlExecutor) {}

  async list(filter: SettlementsFilter = {}): Promise<Page<SettlementRow>> {
    const providerId = textOf(filter.providerId, 'providerId');
    const agency = textOf(filter.agency, 'agency');
    const where = new Where()
      .eq('contract_id', textOf(filter.contractId, 'contractId'))
      .in('status', allOf(filter.status, SETTLEMENT_STATUSES, 'status'))
      .range('period', monthOf(filter.periodFrom, 'periodFrom'), monthOf(filter.periodTo, 'periodTo'))
      .inSelect(
        'contract_id',
        this.db.dialect,
        providerId,
        (id) => `SELECT contract_id FROM contracts WHERE provider_id = ${id}`,
      )
      .inSelect(
        'contract_id',
        this.db.dialect,
        agency,
        (name) => `SELECT contract_id FROM contracts WHERE agency = ${name}`,
      );
    const order = orderingOf(SETTLEMENTS_TABLE, SETTLEMENT_SORT_KEYS, filter, 'period', 'desc'); // newest first
    return listPage(this.db, SETTLEMENTS_TABLE, where, order, filter);
  }

  async get(contractId: string, period: string): Promise<SettlementRow | undefined> {
    return getRow(this.db, SETTLEMENTS_TABLE, [contractId, monthOf(period, 'period') as string]);
  }
}
