import * as unit from '@spinout/domain/service-unit/service-unit.fixtures';
import * as contract from '@spinout/domain/contract/contract.fixtures';
import type { ServiceUnitEvent } from '@spinout/domain';
import type { ContractEvent } from '@spinout/domain/contract';
import type { StoredEvent } from '@spinout/event-store';
import { foldAll, stored, storedOf } from '../../test/stored';
import { projectUnit, UNIT_CONTRACT_EVENT_TYPES, type UnitContractEvent, type UnitRowEvent } from './units.projection';
import type { UnitRow } from './unit.row';

const UNIT_STREAM = `serviceUnit-${unit.UNIT_ID}`;
const CONTRACT_STREAM = `contract-${contract.CONTRACT_ID}`;
const forUnit = (events: ServiceUnitEvent[]) => stored(UNIT_STREAM, events);
const forContract = (events: ContractEvent[], streamId = CONTRACT_STREAM) =>
  storedOf<UnitContractEvent>(UNIT_CONTRACT_EVENT_TYPES, streamId, events);
const project = (events: readonly StoredEvent<UnitRowEvent>[], start?: UnitRow) =>
  foldAll(projectUnit, events, start) as UnitRow;

const scheduled = (milestoneId: string, dueDate: string): ServiceUnitEvent => ({
  type: 'MilestoneScheduled',
  data: {
    unitId: unit.UNIT_ID,
    milestoneId,
    kind: 'other',
    title: `Milestone ${milestoneId}`,
    dueDate,
    scheduledAt: '2025-01-07T09:00:00+08:00',
    scheduledBy: unit.OFFICER,
  },
});
const completed = (milestoneId: string): ServiceUnitEvent => ({
  type: 'MilestoneCompleted',
  data: { unitId: unit.UNIT_ID, milestoneId, completedAt: '2025-03-01T09:00:00+08:00', completedBy: unit.OFFICER },
});

describe('projectUnit', () => {
  it('starts a row at registration: in house, whole establishment in house, baseline and assets', () => {
    expect(project(forUnit([unit.registered()]))).toEqual({
      unitId: unit.UNIT_ID,
      agency: 'Provincial Department of Finance',
      name: 'Headquarters canteen',
      category: 'canteen',
      currency: 'CNY',
      stage: 'in_house',
      establishment: 12,
      baselineCostMinor: 240_000_000,
      registeredAt: '2025-01-06T09:00:00+08:00',
      planMode: null,
      planStatus: null,
      planRevision: null,
      targetAnnualCostMinor: null,
      targetDate: null,
      procurementId: null,
      providerId: null,
      contractId: null,
      contractStatus: null,
      contractMonthlyChargeMinor: null,
      contractedAnnualCostMinor: null,
      staffTransferred: 0,
      staffRedeployed: 0,
      staffRetired: 0,
      staffLeft: 0,
      staffInHouse: 12,
      assetsCount: 2,
      assetsHandedOver: 0,
      milestonesTotal: 0,
      milestonesCompleted: 0,
      openMilestones: [],
      nextMilestoneId: null,
      nextMilestoneTitle: null,
      nextMilestoneDue: null,
      version: 1,
      updatedAt: '2025-01-06T09:00:00+08:00',
    });
  });

  it('follows the plan, the tender and the award', () => {
    const row = project(forUnit(unit.history.awarded()));
    expect(row).toMatchObject({
      stage: 'awarded',
      planMode: 'outsource',
      planStatus: 'approved',
      planRevision: 1,
      targetAnnualCostMinor: 200_000_000,
      targetDate: '2025-12-31',
      procurementId: unit.OCID,
      providerId: 'provider-1',
      version: 5,
    });
  });

  it('counts a rejected plan as back in house, and an approved retain plan as retained', () => {
    expect(project(forUnit([unit.registered(), unit.proposed(), unit.rejected()]))).toMatchObject({
      stage: 'in_house',
      planStatus: 'rejected',
    });
    expect(project(forUnit(unit.history.approved('retain')))).toMatchObject({
      stage: 'retained',
      planMode: 'retain',
      planStatus: 'approved',
    });
  });

  it('takes the contract drafted for the unit, and its charge counts once the contract is in service', () => {
    const awarded = project(forUnit(unit.history.awarded()));
    const draft = project(forContract([contract.drafted({ unitId: unit.UNIT_ID })]), awarded);
    expect(draft).toMatchObject({
      contractId: contract.CONTRACT_ID,
      contractStatus: 'draft',
      contractMonthlyChargeMinor: 1_000_000,
      contractedAnnualCostMinor: null,
    });
    expect(draft.version).toBe(awarded.version); // contract events do not move the unit stream's version

    const active = project(forContract([contract.signed(), contract.activated()]), draft);
    expect(active).toMatchObject({ contractStatus: 'active', contractedAnnualCostMinor: 12_000_000 });

    const suspended = project(forContract([contract.suspended()]), active);
    expect(suspended).toMatchObject({ contractStatus: 'suspended', contractedAnnualCostMinor: 12_000_000 });

    const ended = project(forContract([contract.terminated()]), active);
    expect(ended).toMatchObject({ contractStatus: 'terminated', contractedAnnualCostMinor: null });
  });

  it('follows an amended monthly charge and ignores events of other contracts and other units', () => {
    const awarded = project(forUnit(unit.history.awarded()));
    const active = project(
      forContract([contract.drafted({ unitId: unit.UNIT_ID }), contract.signed(), contract.activated()]),
      awarded,
    );
    const amended: ContractEvent = {
      type: 'ContractAmended',
      data: {
        contractId: contract.CONTRACT_ID,
        amendmentId: 'AM-1',
        version: 1,
        rationale: 'Added a site',
        changes: { monthlyCharge: contract.fen(1_200_000) },
        amendedBy: contract.OFFICER,
        amendedAt: '2025-03-01T09:00:00+08:00',
      },
    };
    expect(project(forContract([amended]), active)).toMatchObject({
      contractMonthlyChargeMinor: 1_200_000,
      contractedAnnualCostMinor: 14_400_000,
    });

    const other = forContract(
      [
        { ...amended, data: { ...amended.data, contractId: 'other' } },
        contract.drafted({ contractId: 'x', unitId: 'another-unit' }),
      ],
      'contract-other',
    );
    expect(project(other, active)).toBe(active);
  });

  it('counts staff by disposition, handed-over assets, and completes the transition', () => {
    const row = project(forUnit(unit.history.outsourced()));
    expect(row).toMatchObject({
      stage: 'outsourced',
      contractId: unit.CONTRACT_ID,
      staffTransferred: 8,
      staffRedeployed: 2,
      staffRetired: 1,
      staffLeft: 1,
      staffInHouse: 0,
      assetsHandedOver: 2,
    });
  });

  it('resets staff and assets when the unit is insourced after a termination, and keeps them for a re-tender', () => {
    const reopened = (route: 'retender' | 'insource'): ServiceUnitEvent => ({
      type: 'ServiceUnitReopened',
      data: {
        unitId: unit.UNIT_ID,
        contractId: unit.CONTRACT_ID,
        route,
        reason: 'Contract terminated',
        reopenedAt: '2025-09-01T09:00:00+08:00',
        reopenedBy: unit.OFFICER,
      },
    });
    const insourced = project(forUnit([...unit.history.outsourced(), reopened('insource')]));
    expect(insourced).toMatchObject({
      stage: 'in_house',
      contractId: null,
      providerId: null,
      staffInHouse: 12,
      staffTransferred: 0,
      assetsHandedOver: 0,
    });
    const retender = project(forUnit([...unit.history.outsourced(), reopened('retender')]));
    expect(retender).toMatchObject({
      stage: 'plan_approved',
      contractId: null,
      staffTransferred: 8,
      assetsHandedOver: 2,
    });
  });

  it('keeps open milestones ordered by due date, with the next one named', () => {
    const row = project(
      forUnit([
        unit.registered(),
        scheduled('m-late', '2025-09-30'),
        scheduled('m-b', '2025-03-31'),
        scheduled('m-a', '2025-03-31'),
        completed('m-a'),
      ]),
    );
    expect(row.openMilestones.map((m) => [m.milestoneId, m.dueDate])).toEqual([
      ['m-b', '2025-03-31'],
      ['m-late', '2025-09-30'],
    ]);
    expect(row).toMatchObject({
      milestonesTotal: 3,
      milestonesCompleted: 1,
      nextMilestoneId: 'm-b',
      nextMilestoneTitle: 'Milestone m-b',
      nextMilestoneDue: '2025-03-31',
    });
  });

  it('ignores events of a unit it has no row for', () => {
    expect(projectUnit(undefined, forUnit([unit.proposed()])[0])).toBeUndefined();
  });
});
