import * as unit from '@spinout/domain/service-unit/service-unit.fixtures';
import { foldAll, stored } from '../../test/stored';
import { projectUnit } from '../units/units.projection';
import type { UnitRow } from '../units/unit.row';
import { applyContribution, contributionOf, emptyProgress, projectProgress } from './reform-progress.projection';

const unitRow = (overrides: Partial<UnitRow> = {}): UnitRow => ({
  ...(foldAll(projectUnit, stored('serviceUnit-u', [unit.registered()])) as UnitRow),
  ...overrides,
});

describe('reform progress contributions', () => {
  it('counts a unit once, in its stage, with its staff, baseline and open milestone due dates', () => {
    const row = unitRow({
      unitId: 'u1',
      stage: 'transition',
      staffTransferred: 5,
      staffRedeployed: 2,
      staffInHouse: 5,
      contractedAnnualCostMinor: 180_000_000,
      openMilestones: [
        { milestoneId: 'a', kind: 'handover', title: 'Hand over', dueDate: '2025-03-31' },
        { milestoneId: 'b', kind: 'other', title: 'Review', dueDate: '2025-06-30' },
      ],
    });
    const progress = applyContribution(emptyProgress('Finance', 'canteen', 't'), contributionOf(row), 1);
    expect(progress).toMatchObject({
      unitsTotal: 1,
      unitsTransition: 1,
      unitsInHouse: 0,
      establishment: 12,
      staffInHouse: 5,
      staffTransferred: 5,
      staffRedeployed: 2,
      baselineCostMinor: 240_000_000,
      contractedUnitsBaselineMinor: 240_000_000,
      contractedAnnualCostMinor: 180_000_000,
      realisedSavingsMinor: 60_000_000, // 2,400,000.00 − 1,800,000.00 CNY
      openMilestones: 2,
      milestoneDueDates: { '2025-03-31': 1, '2025-06-30': 1 },
      nextMilestoneDue: '2025-03-31',
      currency: 'CNY',
      currencyUnits: { CNY: 1 },
    });
  });

  it('realises savings only in transition, outsourced or spun off, and only with a contract in service', () => {
    const awarded = contributionOf(unitRow({ stage: 'awarded', contractedAnnualCostMinor: 100 }));
    expect(awarded.counters.realisedSavingsMinor).toBe(0);
    expect(awarded.counters.contractedAnnualCostMinor).toBe(100);
    const outsourcedWithoutContract = contributionOf(unitRow({ stage: 'outsourced', contractedAnnualCostMinor: null }));
    expect(outsourcedWithoutContract.counters).toMatchObject({
      realisedSavingsMinor: 0,
      contractedAnnualCostMinor: 0,
      contractedUnitsBaselineMinor: 0,
    });
  });

  it('moves a group by the difference when a unit changes, leaving the other units untouched', () => {
    const a = unitRow({ unitId: 'a' });
    const b = unitRow({ unitId: 'b', baselineCostMinor: 100_000_000, establishment: 4, staffInHouse: 4 });
    let group = projectProgress(undefined, undefined, a);
    group = projectProgress(group, undefined, b);
    expect(group).toMatchObject({
      unitsTotal: 2,
      unitsInHouse: 2,
      establishment: 16,
      staffInHouse: 16,
      baselineCostMinor: 340_000_000,
    });

    const outsourced = {
      ...a,
      stage: 'outsourced' as const,
      staffInHouse: 0,
      staffTransferred: 12,
      contractedAnnualCostMinor: 200_000_000,
    };
    group = projectProgress(group, a, outsourced);
    expect(group).toMatchObject({
      unitsTotal: 2,
      unitsInHouse: 1,
      unitsOutsourced: 1,
      staffInHouse: 4,
      staffTransferred: 12,
      contractedAnnualCostMinor: 200_000_000,
      realisedSavingsMinor: 40_000_000,
    });
    // Taking every contribution away again leaves zeros and empty tallies.
    const empty = applyContribution(applyContribution(group, contributionOf(outsourced), -1), contributionOf(b), -1);
    expect(empty).toMatchObject({
      unitsTotal: 0,
      unitsOutsourced: 0,
      baselineCostMinor: 0,
      currencyUnits: {},
      milestoneDueDates: {},
      currency: null,
    });
  });

  it('shows MIXED when the units of a group are costed in different currencies', () => {
    const group = projectProgress(
      projectProgress(undefined, undefined, unitRow({ unitId: 'a' })),
      undefined,
      unitRow({ unitId: 'b', currency: 'HKD' }),
    );
    expect(group).toMatchObject({ currency: 'MIXED', currencyUnits: { CNY: 1, HKD: 1 } });
  });

  it('keeps the latest update time, compared as instants', () => {
    const first = projectProgress(
      undefined,
      undefined,
      unitRow({ unitId: 'a', updatedAt: '2025-03-01T10:00:00+08:00' }),
    );
    const second = projectProgress(first, undefined, unitRow({ unitId: 'b', updatedAt: '2025-03-01T03:00:00Z' })); // 11:00 +08:00
    const older = projectProgress(second, undefined, unitRow({ unitId: 'c', updatedAt: '2025-02-01T00:00:00Z' }));
    expect(older.updatedAt).toBe('2025-03-01T03:00:00Z');
  });
});
