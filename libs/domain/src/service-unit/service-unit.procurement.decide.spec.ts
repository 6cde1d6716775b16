import { fold } from '../shared';
import { given } from '../shared/decider.testing';
import { serviceUnitDecider } from './service-unit.decider';
import type { ServiceUnitEvent } from './service-unit.events';
import {
  ALL_STAFF,
  command,
  CONTRACT_ID,
  handedOver,
  history,
  NOW,
  OCID,
  OFFICER,
  PROCUREMENT_SYSTEM,
  staffOutcome,
  UNIT_ID,
  yuan,
} from './service-unit.fixtures';
import type { RegisteredServiceUnit } from './service-unit.state';
import type { ServiceUnitErrorCode } from './service-unit.errors';

const unit = (state: unknown) => state as RegisteredServiceUnit;
const SECOND_OCID = 'ocds-a1b2c3-2025-0002';

const cancelled: ServiceUnitEvent = {
  type: 'ProcurementCancelled',
  data: {
    unitId: UNIT_ID,
    procurementId: OCID,
    outcome: 'unsuccessful',
    reason: 'No compliant bids',
    cancelledAt: '2025-04-01T09:00:00+08:00',
    cancelledBy: PROCUREMENT_SYSTEM,
  },
};

describe('RequestProcurement', () => {
  const request = (overrides = {}) =>
    command('RequestProcurement', {
      procurementId: OCID,
      estimatedValue: yuan(6_000_000),
      description: 'Catering services for the headquarters, three years',
      ...overrides,
    });

  it.each(['outsource', 'spin_off'] as const)('opens a tender for an approved %s plan', (mode) => {
    const state = given(serviceUnitDecider, history.approved(mode))
      .when(request())
      .then([
        {
          type: 'ProcurementRequested',
          data: {
            unitId: UNIT_ID,
            procurementId: OCID,
            estimatedValue: yuan(6_000_000),
            description: 'Catering services for the headquarters, three years',
            category: 'canteen',
            requestedAt: NOW,
            requestedBy: OFFICER,
          },
        },
      ]);
    expect(unit(state).stage).toBe('procurement');
    expect(unit(state).procurement).toEqual({
      procurementId: OCID,
      estimatedValue: yuan(6_000_000),
      description: 'Catering services for the headquarters, three years',
      requestedAt: NOW,
      status: 'open',
      closedReason: null,
    });
  });

  it('opens a new tender with a new ocid after a failed one', () => {
    given(serviceUnitDecider, [...history.procurement(), cancelled])
      .when(request({ procurementId: SECOND_OCID }))
      .then([
        {
          type: 'ProcurementRequested',
          data: {
            unitId: UNIT_ID,
            procurementId: SECOND_OCID,
            estimatedValue: yuan(6_000_000),
            description: 'Catering services for the headquarters, three years',
            category: 'canteen',
            requestedAt: NOW,
            requestedBy: OFFICER,
          },
        },
      ]);
  });

  it('refuses to reuse the ocid of an earlier tender', () => {
    const error = given(serviceUnitDecider, [...history.procurement(), cancelled])
      .when(request())
      .thenThrows('procurement_id_reused', 'conflict');
    expect(error.message).toBe(
      `Procurement ${OCID} was already requested for this unit; a new tender needs a new ocid`,
    );
  });

  it.each(['charge_back', 'retain'] as const)('refuses procurement for a %s plan', (mode) => {
    const events = mode === 'retain' ? history.proposed('retain') : history.approved('charge_back');
    if (mode === 'retain') {
      // a retain plan never reaches plan_approved, so the stage rule answers first
      given(serviceUnitDecider, events).when(request()).thenThrows('plan_not_approved', 'conflict');
      return;
    }
    const error = given(serviceUnitDecider, events)
      .when(request())
      .thenThrows('procurement_not_applicable', 'conflict');
    expect(error.message).toBe('Only outsource and spin_off plans go to procurement; the approved plan is charge_back');
  });

  it('refuses procurement before the plan is approved', () => {
    const error = given(serviceUnitDecider, history.proposed())
      .when(request())
      .thenThrows('plan_not_approved', 'conflict');
    expect(error.message).toBe('Procurement can be requested only while plan_approved; unit is plan_proposed');
  });

  it('refuses a second tender while one is open', () => {
    given(serviceUnitDecider, history.procurement())
      .when(request({ procurementId: SECOND_OCID }))
      .thenThrows('plan_not_approved', 'conflict');
  });

  it.each([['TENDER-1'], ['ocds-abc-1'], ['ocds-a1b2c3-']])('rejects %s as a procurement id', (procurementId) => {
    const error = given(serviceUnitDecider, history.approved())
      .when(request({ procurementId }))
      .thenThrows('invalid_procurement_id', 'invalid');
    expect(error.message).toContain(`got "${procurementId}"`);
  });

  it('rejects an estimate in another currency', () => {
    given(serviceUnitDecider, history.approved())
      .when(request({ estimatedValue: yuan(1, 'EUR') }))
      .thenThrows('currency_mismatch', 'invalid');
  });

  it('rejects a request without a description', () => {
    given(serviceUnitDecider, history.approved())
      .when(request({ description: '' }))
      .thenThrows('description_required', 'invalid');
  });
});

describe('RecordAward', () => {
  const award = (overrides = {}) =>
    command(
      'RecordAward',
      {
        procurementId: OCID,
        awardId: 'award-1',
        providerId: 'provider-1',
        contractValue: yuan(5_700_000),
        ...overrides,
      },
      PROCUREMENT_SYSTEM,
    );

  it('records the award of the open tender', () => {
    const state = given(serviceUnitDecider, history.procurement())
      .when(award())
      .then([
        {
          type: 'AwardRecorded',
          data: {
            unitId: UNIT_ID,
            procurementId: OCID,
            awardId: 'award-1',
            providerId: 'provider-1',
            contractValue: yuan(5_700_000),
            contractPeriod: null,
            recordedAt: NOW,
            recordedBy: PROCUREMENT_SYSTEM,
          },
        },
      ]);
    expect(unit(state).stage).toBe('awarded');
    expect(unit(state).procurement?.status).toBe('awarded');
    expect(unit(state).award).toMatchObject({ providerId: 'provider-1', contractValue: yuan(5_700_000) });
  });

  it('records the contract period the award states', () => {
    const period = { start: '2025-06-01', end: '2028-05-31' };
    const events = serviceUnitDecider.decide(
      award({ contractPeriod: period }),
      fold(serviceUnitDecider, history.procurement()),
    );
    expect(events).toEqual([
      expect.objectContaining({ type: 'AwardRecorded', data: expect.objectContaining({ contractPeriod: period }) }),
    ]);
  });

  it('refuses an award whose contract period ends before it starts', () => {
    const error = given(serviceUnitDecider, history.procurement())
      .when(award({ contractPeriod: { start: '2025-06-01', end: '2025-05-31' } }))
      .thenThrows('invalid_contract_period', 'invalid');
    expect(error.details).toEqual({ field: 'contractPeriod.end' });
  });

  it('refuses an award for another tender', () => {
    const error = given(serviceUnitDecider, history.procurement())
      .when(award({ procurementId: SECOND_OCID }))
      .thenThrows('procurement_mismatch', 'conflict');
    expect(error.message).toBe(`This is about procurement ${SECOND_OCID} but the unit's open procurement is ${OCID}`);
  });

  it('refuses an award when no tender is open', () => {
    const error = given(serviceUnitDecider, history.awarded())
      .when(award())
      .thenThrows('procurement_not_open', 'conflict');
    expect(error.message).toBe('An award can be recorded only while procurement; unit is awarded');
  });

  it.each<[string, object, ServiceUnitErrorCode]>([
    ['provider', { providerId: '' }, 'provider_id_required'],
    ['award id', { awardId: ' ' }, 'award_id_required'],
    ['contract value', { contractValue: { amountMinor: 1.5, currency: 'CNY' } }, 'invalid_money'],
    ['contract value currency', { contractValue: yuan(1, 'USD') }, 'currency_mismatch'],
  ])('rejects an award with an invalid %s', (_what, overrides, code) => {
    given(serviceUnitDecider, history.procurement()).when(award(overrides)).thenThrows(code, 'invalid');
  });
});

describe('CancelProcurement', () => {
  const cancel = (overrides = {}) =>
    command(
      'CancelProcurement',
      { procurementId: OCID, reason: 'No compliant bids', outcome: 'unsuccessful' as const, ...overrides },
      PROCUREMENT_SYSTEM,
    );

  it.each(['cancelled', 'unsuccessful'] as const)(
    'returns the unit to plan_approved when the tender is %s',
    (outcome) => {
      const state = given(serviceUnitDecider, history.procurement())
        .when(cancel({ outcome }))
        .then([
          {
            type: 'ProcurementCancelled',
            data: {
              unitId: UNIT_ID,
              procurementId: OCID,
              outcome,
              reason: 'No compliant bids',
              cancelledAt: NOW,
              cancelledBy: PROCUREMENT_SYSTEM,
            },
          },
        ]);
      expect(unit(state).stage).toBe('plan_approved');
      expect(unit(state).procurement).toMatchObject({ status: outcome, closedReason: 'No compliant bids' });
      expect(unit(state).plan?.status).toBe('approved');
    },
  );

  it('refuses to cancel another tender', () => {
    given(serviceUnitDecider, history.procurement())
      .when(cancel({ procurementId: SECOND_OCID }))
      .thenThrows('procurement_mismatch', 'conflict');
  });

  it('refuses to cancel a tender that is already awarded', () => {
    const error = given(serviceUnitDecider, history.awarded())
      .when(cancel())
      .thenThrows('procurement_not_open', 'conflict');
    expect(error.message).toBe('A procurement can be cancelled only while procurement; unit is awarded');
  });

  it('rejects an unknown outcome', () => {
    given(serviceUnitDecider, history.procurement())
      .when(cancel({ outcome: 'withdrawn' }))
      .thenThrows('invalid_outcome', 'invalid');
  });

  it('rejects a cancellation without a reason', () => {
    given(serviceUnitDecider, history.procurement())
      .when(cancel({ reason: '' }))
      .thenThrows('reason_required', 'invalid');
  });
});

describe('StartTransition', () => {
  it('starts the transition under the signed contract', () => {
    const state = given(serviceUnitDecider, history.awarded())
      .when(command('StartTransition', { contractId: CONTRACT_ID }))
      .then([
        {
          type: 'TransitionStarted',
          data: { unitId: UNIT_ID, contractId: CONTRACT_ID, startedAt: NOW, startedBy: OFFICER },
        },
      ]);
    expect(unit(state).stage).toBe('transition');
    expect(unit(state).contractId).toBe(CONTRACT_ID);
  });

  it('refuses before an award', () => {
    const error = given(serviceUnitDecider, history.procurement())
      .when(command('StartTransition', { contractId: CONTRACT_ID }))
      .thenThrows('not_awarded', 'conflict');
    expect(error.message).toBe('A transition can start only while awarded; unit is procurement');
  });

  it('rejects a transition without a contract id', () => {
    given(serviceUnitDecider, history.awarded())
      .when(command('StartTransition', { contractId: '' }))
      .thenThrows('contract_id_required', 'invalid');
  });
});

describe('ReopenAfterTermination', () => {
  const reopen = (overrides = {}) =>
    command('ReopenAfterTermination', {
      contractId: CONTRACT_ID,
      route: 'retender' as const,
      reason: 'Contract terminated for repeated critical breaches',
      ...overrides,
    });

  it('returns an outsourced unit to plan_approved for a re-tender, keeping the approved plan', () => {
    const state = given(serviceUnitDecider, history.outsourced())
      .when(reopen())
      .then([
        {
          type: 'ServiceUnitReopened',
          data: {
            unitId: UNIT_ID,
            contractId: CONTRACT_ID,
            route: 'retender',
            reason: 'Contract terminated for repeated critical breaches',
            reopenedAt: NOW,
            reopenedBy: OFFICER,
          },
        },
      ]);
    expect(unit(state)).toMatchObject({ stage: 'plan_approved', procurement: null, award: null, contractId: null });
    expect(unit(state).plan?.status).toBe('approved');
    expect(unit(state).staffOutcome).toEqual(ALL_STAFF);
    expect(unit(state).lastTermination).toEqual({
      contractId: CONTRACT_ID,
      route: 'retender',
      reason: 'Contract terminated for repeated critical breaches',
      reopenedAt: NOW,
    });
  });

  it('after a re-tender the next tender needs a new ocid', () => {
    const reopened: ServiceUnitEvent = {
      type: 'ServiceUnitReopened',
      data: {
        unitId: UNIT_ID,
        contractId: CONTRACT_ID,
        route: 'retender',
        reason: 'Terminated',
        reopenedAt: NOW,
        reopenedBy: OFFICER,
      },
    };
    const tender = (procurementId: string) =>
      command('RequestProcurement', { procurementId, estimatedValue: yuan(5_000_000), description: 'Re-tender' });
    given(serviceUnitDecider, [...history.outsourced(), reopened])
      .when(tender(OCID))
      .thenThrows('procurement_id_reused', 'conflict');
    const state = given(serviceUnitDecider, [...history.outsourced(), reopened])
      .when(tender(SECOND_OCID))
      .then([
        {
          type: 'ProcurementRequested',
          data: {
            unitId: UNIT_ID,
            procurementId: SECOND_OCID,
            estimatedValue: yuan(5_000_000),
            description: 'Re-tender',
            category: 'canteen',
            requestedAt: NOW,
            requestedBy: OFFICER,
          },
        },
      ]);
    expect(unit(state).stage).toBe('procurement');
  });

  it('returns a unit in transition to in_house when insourced, clearing the handover', () => {
    const state = given(serviceUnitDecider, [...history.transition(), staffOutcome(ALL_STAFF), handedOver('A-1')])
      .when(reopen({ route: 'insource', reason: 'Provider insolvent' }))
      .then([
        {
          type: 'ServiceUnitReopened',
          data: {
            unitId: UNIT_ID,
            contractId: CONTRACT_ID,
            route: 'insource',
            reason: 'Provider insolvent',
            reopenedAt: NOW,
            reopenedBy: OFFICER,
          },
        },
      ]);
    expect(unit(state)).toMatchObject({ stage: 'in_house', contractId: null, staffPlan: null, staffOutcome: null });
    expect(unit(state).assets.every((asset) => asset.handover === null)).toBe(true);
  });

  it('refuses to reopen a unit without a contract', () => {
    const error = given(serviceUnitDecider, history.awarded())
      .when(reopen())
      .thenThrows('no_contract_to_terminate', 'conflict');
    expect(error.message).toBe(
      'A unit can be reopened after a contract termination only while transition, outsourced or spun_off; unit is awarded',
    );
  });

  it("refuses a termination of another unit's contract", () => {
    const error = given(serviceUnitDecider, history.outsourced())
      .when(reopen({ contractId: 'contract-other' }))
      .thenThrows('contract_mismatch', 'conflict');
    expect(error.message).toBe(
      `Contract contract-other is not the unit's contract; the unit is served under ${CONTRACT_ID}`,
    );
  });

  it('rejects an unknown route', () => {
    given(serviceUnitDecider, history.outsourced())
      .when(reopen({ route: 'abandon' }))
      .thenThrows('invalid_route', 'invalid');
  });

  it('rejects a reopening without a reason', () => {
    given(serviceUnitDecider, history.outsourced())
      .when(reopen({ reason: '' }))
      .thenThrows('reason_required', 'invalid');
  });
});
