import { given } from '../shared/decider.testing';
import { serviceUnitDecider } from './service-unit.decider';
import type { ServiceUnitEvent } from './service-unit.events';
import {
  command,
  DIRECTOR,
  history,
  NOW,
  OFFICER,
  proposed,
  registered,
  rejected,
  terms,
  UNIT_ID,
  yuan,
} from './service-unit.fixtures';
import type { RegisteredServiceUnit } from './service-unit.state';
import type { ServiceUnitErrorCode } from './service-unit.errors';

const OTHER_OFFICER = 'user:reform-officer-2';
const unit = (state: unknown) => state as RegisteredServiceUnit;

describe('ProposeReformPlan', () => {
  const propose = (overrides = {}) => command('ProposeReformPlan', terms('outsource', overrides));

  it('proposes a plan for an in-house unit', () => {
    const state = given(serviceUnitDecider, history.inHouse)
      .when(propose())
      .then([
        {
          type: 'ReformPlanProposed',
          data: { unitId: UNIT_ID, ...terms('outsource'), revision: 1, proposedAt: NOW, proposedBy: OFFICER },
        },
      ]);
    expect(unit(state).stage).toBe('plan_proposed');
    expect(unit(state).plan).toMatchObject({ status: 'proposed', revision: 1, proposedBy: OFFICER, decidedBy: null });
  });

  it('proposes a fresh plan after a rejection', () => {
    given(serviceUnitDecider, [registered(), proposed(), rejected()])
      .when(command('ProposeReformPlan', terms('charge_back')))
      .then([
        {
          type: 'ReformPlanProposed',
          data: { unitId: UNIT_ID, ...terms('charge_back'), revision: 1, proposedAt: NOW, proposedBy: OFFICER },
        },
      ]);
  });

  it('reconsiders a retained unit with a new plan', () => {
    given(serviceUnitDecider, history.approved('retain'))
      .when(propose())
      .then([
        {
          type: 'ReformPlanProposed',
          data: { unitId: UNIT_ID, ...terms('outsource'), revision: 1, proposedAt: NOW, proposedBy: OFFICER },
        },
      ]);
  });

  it.each([
    ['a plan is pending', history.proposed(), 'plan_proposed'],
    ['a plan is approved', history.approved(), 'plan_approved'],
    ['the unit is outsourced', history.outsourced(), 'outsourced'],
  ])('refuses a second plan while %s', (_what, events, stage) => {
    const error = given(serviceUnitDecider, events).when(propose()).thenThrows('plan_already_underway', 'conflict');
    expect(error.message).toBe(`A reform plan can be proposed only while in_house or retained; unit is ${stage}`);
  });

  it.each<[string, object, ServiceUnitErrorCode]>([
    ['mode', { mode: 'privatise' }, 'invalid_mode'],
    ['rationale', { rationale: '  ' }, 'rationale_required'],
    ['target date', { targetDate: '2025-02-30' }, 'invalid_date'],
    ['target date format', { targetDate: '31/12/2025' }, 'invalid_date'],
    ['target cost', { targetAnnualCost: { amountMinor: -5, currency: 'CNY' } }, 'invalid_money'],
    ['management function', { managementFunctionsKept: ['budget', ''] }, 'management_functions_kept_required'],
    ['management functions list', { managementFunctionsKept: 'budget' }, 'invalid_management_functions'],
  ])('rejects an invalid %s', (_what, overrides, code) => {
    given(serviceUnitDecider, history.inHouse).when(propose(overrides)).thenThrows(code, 'invalid');
  });

  it('rejects a management function listed twice', () => {
    const error = given(serviceUnitDecider, history.inHouse)
      .when(propose({ managementFunctionsKept: ['budget', 'budget'] }))
      .thenThrows('duplicate_management_function', 'invalid');
    expect(error.message).toBe('Management function "budget" is listed more than once');
  });

  it('rejects a target cost in another currency than the baseline', () => {
    const error = given(serviceUnitDecider, history.inHouse)
      .when(propose({ targetAnnualCost: yuan(100, 'USD') }))
      .thenThrows('currency_mismatch', 'invalid');
    expect(error.message).toBe(
      "targetAnnualCost is in USD but the unit's cost baseline is in CNY; savings are only computed in one currency",
    );
    expect(error.details).toEqual({ field: 'targetAnnualCost', expected: 'CNY' });
  });
});

describe('ApproveReformPlan', () => {
  const approve = (actor = DIRECTOR) => command('ApproveReformPlan', {}, actor);

  it('approves a proposed plan by a second person', () => {
    const state = given(serviceUnitDecider, history.proposed())
      .when(approve())
      .then([
        {
          type: 'ReformPlanApproved',
          data: { unitId: UNIT_ID, revision: 1, mode: 'outsource', approvedAt: NOW, approvedBy: DIRECTOR },
        },
      ]);
    expect(unit(state).stage).toBe('plan_approved');
    expect(unit(state).plan).toMatchObject({ status: 'approved', decidedBy: DIRECTOR, decidedAt: NOW });
  });

  it('approving a retain plan leaves the unit retained', () => {
    const state = given(serviceUnitDecider, history.proposed('retain'))
      .when(approve())
      .then([
        {
          type: 'ReformPlanApproved',
          data: { unitId: UNIT_ID, revision: 1, mode: 'retain', approvedAt: NOW, approvedBy: DIRECTOR },
        },
      ]);
    expect(unit(state).stage).toBe('retained');
  });

  it('approving a charge-back plan waits in plan_approved', () => {
    const state = given(serviceUnitDecider, history.proposed('charge_back'))
      .when(approve())
      .then([
        {
          type: 'ReformPlanApproved',
          data: { unitId: UNIT_ID, revision: 1, mode: 'charge_back', approvedAt: NOW, approvedBy: DIRECTOR },
        },
      ]);
    expect(unit(state).stage).toBe('plan_approved');
  });

  it('refuses approval by the proposer (segregation of duties)', () => {
    const error = given(serviceUnitDecider, history.proposed())
      .when(approve(OFFICER))
      .thenThrows('segregation_of_duties', 'forbidden');
    expect(error.message).toBe(
      `A plan must be approved by someone other than its proposer; ${OFFICER} proposed this plan`,
    );
  });

  it.each([
    ['upper case', OFFICER.toUpperCase()],
    ['surrounding spaces', ` ${OFFICER} `],
    ['full-width letters', 'ｕｓｅｒ:reform-officer-1'],
  ])('refuses approval by the proposer written in %s', (_variant, actor) => {
    const error = given(serviceUnitDecider, history.proposed())
      .when(approve(actor))
      .thenThrows('segregation_of_duties', 'forbidden');
    expect(error.details).toEqual({ proposedBy: OFFICER });
  });

  it('treats the reviser as the proposer of a revised plan', () => {
    const revisedByOther: ServiceUnitEvent = {
      type: 'ReformPlanRevised',
      data: { unitId: UNIT_ID, ...terms(), revision: 2, revisedAt: NOW, revisedBy: OTHER_OFFICER },
    };
    const events = [registered(), proposed(), rejected(), revisedByOther];
    given(serviceUnitDecider, events).when(approve(OTHER_OFFICER)).thenThrows('segregation_of_duties', 'forbidden');
    given(serviceUnitDecider, events)
      .when(approve(OFFICER))
      .then([
        {
          type: 'ReformPlanApproved',
          data: { unitId: UNIT_ID, revision: 2, mode: 'outsource', approvedAt: NOW, approvedBy: OFFICER },
        },
      ]);
  });

  it.each([
    ['in_house', history.inHouse],
    ['plan_approved', history.approved()],
  ])('refuses approval while %s', (stage, events) => {
    const error = given(serviceUnitDecider, events).when(approve()).thenThrows('plan_not_proposed', 'conflict');
    expect(error.message).toBe(`A plan can be approved only while plan_proposed; unit is ${stage}`);
  });
});

describe('RejectReformPlan', () => {
  const reject = (reason = 'Target cost not justified', actor = DIRECTOR) =>
    command('RejectReformPlan', { reason }, actor);

  it('rejects a proposed plan with a reason and keeps it for revision', () => {
    const state = given(serviceUnitDecider, history.proposed())
      .when(reject())
      .then([
        {
          type: 'ReformPlanRejected',
          data: {
            unitId: UNIT_ID,
            revision: 1,
            reason: 'Target cost not justified',
            rejectedAt: NOW,
            rejectedBy: DIRECTOR,
          },
        },
      ]);
    expect(unit(state).stage).toBe('in_house');
    expect(unit(state).plan).toMatchObject({
      mode: 'outsource',
      status: 'rejected',
      decidedBy: DIRECTOR,
      rejectionReason: 'Target cost not justified',
    });
  });

  it('refuses rejection by the proposer', () => {
    const error = given(serviceUnitDecider, history.proposed())
      .when(reject('No', OFFICER))
      .thenThrows('segregation_of_duties', 'forbidden');
    expect(error.message).toBe(
      `A plan must be rejected by someone other than its proposer; ${OFFICER} proposed this plan`,
    );
  });

  it('refuses rejection by the proposer written in another case', () => {
    given(serviceUnitDecider, history.proposed())
      .when(reject('No', OFFICER.toUpperCase()))
      .thenThrows('segregation_of_duties', 'forbidden');
  });

  it('refuses rejection without a reason', () => {
    given(serviceUnitDecider, history.proposed()).when(reject('')).thenThrows('reason_required', 'invalid');
  });

  it('refuses rejection when no plan is proposed', () => {
    const error = given(serviceUnitDecider, history.approved())
      .when(reject())
      .thenThrows('plan_not_proposed', 'conflict');
    expect(error.message).toBe('A plan can be rejected only while plan_proposed; unit is plan_approved');
  });
});

describe('ReviseReformPlan', () => {
  const revise = (overrides = {}) => command('ReviseReformPlan', terms('outsource', overrides));
  const afterRejection = [registered(), proposed(), rejected()];

  it('revises a rejected plan as its next revision', () => {
    const revisedTerms = terms('outsource', {
      targetAnnualCost: yuan(1_900_000),
      rationale: 'Market sounding shows lower prices.',
    });
    const state = given(serviceUnitDecider, afterRejection)
      .when(command('ReviseReformPlan', revisedTerms))
      .then([
        {
          type: 'ReformPlanRevised',
          data: { unitId: UNIT_ID, ...revisedTerms, revision: 2, revisedAt: NOW, revisedBy: OFFICER },
        },
      ]);
    expect(unit(state).stage).toBe('plan_proposed');
    expect(unit(state).plan).toMatchObject({
      status: 'proposed',
      revision: 2,
      rejectionReason: null,
      targetAnnualCost: yuan(1_900_000),
    });
  });

  it('counts revisions across repeated rejections', () => {
    const secondRevision: ServiceUnitEvent = {
      type: 'ReformPlanRevised',
      data: { unitId: UNIT_ID, ...terms(), revision: 2, revisedAt: NOW, revisedBy: OFFICER },
    };
    given(serviceUnitDecider, [...afterRejection, secondRevision, rejected(2)])
      .when(revise())
      .then([
        {
          type: 'ReformPlanRevised',
          data: { unitId: UNIT_ID, ...terms(), revision: 3, revisedAt: NOW, revisedBy: OFFICER },
        },
      ]);
  });

  it('refuses to revise when the unit has no plan', () => {
    const error = given(serviceUnitDecider, history.inHouse).when(revise()).thenThrows('plan_not_rejected', 'conflict');
    expect(error.message).toBe('Only a rejected plan can be revised; the unit has no plan (unit is in_house)');
  });

  it('refuses to revise a plan that is still proposed', () => {
    const error = given(serviceUnitDecider, history.proposed())
      .when(revise())
      .thenThrows('plan_not_rejected', 'conflict');
    expect(error.message).toBe('Only a rejected plan can be revised; the plan is proposed (unit is plan_proposed)');
  });

  it('validates the revised terms like a proposal', () => {
    given(serviceUnitDecider, afterRejection)
      .when(revise({ rationale: '' }))
      .thenThrows('rationale_required', 'invalid');
  });
});

describe('CompleteChargeBack', () => {
  const complete = command('CompleteChargeBack', {});

  it('completes an approved charge-back plan', () => {
    const state = given(serviceUnitDecider, history.approved('charge_back'))
      .when(complete)
      .then([{ type: 'ChargeBackCompleted', data: { unitId: UNIT_ID, completedAt: NOW, completedBy: OFFICER } }]);
    expect(unit(state).stage).toBe('charge_back');
  });

  it('refuses when the approved plan is not a charge-back', () => {
    const error = given(serviceUnitDecider, history.approved('outsource'))
      .when(complete)
      .thenThrows('charge_back_not_approved', 'conflict');
    expect(error.message).toBe(
      'A charge-back can only be completed under an approved charge_back plan; the approved plan is outsource',
    );
  });

  it('refuses before the plan is approved', () => {
    const error = given(serviceUnitDecider, history.proposed('charge_back'))
      .when(complete)
      .thenThrows('charge_back_not_approved', 'conflict');
    expect(error.message).toBe('A charge-back can be completed only while plan_approved; unit is plan_proposed');
  });
});
