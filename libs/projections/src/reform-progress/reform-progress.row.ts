import type { ServiceCategory } from '@spinout/domain';
import type { Tally } from '../shared/tally';
import { col, type TableSpec } from '../sql/table';
import { unitTable } from '../units/unit.row';

/**
 * Reform progress of one agency's units of one category: the sum of its units'
 * contributions (see `contributionOf`). Money in minor units of `currency`; a group whose
 * units disagree on currency shows `MIXED`, and its sums are then not meaningful.
 */
export interface ReformProgressRow {
  agency: string;
  category: ServiceCategory;
  currency: string | null;
  /** Units per currency code. */
  currencyUnits: Tally;
  unitsTotal: number;
  unitsInHouse: number;
  unitsPlanProposed: number;
  unitsPlanApproved: number;
  unitsProcurement: number;
  unitsAwarded: number;
  unitsTransition: number;
  unitsOutsourced: number;
  unitsSpunOff: number;
  unitsChargeBack: number;
  unitsRetained: number;
  establishment: number;
  staffInHouse: number;
  staffTransferred: number;
  staffRedeployed: number;
  staffRetired: number;
  staffLeft: number;
  baselineCostMinor: number;
  /** Baseline of the units that have a contract in service: what the contracted cost replaces. */
  contractedUnitsBaselineMinor: number;
  /** Σ 12 × monthly charge of each unit's contract in service. */
  contractedAnnualCostMinor: number;
  /** Σ (baseline − contracted annual cost) over transition, outsourced and spun-off units with a contract in service. */
  realisedSavingsMinor: number;
  openMilestones: number;
  /** Open milestones per due date (YYYY-MM-DD): overdue = those due before the day asked about. */
  milestoneDueDates: Tally;
  nextMilestoneDue: string | null;
  updatedAt: string;
}

export const REFORM_PROGRESS_TABLE: TableSpec<ReformProgressRow> = {
  name: 'reform_progress',
  key: ['agency', 'category'],
  columns: {
    agency: col.text,
    category: col.text,
    currency: col.text.null,
    currencyUnits: col.json,
    unitsTotal: col.integer,
    unitsInHouse: col.integer,
    unitsPlanProposed: col.integer,
    unitsPlanApproved: col.integer,
    unitsProcurement: col.integer,
    unitsAwarded: col.integer,
    unitsTransition: col.integer,
    unitsOutsourced: col.integer,
    unitsSpunOff: col.integer,
    unitsChargeBack: col.integer,
    unitsRetained: col.integer,
    establishment: col.integer,
    staffInHouse: col.integer,
    staffTransferred: col.integer,
    staffRedeployed: col.integer,
    staffRetired: col.integer,
    staffLeft: col.integer,
    baselineCostMinor: col.bigint,
    contractedUnitsBaselineMinor: col.bigint,
    contractedAnnualCostMinor: col.bigint,
    realisedSavingsMinor: col.bigint,
    openMilestones: col.integer,
    milestoneDueDates: col.json,
    nextMilestoneDue: col.text.null,
    updatedAt: col.text,
  },
};

/** The progress view's own copy of every unit, so it folds and rebuilds independently of `units`. */
export const REFORM_PROGRESS_UNITS_TABLE = unitTable('reform_progress_units');
