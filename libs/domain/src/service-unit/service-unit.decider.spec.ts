import { fold } from '../shared';
import { given } from '../shared/decider.testing';
import { serviceUnitDecider } from './service-unit.decider';
import { SERVICE_UNIT_EVENT_TYPES, serviceUnitStreamId } from './service-unit.events';
import {
  ALL_STAFF,
  command,
  CONTRACT_ID,
  DIRECTOR,
  history,
  NOW,
  OCID,
  OFFICER,
  PROCUREMENT_SYSTEM,
  registered,
  terms,
  UNIT_ID,
  yuan,
} from './service-unit.fixtures';
import type { RegisteredServiceUnit } from './service-unit.state';
import type { ServiceUnitErrorCode } from './service-unit.errors';

const registerData = {
  unitId: UNIT_ID,
  agency: 'Provincial Department of Finance',
  name: 'Headquarters canteen',
  category: 'canteen' as const,
  establishmentHeadcount: 12,
  annualCostBaseline: yuan(2_400_000),
  assets: [
    { assetId: 'A-1', description: 'Kitchen equipment', bookValue: yuan(180_000) },
    { assetId: 'A-2', description: 'Refrigerated delivery van', bookValue: yuan(95_000) },
  ],
};
const register = (overrides: Record<string, unknown> = {}) =>
  command(
    'RegisterServiceUnit',
    { ...registerData, ...overrides } as typeof registerData,
    OFFICER,
    '2025-01-06T09:00:00+08:00',
  );

describe('service unit: registration', () => {
  it('registers a unit in house with its asset register', () => {
    const state = given(serviceUnitDecider, []).when(register()).then([registered()]) as RegisteredServiceUnit;
    expect(state).toMatchObject({
      status: 'registered',
      unitId: UNIT_ID,
      stage: 'in_house',
      establishmentHeadcount: 12,
      annualCostBaseline: { amountMinor: 240_000_000, currency: 'CNY' },
      plan: null,
      procurement: null,
      award: null,
      contractId: null,
      milestones: [],
    });
    expect(state.assets.map((asset) => [asset.assetId, asset.handover])).toEqual([
      ['A-1', null],
      ['A-2', null],
    ]);
  });

  it('registers a unit without assets or staff', () => {
    const event = registered(0, false);
    given(serviceUnitDecider, [])
      .when(register({ establishmentHeadcount: 0, assets: [] }))
      .then([event]);
  });

  it('refuses to register the same unit twice', () => {
    const error = given(serviceUnitDecider, [registered()])
      .when(register())
      .thenThrows('service_unit_already_registered', 'conflict');
    expect(error.message).toBe(`Service unit ${UNIT_ID} is already registered; a unit is registered once`);
  });

  const TEN_BILLION_YUAN_AND_A_FEN = { amountMinor: 1_000_000_000_001, currency: 'CNY' };

  it.each<[string, Record<string, unknown>, ServiceUnitErrorCode]>([
    ['unitId', { unitId: ' ' }, 'unit_id_required'],
    ['agency', { agency: '' }, 'agency_required'],
    ['name', { name: '' }, 'name_required'],
    ['category', { category: 'kitchen' }, 'invalid_category'],
    ['negative headcount', { establishmentHeadcount: -1 }, 'invalid_count'],
    ['fractional headcount', { establishmentHeadcount: 2.5 }, 'invalid_count'],
    ['fractional baseline', { annualCostBaseline: { amountMinor: 10.5, currency: 'CNY' } }, 'invalid_money'],
    ['baseline beyond the money bound', { annualCostBaseline: TEN_BILLION_YUAN_AND_A_FEN }, 'money_out_of_range'],
    ['lower-case currency', { annualCostBaseline: { amountMinor: 100, currency: 'cny' } }, 'invalid_currency'],
    ['assets not a list', { assets: null }, 'invalid_assets'],
    ['asset entry', { assets: [null] }, 'invalid_assets'],
    ['asset without id', { assets: [{ assetId: '', description: 'Oven', bookValue: yuan(1) }] }, 'asset_id_required'],
    [
      'asset without description',
      { assets: [{ assetId: 'A-9', description: '', bookValue: yuan(1) }] },
      'description_required',
    ],
    [
      'asset with negative book value',
      { assets: [{ assetId: 'A-9', description: 'Oven', bookValue: { amountMinor: -1, currency: 'CNY' } }] },
      'invalid_money',
    ],
  ])('rejects registration with invalid %s', (_what, overrides, code) => {
    given(serviceUnitDecider, []).when(register(overrides)).thenThrows(code, 'invalid');
  });

  it('names the field in the error details', () => {
    const error = given(serviceUnitDecider, [])
      .when(register({ category: 'kitchen' }))
      .thenThrows('invalid_category');
    expect(error.details).toMatchObject({ field: 'category' });
    expect(error.message).toContain('got "kitchen"');
  });

  it('rejects an asset register with a repeated asset id', () => {
    const assets = [registerData.assets[0], { ...registerData.assets[1], assetId: 'A-1' }];
    const error = given(serviceUnitDecider, []).when(register({ assets })).thenThrows('duplicate_asset_id', 'invalid');
    expect(error.message).toBe('Asset id A-1 appears more than once in the asset register');
  });
});

describe('service unit: commands before registration', () => {
  it.each([
    command('ProposeReformPlan', terms()),
    command('ApproveReformPlan', {}, DIRECTOR),
    command('RequestProcurement', { procurementId: OCID, estimatedValue: yuan(1), description: 'x' }),
    command('ScheduleMilestone', { milestoneId: 'm-1', kind: 'tender', title: 'Tender', dueDate: '2025-09-01' }),
    command('ReopenAfterTermination', { contractId: CONTRACT_ID, route: 'insource', reason: 'x' }),
  ])('refuses $type on an unregistered unit', (cmd) => {
    const error = given(serviceUnitDecider, []).when(cmd).thenThrows('service_unit_not_found', 'not_found');
    expect(error.message).toBe(`Service unit is not registered; register it before ${cmd.type}`);
  });
});

describe('service unit: stream conventions', () => {
  it('names the stream serviceUnit-<id>', () => {
    expect(serviceUnitStreamId('u-42')).toBe('serviceUnit-u-42');
  });

  it('lists every event type exactly once', () => {
    expect([...SERVICE_UNIT_EVENT_TYPES].sort()).toEqual([
      'AssetHandedOver',
      'AwardRecorded',
      'ChargeBackCompleted',
      'MilestoneCompleted',
      'MilestoneScheduled',
      'ProcurementCancelled',
      'ProcurementRequested',
      'ReformPlanApproved',
      'ReformPlanProposed',
      'ReformPlanRejected',
      'ReformPlanRevised',
      'ServiceUnitRegistered',
      'ServiceUnitReopened',
      'StaffDiversionPlanned',
      'StaffOutcomeRecorded',
      'TransitionCompleted',
      'TransitionStarted',
    ]);
  });
});

describe('service unit: the whole outsourcing journey', () => {
  it('walks from in-house to outsourced and shows what the API needs', () => {
    const steps = [
      command('RegisterServiceUnit', registerData, OFFICER, '2025-01-06T09:00:00+08:00'),
      command('ScheduleMilestone', {
        milestoneId: 'm-award',
        kind: 'award',
        title: 'Contract awarded',
        dueDate: '2025-04-30',
      }),
      command('ProposeReformPlan', terms('outsource')),
      command('ApproveReformPlan', {}, DIRECTOR),
      command('PlanStaffDiversion', { transferred: 9, redeployed: 2, retired: 1, left: 0 }),
      command('RequestProcurement', {
        procurementId: OCID,
        estimatedValue: yuan(6_000_000),
        description: 'Catering, three years',
      }),
      command(
        'RecordAward',
        { procurementId: OCID, awardId: 'award-1', providerId: 'provider-1', contractValue: yuan(5_700_000) },
        PROCUREMENT_SYSTEM,
      ),
      command('CompleteMilestone', { milestoneId: 'm-award' }),
      command('StartTransition', { contractId: CONTRACT_ID }),
      command('RecordStaffOutcome', ALL_STAFF),
      command('RecordAssetHandover', { assetId: 'A-1', disposition: 'transferred', valueRealised: yuan(0) }),
      command('RecordAssetHandover', {
        assetId: 'A-2',
        disposition: 'disposed',
        method: 'auction',
        valueRealised: yuan(61_500),
      }),
      command('CompleteTransition', {}),
    ];
    const events = steps.reduce(
      (log, step) => [...log, ...serviceUnitDecider.decide(step, fold(serviceUnitDecider, log))],
      [] as ReturnType<typeof serviceUnitDecider.decide>,
    );
    const unit = fold(serviceUnitDecider, events) as RegisteredServiceUnit;

    expect(unit.stage).toBe('outsourced');
    expect(unit.plan).toMatchObject({
      mode: 'outsource',
      status: 'approved',
      proposedBy: OFFICER,
      decidedBy: DIRECTOR,
    });
    expect(unit.procurement).toMatchObject({ procurementId: OCID, status: 'awarded' });
    expect(unit.award).toEqual({
      procurementId: OCID,
      awardId: 'award-1',
      providerId: 'provider-1',
      contractValue: yuan(5_700_000),
      awardedAt: NOW,
    });
    expect(unit.contractId).toBe(CONTRACT_ID);
    expect(unit.staffPlan).toEqual({ transferred: 9, redeployed: 2, retired: 1, left: 0 });
    expect(unit.staffOutcome).toEqual(ALL_STAFF);
    expect(unit.assets[1].handover).toEqual({
      disposition: 'disposed',
      method: 'auction',
      valueRealised: yuan(61_500),
      handedOverAt: NOW,
    });
    expect(unit.milestones).toEqual([
      { milestoneId: 'm-award', kind: 'award', title: 'Contract awarded', dueDate: '2025-04-30', completedAt: NOW },
    ]);
    expect(events.map((event) => event.type).at(-1)).toBe('TransitionCompleted');
  });

  it('replays the same history to the same state', () => {
    expect(fold(serviceUnitDecider, history.outsourced())).toEqual(fold(serviceUnitDecider, history.outsourced()));
  });
});
