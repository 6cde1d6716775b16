import type { ServiceUnitStage } from '@spinout/domain';
import { currencyOf, laterOf } from '../shared/events';
import { exactSum } from '../shared/exact-sum';
import { addToTally, firstKey, tallyTotal } from '../shared/tally';
import type { UnitRow } from '../units/unit.row';
import type { ReformProgressRow } from './reform-progress.row';

/**
 * A progress row is a sum over its units, so a unit's change moves it by
 * contribution(after) − contribution(before): exact in integers, independent of the order
 * units change in, and needing no other unit's row. That is what makes the fold
 * batch-efficient and a rebuild equal to the live table.
 */

type Counter = Exclude<
  keyof ReformProgressRow,
  'agency' | 'category' | 'currency' | 'currencyUnits' | 'milestoneDueDates' | 'nextMilestoneDue' | 'updatedAt'
>;

const STAGE_COUNTER: Readonly<Record<ServiceUnitStage, Counter>> = {
  in_house: 'unitsInHouse',
  plan_proposed: 'unitsPlanProposed',
  plan_approved: 'unitsPlanApproved',
  procurement: 'unitsProcurement',
  awarded: 'unitsAwarded',
  transition: 'unitsTransition',
  outsourced: 'unitsOutsourced',
  spun_off: 'unitsSpunOff',
  charge_back: 'unitsChargeBack',
  retained: 'unitsRetained',
};

/** Stages in which the unit's service is delivered under contract, so its savings are realised. */
const CONTRACTED_STAGES: readonly ServiceUnitStage[] = ['transition', 'outsourced', 'spun_off'];

export interface Contribution {
  readonly counters: Readonly<Partial<Record<Counter, number>>>;
  readonly currency: string;
  readonly dueDates: readonly string[];
}

/** What one unit adds to its group's row. */
export function contributionOf(unit: UnitRow): Contribution {
  const contracted = unit.contractedAnnualCostMinor;
  const realised =
    contracted !== null && CONTRACTED_STAGES.includes(unit.stage) ? unit.baselineCostMinor - contracted : 0;
  return {
    counters: {
      unitsTotal: 1,
      [STAGE_COUNTER[unit.stage]]: 1,
      establishment: unit.establishment,
      staffInHouse: unit.staffInHouse,
      staffTransferred: unit.staffTransferred,
      staffRedeployed: unit.staffRedeployed,
      staffRetired: unit.staffRetired,
      staffLeft: unit.staffLeft,
      baselineCostMinor: unit.baselineCostMinor,
      contractedUnitsBaselineMinor: contracted === null ? 0 : unit.baselineCostMinor,
      contractedAnnualCostMinor: contracted ?? 0,
      realisedSavingsMinor: realised,
    },
    currency: unit.currency,
    dueDates: unit.openMilestones.map((m) => m.dueDate),
  };
}

export function emptyProgress(agency: string, category: ReformProgressRow['category'], at: string): ReformProgressRow {
  const zero = Object.fromEntries(Object.values(STAGE_COUNTER).map((c) => [c, 0])) as Record<Counter, number>;
  return {
    ...zero,
    agency,
    category,
    currency: null,
    currencyUnits: {},
    unitsTotal: 0,
    establishment: 0,
    staffInHouse: 0,
    staffTransferred: 0,
    staffRedeployed: 0,
    staffRetired: 0,
    staffLeft: 0,
    baselineCostMinor: 0,
    contractedUnitsBaselineMinor: 0,
    contractedAnnualCostMinor: 0,
    realisedSavingsMinor: 0,
    openMilestones: 0,
    milestoneDueDates: {},
    nextMilestoneDue: null,
    updatedAt: at,
  };
}

/** The row with a contribution added (`sign` 1) or taken away (−1). */
export function applyContribution(row: ReformProgressRow, c: Contribution, sign: 1 | -1): ReformProgressRow {
  const next: ReformProgressRow = { ...row };
  for (const [counter, amount] of Object.entries(c.counters) as [Counter, number][]) {
    next[counter] = exactSum(row[counter], sign * amount);
  }
  const currencyUnits = addToTally(row.currencyUnits, [c.currency], sign);
  const milestoneDueDates = addToTally(row.milestoneDueDates, c.dueDates, sign);
  return {
    ...next,
    currencyUnits,
    currency: currencyOf(currencyUnits),
    milestoneDueDates,
    openMilestones: tallyTotal(milestoneDueDates),
    nextMilestoneDue: firstKey(milestoneDueDates),
  };
}

/** The group row after one unit changed from `before` (absent for a new unit) to `after`. */
export function projectProgress(
  row: ReformProgressRow | undefined,
  before: UnitRow | undefined,
  after: UnitRow,
): ReformProgressRow {
  const base = row ?? emptyProgress(after.agency, after.category, after.updatedAt);
  const without = before === undefined ? base : applyContribution(base, contributionOf(before), -1);
  return {
    ...applyContribution(without, contributionOf(after), 1),
    updatedAt: row === undefined ? after.updatedAt : laterOf(row.updatedAt, after.updatedAt),
  };
}
