import { given } from '../shared/decider.testing';
import { contractDecider, contractStreamId, streamId } from './contract.decider';
import { CONTRACT_EVENT_TYPES } from './contract.events';
import {
  activated,
  ACTIVATED_AT,
  after,
  AVAILABILITY,
  command,
  CONTRACT_ID,
  contractOf,
  correct,
  DIRECTOR,
  draftData,
  drafted,
  DRAFTED_AT,
  fen,
  history,
  measure,
  NOW,
  OFFICER,
  PROVIDER_ID,
  RESPONSE,
  signed,
  SIGNED_AT,
  stateOf,
  UNIT_ID,
} from './contract.fixtures';
import type { DraftContractData } from './contract.commands';
import type { SlaDefinition } from './contract.values';
import type { ContractErrorCode } from './contract.errors';

const parties = { contractId: CONTRACT_ID, unitId: UNIT_ID, providerId: PROVIDER_ID };
const withSla = (overrides: Partial<SlaDefinition>): Partial<DraftContractData> => ({
  slas: [{ ...AVAILABILITY, ...overrides }, RESPONSE],
});

describe('contract stream and event types', () => {
  it('names one stream per contract', () => {
    expect(streamId('c-1')).toBe('contract-c-1');
    expect(contractStreamId('c-1')).toBe('contract-c-1');
  });

  it('lists every stored event type once', () => {
    expect(new Set(CONTRACT_EVENT_TYPES).size).toBe(17);
    expect(CONTRACT_EVENT_TYPES).toContain('SlaMeasurementCorrected');
  });
});

describe('DraftContract', () => {
  const draft = (overrides: Partial<DraftContractData> = {}) =>
    command('DraftContract', draftData(overrides), OFFICER, DRAFTED_AT);

  it('drafts a contract from an award', () => {
    const state = given(contractDecider, []).when(draft()).then([drafted()]);
    expect(contractOf(state)).toMatchObject({
      status: 'draft',
      ...parties,
      monthlyCharge: fen(1_000_000),
      slas: [AVAILABILITY, RESPONSE],
      creditCapPercent: 15,
      amendments: [],
      measurements: {},
      settlements: {},
    });
  });

  it('fills in the default termination rule (3 in 12) and contract cap (100 %)', () => {
    const data = { ...draftData(), terminationRule: undefined, creditCapPercent: undefined };
    const [event] = contractDecider.decide(
      command('DraftContract', data, OFFICER, DRAFTED_AT),
      contractDecider.initialState,
    );
    expect(event.data).toMatchObject({
      terminationRule: { criticalBreachesAllowed: 3, windowMonths: 12 },
      creditCapPercent: 100,
    });
  });

  it('rejects a second draft on the same stream', () => {
    const error = given(contractDecider, history.draft())
      .when(draft())
      .thenThrows('contract_already_exists', 'conflict');
    expect(error.message).toBe(`Contract ${CONTRACT_ID} already exists (status draft)`);
  });

  it.each<[string, Partial<DraftContractData>, ContractErrorCode]>([
    ['an empty agency', { agency: ' ' }, 'text_required'],
    ['a missing unit', { unitId: '' }, 'text_required'],
    ['a procurement reference that is no OCDS ocid', { procurementId: 'P-2024-42' }, 'invalid_ocid'],
    ['a fractional total value', { totalValue: { amountMinor: 1.5, currency: 'CNY' } }, 'invalid_money'],
    ['a malformed currency', { totalValue: { amountMinor: 100, currency: 'yuan' } }, 'invalid_currency'],
    [
      'a monthly charge in another currency',
      { monthlyCharge: { amountMinor: 100, currency: 'USD' } },
      'currency_mismatch',
    ],
    ['an impossible start date', { period: { start: '2025-02-30', end: '2025-12-31' } }, 'invalid_date'],
    ['an end on the start date', { period: { start: '2025-01-01', end: '2025-01-01' } }, 'period_end_not_after_start'],
    ['an end before the start', { period: { start: '2025-01-01', end: '2024-12-31' } }, 'period_end_not_after_start'],
    ['no SLA list', { slas: undefined }, 'invalid_sla_list'],
    ['an SLA id with a colon', withSla({ slaId: 'bad:id' }), 'invalid_sla_id'],
    ['two SLAs with one id', { slas: [AVAILABILITY, { ...RESPONSE, slaId: AVAILABILITY.slaId }] }, 'duplicate_sla_id'],
    ['an SLA without a title', withSla({ title: '' }), 'text_required'],
    ['an unknown direction', withSla({ direction: 'up' as SlaDefinition['direction'] }), 'invalid_choice'],
    ['a target that is not a number', withSla({ target: Number.NaN }), 'invalid_number'],
    ['a percentage target above 100', withSla({ target: 150, criticalThreshold: 90 }), 'out_of_unit_range'],
    ['a percentage critical threshold below 0', withSla({ criticalThreshold: -10 }), 'out_of_unit_range'],
    ['a target in negative hours', { slas: [AVAILABILITY, { ...RESPONSE, target: -1 }] }, 'out_of_unit_range'],
    [
      'a critical threshold above the target when higher is better',
      withSla({ criticalThreshold: 96 }),
      'critical_threshold_not_worse',
    ],
    ['a critical threshold equal to the target', withSla({ criticalThreshold: 95 }), 'critical_threshold_not_worse'],
    [
      'a critical threshold below the target when lower is better',
      { slas: [AVAILABILITY, { ...RESPONSE, criticalThreshold: 3 }] },
      'critical_threshold_not_worse',
    ],
    ['a zero weight', withSla({ weight: 0 }), 'invalid_weight'],
    [
      'an unknown credit rule',
      withSla({
        creditRule: { kind: 'tiered' as SlaDefinition['creditRule']['kind'], perUnitPercent: 1, percentOfCharge: 1 },
      }),
      'invalid_choice',
    ],
    [
      'a negative fixed percent',
      withSla({ creditRule: { kind: 'fixed_percent', percentOfCharge: -1 } }),
      'invalid_percent',
    ],
    ['a negative linear percent', withSla({ creditRule: { kind: 'linear', perUnitPercent: -0.5 } }), 'invalid_percent'],
    ['an SLA cap over 100 %', withSla({ capPercent: 120 }), 'invalid_percent'],
    ['a contract cap over 100 %', { creditCapPercent: 101 }, 'invalid_percent'],
    [
      'a termination rule allowing 0 breaches',
      { terminationRule: { criticalBreachesAllowed: 0, windowMonths: 12 } },
      'invalid_termination_rule',
    ],
    [
      'a fractional window',
      { terminationRule: { criticalBreachesAllowed: 3, windowMonths: 1.5 } },
      'invalid_termination_rule',
    ],
  ])('rejects %s', (_name, overrides, code) => {
    given(contractDecider, []).when(draft(overrides)).thenThrows(code, 'invalid');
  });

  it('says which threshold is wrong and why', () => {
    const error = given(contractDecider, [])
      .when(draft(withSla({ criticalThreshold: 96 })))
      .thenThrows('critical_threshold_not_worse');
    expect(error.message).toBe(
      'SLA vehicle-availability: the critical threshold 96 must lie below the target 95 when higher_is_better',
    );
    expect(error.details).toEqual({ field: 'slas[0].criticalThreshold' });
  });
});

describe('SignContract', () => {
  const sign = (providerEligible = true, ineligibleReason?: string) =>
    command('SignContract', { providerEligible, ineligibleReason }, DIRECTOR, SIGNED_AT);

  it('signs a draft and records the signer', () => {
    const state = given(contractDecider, history.draft()).when(sign()).then([signed()]);
    expect(contractOf(state)).toMatchObject({ status: 'signed', signedBy: DIRECTOR, signedAt: SIGNED_AT });
  });

  it('refuses an ineligible provider with the reason', () => {
    const error = given(contractDecider, history.draft())
      .when(sign(false, 'debarred until 2027-01-01 for an integrity breach'))
      .thenThrows('provider_ineligible', 'conflict');
    expect(error.message).toBe(
      `Provider ${PROVIDER_ID} may not sign contract ${CONTRACT_ID}: debarred until 2027-01-01 for an integrity breach`,
    );
  });

  it('refuses an ineligible provider even without a reason', () => {
    const error = given(contractDecider, history.draft())
      .when(sign(false))
      .thenThrows('provider_ineligible', 'conflict');
    expect(error.message).toContain('no reason was given');
  });

  it('rejects signing a contract that does not exist', () => {
    given(contractDecider, []).when(sign()).thenThrows('contract_not_found', 'not_found');
  });

  it('rejects signing twice', () => {
    const error = given(contractDecider, history.signed()).when(sign()).thenThrows('contract_not_draft', 'conflict');
    expect(error.message).toBe(`Contract ${CONTRACT_ID} is signed; signing needs a contract that is draft`);
  });
});

describe('ActivateContract', () => {
  const activate = () => command('ActivateContract', {}, OFFICER, ACTIVATED_AT);

  it('activates a signed contract', () => {
    const state = given(contractDecider, history.signed()).when(activate()).then([activated()]);
    expect(contractOf(state)).toMatchObject({ status: 'active', activatedAt: ACTIVATED_AT, signedBy: DIRECTOR });
  });

  it('rejects activating an unsigned draft', () => {
    given(contractDecider, history.draft()).when(activate()).thenThrows('contract_not_signed', 'conflict');
  });
});

describe('SuspendContract and ResumeContract', () => {
  const suspend = (reason = 'Provider under investigation') => command('SuspendContract', { reason }, DIRECTOR);

  it('suspends an active contract with a reason', () => {
    const state = given(contractDecider, history.active())
      .when(suspend())
      .then([
        {
          type: 'ContractSuspended',
          data: {
            contractId: CONTRACT_ID,
            reason: 'Provider under investigation',
            suspendedBy: DIRECTOR,
            suspendedAt: NOW,
          },
        },
      ]);
    expect(contractOf(state)).toMatchObject({ status: 'suspended', suspensionReason: 'Provider under investigation' });
  });

  it('rejects a suspension without a reason', () => {
    given(contractDecider, history.active()).when(suspend('')).thenThrows('text_required', 'invalid');
  });

  it('rejects suspending a suspended contract', () => {
    given(contractDecider, history.suspended()).when(suspend()).thenThrows('contract_not_active', 'conflict');
  });

  it('resumes a suspended contract and forgets the suspension', () => {
    const state = given(contractDecider, history.suspended())
      .when(command('ResumeContract', {}, DIRECTOR))
      .then([{ type: 'ContractResumed', data: { contractId: CONTRACT_ID, resumedBy: DIRECTOR, resumedAt: NOW } }]);
    expect(contractOf(state).status).toBe('active');
    expect(contractOf(state)).not.toHaveProperty('suspensionReason');
    expect(contractOf(state)).toMatchObject({ activatedAt: ACTIVATED_AT });
  });

  it('rejects resuming an active contract', () => {
    given(contractDecider, history.active())
      .when(command('ResumeContract', {}))
      .thenThrows('contract_not_suspended', 'conflict');
  });
});

describe('AmendContract', () => {
  const amend = (changes: object, amendmentId = 'AM-1', rationale = 'Fleet grew by four vehicles') =>
    command('AmendContract', { amendmentId, rationale, changes });

  it('amends an active contract as version 1 and applies the changes', () => {
    const changes = { monthlyCharge: fen(1_100_000), totalValue: fen(13_200_000), periodEnd: '2026-03-31' };
    const state = given(contractDecider, history.active())
      .when(amend(changes))
      .then([
        {
          type: 'ContractAmended',
          data: {
            contractId: CONTRACT_ID,
            amendmentId: 'AM-1',
            version: 1,
            rationale: 'Fleet grew by four vehicles',
            changes,
            amendedBy: OFFICER,
            amendedAt: NOW,
          },
        },
      ]);
    expect(contractOf(state)).toMatchObject({
      monthlyCharge: fen(1_100_000),
      totalValue: fen(13_200_000),
      period: { start: '2025-01-01', end: '2026-03-31' },
      amendments: [{ amendmentId: 'AM-1', version: 1, amendedBy: OFFICER }],
    });
  });

  it('numbers the next amendment 2 and replaces the SLA schedule', () => {
    const slas = [AVAILABILITY, { ...RESPONSE, target: 3 }];
    const base = after(history.active(), amend({ monthlyCharge: fen(1_100_000) }));
    const [event] = contractDecider.decide(amend({ slas }, 'AM-2', 'Tighter response'), stateOf(base));
    expect(event).toMatchObject({
      type: 'ContractAmended',
      data: { amendmentId: 'AM-2', version: 2, changes: { slas } },
    });
    const state = contractOf(stateOf([...base, event]));
    expect(state.slas[1].target).toBe(3);
    expect(state.amendments.map((a) => a.version)).toEqual([1, 2]);
  });

  it.each(['draft', 'signed', 'suspended'] as const)('amends a %s contract', (status) => {
    const [event] = contractDecider.decide(amend({ totalValue: fen(1) }), stateOf(history[status]()));
    expect(event.type).toBe('ContractAmended');
  });

  it('rejects amending an expired contract', () => {
    given(contractDecider, history.expired())
      .when(amend({ totalValue: fen(1) }))
      .thenThrows('contract_not_amendable', 'conflict');
  });

  it.each<[string, object, ContractErrorCode]>([
    ['that changes nothing', {}, 'empty_amendment'],
    ['in another currency', { monthlyCharge: { amountMinor: 1, currency: 'USD' } }, 'currency_mismatch'],
    ['with an impossible end date', { periodEnd: '2025-13-01' }, 'invalid_date'],
    ['ending before the start', { periodEnd: '2024-12-31' }, 'period_end_not_after_start'],
    ['with an invalid SLA', { slas: [{ ...AVAILABILITY, weight: -1 }] }, 'invalid_weight'],
    ['with an SLA target outside its unit', { slas: [{ ...AVAILABILITY, target: 1e308 }] }, 'out_of_unit_range'],
  ])('rejects an amendment %s', (_name, changes, code) => {
    given(contractDecider, history.active()).when(amend(changes)).thenThrows(code, 'invalid');
  });

  it.each([
    ['an amendment id', '', 'Fleet grew'],
    ['a rationale', 'AM-1', ' '],
  ])('rejects an amendment without %s', (_name, amendmentId, rationale) => {
    given(contractDecider, history.active())
      .when(amend({ totalValue: fen(1) }, amendmentId, rationale))
      .thenThrows('text_required', 'invalid');
  });

  it('rejects an amendment id used before', () => {
    given(contractDecider, after(history.active(), amend({ totalValue: fen(1) })))
      .when(amend({ totalValue: fen(2) }))
      .thenThrows('duplicate_amendment', 'conflict');
  });

  it('rejects moving the end before a month that holds measurements', () => {
    const error = given(contractDecider, after(history.active(), measure(AVAILABILITY.slaId, '2025-05', 96)))
      .when(amend({ periodEnd: '2025-04-30' }))
      .thenThrows('period_end_before_recorded_period', 'conflict');
    expect(error.message).toBe(
      'The period cannot end on 2025-04-30: period 2025-05 already holds measurements or an invoice',
    );
  });

  it('rejects removing an SLA that has measurements', () => {
    given(contractDecider, after(history.active(), measure(RESPONSE.slaId, '2025-05', 3)))
      .when(amend({ slas: [AVAILABILITY] }))
      .thenThrows('measured_sla_removed', 'conflict');
  });
});

describe('RenewContract', () => {
  const renew = (newEnd = '2026-12-31', rationale = 'Good performance; option year taken') =>
    command('RenewContract', { newEnd, rationale }, DIRECTOR);

  it('extends the period of an active contract', () => {
    const state = given(contractDecider, history.active())
      .when(renew())
      .then([
        {
          type: 'ContractRenewed',
          data: {
            contractId: CONTRACT_ID,
            previousEnd: '2025-12-31',
            newEnd: '2026-12-31',
            rationale: 'Good performance; option year taken',
            renewedBy: DIRECTOR,
            renewedAt: NOW,
          },
        },
      ]);
    expect(contractOf(state).period).toEqual({ start: '2025-01-01', end: '2026-12-31' });
    expect(contractOf(state).renewals).toHaveLength(1);
  });

  it.each<[string, string, ContractErrorCode]>([
    ['an end that is not later', '2025-12-31', 'renewal_not_later'],
    ['an impossible date', '2026-02-29', 'invalid_date'],
  ])('rejects %s', (_name, newEnd, code) => {
    given(contractDecider, history.active()).when(renew(newEnd)).thenThrows(code, 'invalid');
  });

  it('rejects a renewal without a rationale', () => {
    given(contractDecider, history.active()).when(renew('2026-12-31', '')).thenThrows('text_required', 'invalid');
  });

  it('rejects renewing a suspended contract', () => {
    given(contractDecider, history.suspended()).when(renew()).thenThrows('contract_not_active', 'conflict');
  });
});

describe('ExpireContract', () => {
  const expire = (at: string) => command('ExpireContract', {}, OFFICER, at);

  it.each(['2025-12-31T23:00:00+08:00', '2026-01-02T09:00:00+08:00'])(
    'expires an active contract on or after its end (%s)',
    (at) => {
      const state = given(contractDecider, history.active())
        .when(expire(at))
        .then([{ type: 'ContractExpired', data: { ...parties, expiredBy: OFFICER, expiredAt: at } }]);
      expect(contractOf(state)).toMatchObject({ status: 'expired', expiredAt: at, activatedAt: ACTIVATED_AT });
    },
  );

  it('expires a suspended contract', () => {
    const [event] = contractDecider.decide(expire('2026-01-02T09:00:00+08:00'), stateOf(history.suspended()));
    expect(event.type).toBe('ContractExpired');
  });

  it('rejects expiry before the end of the period', () => {
    const error = given(contractDecider, history.active()).when(expire(NOW)).thenThrows('period_not_ended', 'conflict');
    expect(error.message).toBe(
      `Contract ${CONTRACT_ID} runs until 2025-12-31; expiry is possible from that date, not on 2025-06-15`,
    );
  });

  it('rejects expiring a contract that never went into service', () => {
    given(contractDecider, history.signed())
      .when(expire('2026-01-02T09:00:00+08:00'))
      .thenThrows('contract_not_in_service', 'conflict');
  });

  it('rejects a command time that is no ISO instant', () => {
    given(contractDecider, history.active()).when(expire('yesterday')).thenThrows('invalid_command_time', 'invalid');
  });
});

describe('TerminateContract', () => {
  const terminate = (reason: string, detail = 'See the board minutes of 2025-06-10', at = NOW) =>
    command('TerminateContract', { reason: reason as 'breach', detail }, DIRECTOR, at);
  const threeCritical = () =>
    after(
      history.active(),
      measure(AVAILABILITY.slaId, '2025-02', 85),
      measure(AVAILABILITY.slaId, '2025-03', 80),
      measure(RESPONSE.slaId, '2025-03', 9),
    );

  it('terminates for convenience', () => {
    const state = given(contractDecider, history.active())
      .when(terminate('convenience'))
      .then([
        {
          type: 'ContractTerminated',
          data: {
            ...parties,
            reason: 'convenience',
            detail: 'See the board minutes of 2025-06-10',
            unitRoute: 'retender',
            terminatedBy: DIRECTOR,
            terminatedAt: NOW,
          },
        },
      ]);
    expect(contractOf(state)).toMatchObject({
      status: 'terminated',
      terminationReason: 'convenience',
      terminatedBy: DIRECTOR,
    });
  });

  it('records that the unit goes back in-house when the termination says so', () => {
    const [event] = contractDecider.decide(
      { ...terminate('convenience'), data: { ...terminate('convenience').data, unitRoute: 'insource' } },
      stateOf(history.active()),
    );
    expect(event).toMatchObject({ type: 'ContractTerminated', data: { unitRoute: 'insource' } });
  });

  it('rejects an unknown route for the unit', () => {
    given(contractDecider, history.active())
      .when({ ...terminate('convenience'), data: { ...terminate('convenience').data, unitRoute: 'sell' as never } })
      .thenThrows('invalid_choice', 'invalid');
  });

  it('terminates a suspended contract of a debarred provider', () => {
    const [event] = contractDecider.decide(terminate('provider_debarred'), stateOf(history.suspended()));
    expect(event).toMatchObject({ type: 'ContractTerminated', data: { reason: 'provider_debarred' } });
  });

  it('terminates for breach once the rule (3 critical breaches in 12 months) is met', () => {
    const [event] = contractDecider.decide(terminate('breach'), stateOf(threeCritical()));
    expect(event).toMatchObject({ type: 'ContractTerminated', data: { reason: 'breach' } });
  });

  it('rejects termination for breach below the rule, saying the count and the rule', () => {
    const history2 = after(threeCritical(), correct(AVAILABILITY.slaId, '2025-03', 96));
    const error = given(contractDecider, history2)
      .when(terminate('breach'))
      .thenThrows('termination_rule_not_met', 'conflict');
    expect(error.message).toBe(
      'Termination for breach needs at least 3 critical breaches within the last 12 periods (2024-07 to 2025-06); found 2',
    );
    expect(error.details).toMatchObject({ criticalBreachesAllowed: 3, windowMonths: 12, criticalBreaches: 2 });
  });

  it('counts only the window: the same breaches are too old a year later', () => {
    const longer = after(
      history.active({ period: { start: '2025-01-01', end: '2026-12-31' } }),
      measure(AVAILABILITY.slaId, '2025-02', 85),
      measure(AVAILABILITY.slaId, '2025-03', 80),
      measure(RESPONSE.slaId, '2025-03', 9),
    );
    const error = given(contractDecider, longer)
      .when(terminate('breach', 'Repeated failures', '2026-03-01T09:00:00+08:00'))
      .thenThrows('termination_rule_not_met');
    expect(error.message).toContain('(2025-04 to 2026-03); found 0');
  });

  it('applies a contract-specific rule (1 in 3)', () => {
    const strict = after(
      history.active({ terminationRule: { criticalBreachesAllowed: 1, windowMonths: 3 } }),
      measure(AVAILABILITY.slaId, '2025-04', 85),
    );
    const [event] = contractDecider.decide(terminate('breach'), stateOf(strict));
    expect(event.type).toBe('ContractTerminated');
  });

  it('terminates for expiry only from the end of the period', () => {
    given(contractDecider, history.active()).when(terminate('expiry')).thenThrows('period_not_ended', 'conflict');
    const [event] = contractDecider.decide(
      terminate('expiry', 'Term ended', '2025-12-31T12:00:00+08:00'),
      stateOf(history.active()),
    );
    expect(event).toMatchObject({ data: { reason: 'expiry' } });
  });

  it('rejects an unknown reason', () => {
    given(contractDecider, history.active()).when(terminate('boredom')).thenThrows('invalid_choice', 'invalid');
  });

  it('rejects a termination without detail', () => {
    given(contractDecider, history.active()).when(terminate('convenience', '')).thenThrows('text_required', 'invalid');
  });

  it('rejects terminating a draft', () => {
    given(contractDecider, history.draft())
      .when(terminate('convenience'))
      .thenThrows('contract_not_in_service', 'conflict');
  });

  it('rejects terminating an already terminated contract', () => {
    given(contractDecider, history.terminated())
      .when(terminate('convenience'))
      .thenThrows('contract_not_in_service', 'conflict');
  });
});
