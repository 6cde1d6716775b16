import { CONTRACT_STATUSES } from '@spinout/domain/contract';
import type { SqlExecutor } from '@spinout/event-store';
import { getRow, listPage, orderingOf, Where, type Page, type PageRequest } from '../query/list-query';
import { allOf, dateOf, textOf } from '../query/query-input';
import { CONTRACTS_TABLE, type ContractRow } from './contract.row';

export const CONTRACT_SORT_KEYS = {
  contractId: 'contractId',
  status: 'status',
  agency: 'agency',
  providerId: 'providerId',
  totalValue: 'totalValueMinor',
  monthlyCharge: 'monthlyChargeMinor',
  periodStart: 'periodStart',
  periodEnd: 'periodEnd',
  compliance: 'compliancePercent',
  breaches: 'breaches',
  criticalBreaches: 'criticalBreaches',
  creditsTotal: 'creditsTotalMinor',
  updatedAt: 'updatedAt',
} as const satisfies Record<string, keyof ContractRow>;
export type ContractSortKey = keyof typeof CONTRACT_SORT_KEYS;

export interface ContractsFilter extends PageRequest<ContractSortKey> {
  status?: string[];
  agency?: string;
  providerId?: string;
  unitId?: string;
  /** Contracts whose period overlaps [activeFrom, activeTo] (YYYY-MM-DD, inclusive). */
  activeFrom?: string;
  activeTo?: string;
}

/** Lists and reads `contracts`. */
export class ContractsQuery {
  constructor(private readonly db: SqlExecutor) {}

  async list(filter: ContractsFilter = {}): Promise<Page<ContractRow>> {
    const from = dateOf(filter.activeFrom, 'activeFrom');
    const to = dateOf(filter.activeTo, 'activeTo');
    const where = new Where()
      .in('status', allOf(filter.status, CONTRACT_STATUSES, 'status'))
      .eq('agency', textOf(filter.agency, 'agency'))
      .eq('provider_id', textOf(filter.providerId, 'providerId'))
      .eq('unit_id', textOf(filter.unitId, 'unitId'))
      .when(from !== undefined, (w) => `period_end >= ${w.param(from)}`)
      .when(to !== undefined, (w) => `period_start <= ${w.param(to)}`);
    return listPage(
      this.db,
      CONTRACTS_TABLE,
      where,
      orderingOf(CONTRACTS_TABLE, CONTRACT_SORT_KEYS, filter, 'contractId'),
      filter,
    );
  }

  async get(contractId: string): Promise<ContractRow | undefined> {
    return getRow(this.db, CONTRACTS_TABLE, [contractId]);
  }

  /** Ids of a provider's contracts (a contract's provider never changes). */
  async contractIdsOf(providerId: string): Promise<string[]> {
    const rows = await this.db.query<{ contract_id: string }>(
      'SELECT contract_id FROM contracts WHERE provider_id = $1 ORDER BY contract_id',
      [providerId],
    );
    return rows.map((row) => row.contract_id);
  }
}
