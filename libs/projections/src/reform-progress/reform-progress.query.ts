import { SERVICE_CATEGORIES } from '@spinout/domain';
import type { SqlExecutor } from '@spinout/event-store';
import { getRow, listPage, orderingOf, Where, type Page, type PageRequest } from '../query/list-query';
import { dateOf, oneOf, textOf, businessToday } from '../query/query-input';
import { countBefore } from '../shared/tally';
import { REFORM_PROGRESS_TABLE, type ReformProgressRow } from './reform-progress.row';

export const REFORM_PROGRESS_SORT_KEYS = {
  agency: 'agency',
  category: 'category',
  unitsTotal: 'unitsTotal',
  establishment: 'establishment',
  staffInHouse: 'staffInHouse',
  baselineCost: 'baselineCostMinor',
  contractedAnnualCost: 'contractedAnnualCostMinor',
  realisedSavings: 'realisedSavingsMinor',
  openMilestones: 'openMilestones',
  nextMilestoneDue: 'nextMilestoneDue',
} as const satisfies Record<string, keyof ReformProgressRow>;
export type ReformProgressSortKey = keyof typeof REFORM_PROGRESS_SORT_KEYS;

export interface ReformProgressFilter extends PageRequest<ReformProgressSortKey> {
  agency?: string;
  category?: string;
  /** Only groups with a milestone due before `asOf`. */
  overdueOnly?: boolean;
  /** The day overdue is judged on (YYYY-MM-DD); today (UTC) by default. */
  asOf?: string;
}

export interface ReformProgressView extends ReformProgressRow {
  overdueMilestones: number;
}

/** Lists and reads `reform_progress`; overdue milestones are counted from the stored due dates as of the day asked about. */
export class ReformProgressQuery {
  constructor(
    private readonly db: SqlExecutor,
    private readonly today: () => string = businessToday,
  ) {}

  async list(filter: ReformProgressFilter = {}): Promise<Page<ReformProgressView> & { asOf: string }> {
    const asOf = dateOf(filter.asOf, 'asOf') ?? this.today();
    const where = new Where()
      .eq('agency', textOf(filter.agency, 'agency'))
      .eq('category', oneOf(filter.category, SERVICE_CATEGORIES, 'category'))
      .when(filter.overdueOnly === true, (w) => `next_milestone_due < ${w.param(asOf)}`);
    const order = orderingOf(REFORM_PROGRESS_TABLE, REFORM_PROGRESS_SORT_KEYS, filter, 'agency');
    const page = await listPage(this.db, REFORM_PROGRESS_TABLE, where, order, filter);
    return { ...page, items: page.items.map((row) => withOverdue(row, asOf)), asOf };
  }

  async get(agency: string, category: string, asOf?: string): Promise<ReformProgressView | undefined> {
    const row = await getRow(this.db, REFORM_PROGRESS_TABLE, [agency, category]);
    return row && withOverdue(row, dateOf(asOf, 'asOf') ?? this.today());
  }
}

function withOverdue(row: ReformProgressRow, asOf: string): ReformProgressView {
  return { ...row, overdueMilestones: countBefore(row.milestoneDueDates, asOf) };
}
