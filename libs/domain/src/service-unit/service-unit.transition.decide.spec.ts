import { given } from '../shared/decider.testing';
import { serviceUnitDecider } from './service-unit.decider';
import {
  ALL_STAFF,
  command,
  CONTRACT_ID,
  handedOver,
  history,
  NOW,
  OFFICER,
  registered,
  staffOutcome,
  UNIT_ID,
  yuan,
} from './service-unit.fixtures';
import type { RegisteredServiceUnit } from './service-unit.state';
import type { StaffCounts } from './service-unit.values';
import type { ServiceUnitErrorCode } from './service-unit.errors';

const unit = (state: unknown) => state as RegisteredServiceUnit;
const TOO_MANY: StaffCounts = { transferred: 10, redeployed: 2, retired: 1, left: 1 };

describe('PlanStaffDiversion', () => {
  const plan = (counts: StaffCounts) => command('PlanStaffDiversion', counts);

  it.each([
    ['plan_approved', history.approved()],
    ['procurement', history.procurement()],
    ['awarded', history.awarded()],
    ['transition', history.transition()],
  ])('plans the diversion of the establishment while %s', (_stage, events) => {
    const counts = { transferred: 9, redeployed: 2, retired: 1, left: 0 };
    const state = given(serviceUnitDecider, events)
      .when(plan(counts))
      .then([
        { type: 'StaffDiversionPlanned', data: { unitId: UNIT_ID, ...counts, plannedAt: NOW, plannedBy: OFFICER } },
      ]);
    expect(unit(state).staffPlan).toEqual(counts);
  });

  it('refuses a diversion plan before the reform plan is approved', () => {
    const error = given(serviceUnitDecider, history.proposed())
      .when(plan(ALL_STAFF))
      .thenThrows('staff_plan_not_allowed', 'conflict');
    expect(error.message).toBe(
      'A staff diversion can be planned only while plan_approved, procurement, awarded or transition; unit is plan_proposed',
    );
  });

  it('refuses a plan for more staff than the establishment, naming the numbers', () => {
    const error = given(serviceUnitDecider, history.approved())
      .when(plan(TOO_MANY))
      .thenThrows('staff_exceeds_establishment', 'invalid');
    expect(error.message).toBe(
      'Staff counts add up to 14 (transferred 10, redeployed 2, retired 1, left 1) but the establishment is 12',
    );
    expect(error.details).toEqual({ total: 14, establishmentHeadcount: 12 });
  });

  it.each([
    ['negative', { ...ALL_STAFF, retired: -1 }, 'retired'],
    ['fractional', { ...ALL_STAFF, left: 0.5 }, 'left'],
  ])('rejects a %s count', (_what, counts, field) => {
    const error = given(serviceUnitDecider, history.approved())
      .when(plan(counts))
      .thenThrows('invalid_count', 'invalid');
    expect(error.details).toEqual({ field });
  });
});

describe('RecordStaffOutcome', () => {
  const record = (counts: StaffCounts) => command('RecordStaffOutcome', counts);

  it('records the staff outcome so far', () => {
    const counts = { transferred: 5, redeployed: 1, retired: 0, left: 0 };
    const state = given(serviceUnitDecider, history.transition())
      .when(record(counts))
      .then([
        { type: 'StaffOutcomeRecorded', data: { unitId: UNIT_ID, ...counts, recordedAt: NOW, recordedBy: OFFICER } },
      ]);
    expect(unit(state).staffOutcome).toEqual(counts);
  });

  it('replaces an earlier outcome with the new totals', () => {
    const earlier = staffOutcome({ transferred: 5, redeployed: 1, retired: 0, left: 0 });
    const state = given(serviceUnitDecider, [...history.transition(), earlier])
      .when(record(ALL_STAFF))
      .then([
        { type: 'StaffOutcomeRecorded', data: { unitId: UNIT_ID, ...ALL_STAFF, recordedAt: NOW, recordedBy: OFFICER } },
      ]);
    expect(unit(state).staffOutcome).toEqual(ALL_STAFF);
  });

  it('refuses an outcome before the transition starts', () => {
    const error = given(serviceUnitDecider, history.awarded())
      .when(record(ALL_STAFF))
      .thenThrows('transition_not_started', 'conflict');
    expect(error.message).toBe('A staff outcome can be recorded only while transition; unit is awarded');
  });

  it('refuses an outcome for more staff than the establishment', () => {
    given(serviceUnitDecider, history.transition())
      .when(record(TOO_MANY))
      .thenThrows('staff_exceeds_establishment', 'invalid');
  });
});

describe('RecordAssetHandover', () => {
  // Data is loosely typed here so that specs can send values the API might receive but the type forbids.
  const handover = (data: Record<string, unknown>) =>
    command('RecordAssetHandover', {
      assetId: 'A-1',
      disposition: 'transferred',
      valueRealised: yuan(0),
      ...data,
    } as never);

  it('records an asset transferred to the provider', () => {
    const state = given(serviceUnitDecider, history.transition())
      .when(handover({}))
      .then([
        {
          type: 'AssetHandedOver',
          data: {
            unitId: UNIT_ID,
            assetId: 'A-1',
            disposition: 'transferred',
            method: null,
            valueRealised: yuan(0),
            handedOverAt: NOW,
            recordedBy: OFFICER,
          },
        },
      ]);
    expect(unit(state).assets[0].handover).toEqual({
      disposition: 'transferred',
      method: null,
      valueRealised: yuan(0),
      handedOverAt: NOW,
    });
    expect(unit(state).assets[1].handover).toBeNull();
  });

  it.each([
    ['leased', undefined],
    ['retained', undefined],
    ['disposed', 'auction'],
    ['disposed', 'scrap'],
  ])('records an asset %s %s', (disposition, method) => {
    given(serviceUnitDecider, history.transition())
      .when(handover({ assetId: 'A-2', disposition, method, valueRealised: yuan(61_500) }))
      .then([
        {
          type: 'AssetHandedOver',
          data: {
            unitId: UNIT_ID,
            assetId: 'A-2',
            disposition: disposition as 'leased',
            method: (method ?? null) as null,
            valueRealised: yuan(61_500),
            handedOverAt: NOW,
            recordedBy: OFFICER,
          },
        },
      ]);
  });

  it('refuses a handover before the transition starts', () => {
    const error = given(serviceUnitDecider, history.awarded())
      .when(handover({}))
      .thenThrows('transition_not_started', 'conflict');
    expect(error.message).toBe('An asset handover can be recorded only while transition; unit is awarded');
  });

  it('refuses an asset that is not in the register', () => {
    const error = given(serviceUnitDecider, history.transition())
      .when(handover({ assetId: 'A-99' }))
      .thenThrows('unknown_asset', 'invalid');
    expect(error.message).toBe("Asset A-99 is not in the unit's asset register");
  });

  it('refuses an asset that was already handed over', () => {
    const error = given(serviceUnitDecider, [...history.transition(), handedOver('A-1')])
      .when(handover({ disposition: 'leased' }))
      .thenThrows('asset_already_handed_over', 'conflict');
    expect(error.message).toBe('Asset A-1 was already handed over (transferred on 2025-05-21T09:00:00+08:00)');
  });

  it('requires a method for a disposed asset', () => {
    const error = given(serviceUnitDecider, history.transition())
      .when(handover({ disposition: 'disposed' }))
      .thenThrows('disposal_method_required', 'invalid');
    expect(error.message).toBe('A disposed asset needs a method (auction or scrap)');
  });

  it('refuses a method for an asset that is not disposed', () => {
    const error = given(serviceUnitDecider, history.transition())
      .when(handover({ method: 'auction' }))
      .thenThrows('disposal_method_not_applicable', 'invalid');
    expect(error.message).toBe('A method applies only to disposed assets; A-1 is transferred');
  });

  it.each<[string, Record<string, unknown>, ServiceUnitErrorCode]>([
    ['disposition', { disposition: 'donated' }, 'invalid_disposition'],
    ['method', { disposition: 'disposed', method: 'burn' }, 'invalid_method'],
    ['value', { valueRealised: { amountMinor: -100, currency: 'CNY' } }, 'invalid_money'],
  ])('rejects an invalid %s', (_what, data, code) => {
    given(serviceUnitDecider, history.transition()).when(handover(data)).thenThrows(code, 'invalid');
  });
});

describe('CompleteTransition', () => {
  const complete = command('CompleteTransition', {});

  it.each([
    ['outsource', 'outsourced'],
    ['spin_off', 'spun_off'],
  ] as const)('completes a %s transition as %s', (mode, outcome) => {
    const state = given(serviceUnitDecider, history.readyToComplete(mode))
      .when(complete)
      .then([
        {
          type: 'TransitionCompleted',
          data: { unitId: UNIT_ID, contractId: CONTRACT_ID, outcome, completedAt: NOW, completedBy: OFFICER },
        },
      ]);
    expect(unit(state).stage).toBe(outcome);
  });

  it('completes a unit with no establishment and no assets without any records', () => {
    const events = [registered(0, false), ...history.transition().slice(1)];
    given(serviceUnitDecider, events)
      .when(complete)
      .then([
        {
          type: 'TransitionCompleted',
          data: {
            unitId: UNIT_ID,
            contractId: CONTRACT_ID,
            outcome: 'outsourced',
            completedAt: NOW,
            completedBy: OFFICER,
          },
        },
      ]);
  });

  it('lists the staff and assets still to account for', () => {
    const partial = [
      ...history.transition(),
      staffOutcome({ transferred: 8, redeployed: 2, retired: 0, left: 0 }),
      handedOver('A-1'),
    ];
    const error = given(serviceUnitDecider, partial).when(complete).thenThrows('transition_incomplete', 'conflict');
    expect(error.message).toBe(
      'Transition cannot complete: staff outcome accounts for 10 of 12 established posts; assets without a disposition: A-2',
    );
    expect(error.details).toEqual({ staffAccountedFor: 10, establishmentHeadcount: 12, assetsPending: ['A-2'] });
  });

  it('refuses when no staff outcome was recorded', () => {
    const error = given(serviceUnitDecider, [...history.transition(), handedOver('A-1'), handedOver('A-2')])
      .when(complete)
      .thenThrows('transition_incomplete', 'conflict');
    expect(error.message).toBe('Transition cannot complete: staff outcome accounts for 0 of 12 established posts');
  });

  it('refuses outside a transition', () => {
    const error = given(serviceUnitDecider, history.awarded())
      .when(complete)
      .thenThrows('transition_not_started', 'conflict');
    expect(error.message).toBe('A transition can be completed only while transition; unit is awarded');
  });

  it('refuses to complete twice', () => {
    given(serviceUnitDecider, history.outsourced()).when(complete).thenThrows('transition_not_started', 'conflict');
  });
});
