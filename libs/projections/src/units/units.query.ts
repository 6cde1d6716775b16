import { REFORM_MODES, SERVICE_CATEGORIES, SERVICE_UNIT_STAGES } from '@spinout/domain';
import type { SqlExecutor } from '@spinout/event-store';
import { getRow, listPage, orderingOf, Where, type Page, type PageRequest } from '../query/list-query';
import { allOf, dateOf, oneOf, textOf, businessToday } from '../query/query-input';
import { UNITS_TABLE, type UnitRow } from './unit.row';

export const UNIT_SORT_KEYS = {
  name: 'name',
  agency: 'agency',
  category: 'category',
  stage: 'stage',
  establishment: 'establishment',
  baselineCost: 'baselineCostMinor',
  contractedAnnualCost: 'contractedAnnualCostMinor',
  nextMilestoneDue: 'nextMilestoneDue',
  updatedAt: 'updatedAt',
} as const satisfies Record<string, keyof UnitRow>;
export type UnitSortKey = keyof typeof UNIT_SORT_KEYS;

export interface UnitsFilter extends PageRequest<UnitSortKey> {
  agency?: string;
  category?: string;
  stage?: string[];
  planMode?: string;
  providerId?: string;
  contractId?: string;
  /** true: only units with a milestone due before `asOf`; false: only units without. */
  overdue?: boolean;
  /** The day overdue is judged on (YYYY-MM-DD); today (UTC) by default. */
  asOf?: string;
}

export interface UnitView extends UnitRow {
  /** Open milestones due before the reference date. */
  overdueMilestones: number;
}

/** Lists and reads `units`. */
export class UnitsQuery {
  constructor(
    private readonly db: SqlExecutor,
    private readonly today: () => string = businessToday,
  ) {}

  async list(filter: UnitsFilter = {}): Promise<Page<UnitView> & { asOf: string }> {
    const asOf = dateOf(filter.asOf, 'asOf') ?? this.today();
    const where = new Where()
      .eq('agency', textOf(filter.agency, 'agency'))
      .eq('category', oneOf(filter.category, SERVICE_CATEGORIES, 'category'))
      .in('stage', allOf(filter.stage, SERVICE_UNIT_STAGES, 'stage'))
      .eq('plan_mode', oneOf(filter.planMode, REFORM_MODES, 'planMode'))
      .eq('provider_id', textOf(filter.providerId, 'providerId'))
      .eq('contract_id', textOf(filter.contractId, 'contractId'))
      .when(filter.overdue === true, (w) => `next_milestone_due < ${w.param(asOf)}`)
      .when(filter.overdue === false, (w) => `(next_milestone_due IS NULL OR next_milestone_due >= ${w.param(asOf)})`);
    const page = await listPage(
      this.db,
      UNITS_TABLE,
      where,
      orderingOf(UNITS_TABLE, UNIT_SORT_KEYS, filter, 'name'),
      filter,
    );
    return { ...page, items: page.items.map((row) => withOverdue(row, asOf)), asOf };
  }

  async get(unitId: string, asOf?: string): Promise<UnitView | undefined> {
    const row = await getRow(this.db, UNITS_TABLE, [unitId]);
    return row && withOverdue(row, dateOf(asOf, 'asOf') ?? this.today());
  }
}

export function withOverdue(row: UnitRow, asOf: string): UnitView {
  return { ...row, overdueMilestones: row.openMilestones.filter((m) => m.dueDate < asOf).length };
}
