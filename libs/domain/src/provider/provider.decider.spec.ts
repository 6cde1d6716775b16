import { given } from '../shared/decider.testing';
import { providerDecider } from './provider.decider';
import { PROVIDER_EVENT_TYPES, providerStreamId } from './provider.events';
import { command, debarred, NOW, OFFICER, PROVIDER_ID, registered, suspended } from './provider.fixtures';
import type { ProviderErrorCode } from './provider.errors';

const registerData = {
  providerId: PROVIDER_ID,
  name: 'Lingnan Catering Services Co., Ltd.',
  creditCode: '91440300093677087R',
  serviceCategories: ['canteen', 'cleaning'] as ('canteen' | 'cleaning')[],
  contact: { email: 'tenders@lingnan-catering.example', phone: '+86 755 8888 0000' },
};
// Loosely typed so that specs can send values the API might receive but the type forbids.
const register = (overrides: Record<string, unknown> = {}) =>
  command(
    'RegisterProvider',
    { ...registerData, ...overrides } as typeof registerData,
    OFFICER,
    '2025-01-06T09:00:00+08:00',
  );

describe('RegisterProvider', () => {
  it('registers an active provider', () => {
    const state = given(providerDecider, []).when(register()).then([registered()]);
    expect(state).toEqual({
      status: 'active',
      providerId: PROVIDER_ID,
      name: 'Lingnan Catering Services Co., Ltd.',
      creditCode: '91440300093677087R',
      serviceCategories: ['canteen', 'cleaning'],
      contact: { email: 'tenders@lingnan-catering.example', phone: '+86 755 8888 0000' },
      predecessorUnitId: null,
      registeredAt: '2025-01-06T09:00:00+08:00',
    });
  });

  it('registers a spun-off unit linked to its predecessor, with a contact desk', () => {
    given(providerDecider, [])
      .when(
        register({ predecessorUnitId: 'unit-hq-canteen', contact: { name: 'Tender desk', email: 'desk@example.cn' } }),
      )
      .then([
        registered({
          predecessorUnitId: 'unit-hq-canteen',
          contact: { email: 'desk@example.cn', name: 'Tender desk' },
        }),
      ]);
  });

  it('stores a lower-case credit code in canonical upper case', () => {
    given(providerDecider, [])
      .when(register({ creditCode: '9144030071526726xg' }))
      .then([registered({ creditCode: '9144030071526726XG' })]);
  });

  it('treats null contact fields and predecessor as not given', () => {
    given(providerDecider, [])
      .when(register({ predecessorUnitId: null, contact: { email: null, phone: '+86 755 8888 0000', name: null } }))
      .then([registered({ contact: { phone: '+86 755 8888 0000' } })]);
  });

  it('refuses to register the same provider twice', () => {
    const error = given(providerDecider, [registered()])
      .when(register())
      .thenThrows('provider_already_registered', 'conflict');
    expect(error.message).toBe(`Provider ${PROVIDER_ID} is already registered`);
  });

  it('refuses a mistyped credit code, naming the expected check character', () => {
    const error = given(providerDecider, [])
      .when(register({ creditCode: '91440300093677087X' }))
      .thenThrows('credit_code_check_mismatch', 'invalid');
    expect(error.message).toContain('check character should be R, not X');
    expect(error.details).toMatchObject({ field: 'creditCode', expected: 'R' });
  });

  it.each<[string, string, ProviderErrorCode]>([
    ['an impossible structure with a correct check character', '000000000000000000', 'credit_code_unknown_department'],
    ['a ligature that upper-cases into legal letters', '911100006X\ufb00R97173', 'credit_code_not_ascii'],
  ])('refuses a credit code with %s', (_name, creditCode, code) => {
    given(providerDecider, []).when(register({ creditCode })).thenThrows(code, 'invalid');
  });

  it('refuses a provider without service categories', () => {
    const error = given(providerDecider, [])
      .when(register({ serviceCategories: [] }))
      .thenThrows('service_categories_required', 'invalid');
    expect(error.message).toBe('A provider must offer at least one service category');
  });

  it('refuses a category that is not a unit category', () => {
    const error = given(providerDecider, [])
      .when(register({ serviceCategories: ['canteen', 'catering'] }))
      .thenThrows('invalid_service_categories', 'invalid');
    expect(error.message).toContain('got "catering"');
  });

  it('refuses a category listed twice', () => {
    const error = given(providerDecider, [])
      .when(register({ serviceCategories: ['canteen', 'canteen'] }))
      .thenThrows('duplicate_service_category', 'invalid');
    expect(error.message).toBe('Service category canteen is listed more than once');
  });

  it.each<[string, Record<string, unknown>, ProviderErrorCode]>([
    ['provider id', { providerId: '' }, 'provider_id_required'],
    ['name', { name: ' ' }, 'name_required'],
    ['contact', { contact: null }, 'invalid_contact'],
    ['e-mail', { contact: { email: 'tenders at example' } }, 'invalid_email'],
    ['phone', { contact: { phone: 'call us' } }, 'invalid_phone'],
    ['contact name', { contact: { name: '' } }, 'name_required'],
    ['predecessor', { predecessorUnitId: '' }, 'predecessor_unit_id_required'],
  ])('refuses an invalid %s', (_what, overrides, code) => {
    given(providerDecider, []).when(register(overrides)).thenThrows(code, 'invalid');
  });
});

describe('SuspendProvider', () => {
  const suspend = (until = '2025-06-30', reason = 'Food safety inspection failed') =>
    command('SuspendProvider', { until, reason });

  it('suspends an active provider until a later date', () => {
    const state = given(providerDecider, [registered()])
      .when(suspend())
      .then([
        {
          type: 'ProviderSuspended',
          data: {
            providerId: PROVIDER_ID,
            until: '2025-06-30',
            reason: 'Food safety inspection failed',
            previousUntil: null,
            suspendedAt: NOW,
            suspendedBy: OFFICER,
          },
        },
      ]);
    expect(state).toMatchObject({
      status: 'suspended',
      suspension: { until: '2025-06-30', reason: 'Food safety inspection failed', suspendedAt: NOW },
    });
  });

  it('extends a suspension in force, recording the until-date it replaces', () => {
    given(providerDecider, [registered(), suspended('2025-06-30')])
      .when(suspend('2025-09-30', 'Second inspection failed'))
      .then([
        {
          type: 'ProviderSuspended',
          data: {
            providerId: PROVIDER_ID,
            until: '2025-09-30',
            reason: 'Second inspection failed',
            previousUntil: '2025-06-30',
            suspendedAt: NOW,
            suspendedBy: OFFICER,
          },
        },
      ]);
  });

  it('treats a lapsed suspension as nothing to replace', () => {
    given(providerDecider, [registered(), suspended('2025-05-31')])
      .when(suspend('2025-07-31'))
      .then([
        {
          type: 'ProviderSuspended',
          data: {
            providerId: PROVIDER_ID,
            until: '2025-07-31',
            reason: 'Food safety inspection failed',
            previousUntil: null,
            suspendedAt: NOW,
            suspendedBy: OFFICER,
          },
        },
      ]);
  });

  it.each(['2025-06-02', '2025-05-01'])('refuses a suspension ending on or before the command date (%s)', (until) => {
    const error = given(providerDecider, [registered()])
      .when(suspend(until))
      .thenThrows('invalid_suspension_end', 'invalid');
    expect(error.message).toBe(`A suspension must run until a date after 2025-06-02; got ${until}`);
  });

  it('rejects an until-date that is not a calendar date', () => {
    given(providerDecider, [registered()]).when(suspend('2025-06-31')).thenThrows('invalid_date', 'invalid');
  });

  it('rejects a command whose time is not an ISO instant', () => {
    given(providerDecider, [registered()])
      .when(command('SuspendProvider', { until: '2025-06-30', reason: 'x' }, OFFICER, 'yesterday'))
      .thenThrows('invalid_command_time', 'invalid');
  });

  it('rejects a suspension without a reason', () => {
    given(providerDecider, [registered()]).when(suspend('2025-06-30', '')).thenThrows('reason_required', 'invalid');
  });

  it('refuses to suspend a debarred provider', () => {
    const error = given(providerDecider, [registered(), debarred])
      .when(suspend())
      .thenThrows('provider_debarred', 'conflict');
    expect(error.message).toBe(
      `Provider ${PROVIDER_ID} was debarred on 2025-05-15 and debarment is final; it cannot be suspended`,
    );
  });

  it('refuses to suspend an unregistered provider', () => {
    const error = given(providerDecider, []).when(suspend()).thenThrows('provider_not_found', 'not_found');
    expect(error.message).toBe('Provider is not registered; register it before SuspendProvider');
  });
});

describe('ReinstateProvider', () => {
  const reinstate = (reason = 'Re-inspection passed') => command('ReinstateProvider', { reason });

  it('reinstates a suspended provider', () => {
    const state = given(providerDecider, [registered(), suspended()])
      .when(reinstate())
      .then([
        {
          type: 'ProviderReinstated',
          data: { providerId: PROVIDER_ID, reason: 'Re-inspection passed', reinstatedAt: NOW, reinstatedBy: OFFICER },
        },
      ]);
    expect(state).toMatchObject({ status: 'active', creditCode: '91440300093677087R' });
    expect(state).not.toHaveProperty('suspension');
  });

  it('refuses to reinstate a provider that is not suspended', () => {
    const error = given(providerDecider, [registered()])
      .when(reinstate())
      .thenThrows('provider_not_suspended', 'conflict');
    expect(error.message).toBe('Only a suspended provider can be reinstated; provider is active');
    // `status` is a problem+json member, so the detail has a name of its own.
    expect(error.details).toEqual({ currentStatus: 'active' });
  });

  it('refuses to reinstate a debarred provider', () => {
    const error = given(providerDecider, [registered(), suspended(), debarred])
      .when(reinstate())
      .thenThrows('provider_debarred', 'conflict');
    expect(error.message).toContain('debarment is final; it cannot be reinstated');
  });

  it('rejects a reinstatement without a reason', () => {
    given(providerDecider, [registered(), suspended()]).when(reinstate(' ')).thenThrows('reason_required', 'invalid');
  });

  it('refuses to reinstate an unregistered provider', () => {
    given(providerDecider, []).when(reinstate()).thenThrows('provider_not_found', 'not_found');
  });
});

describe('DebarProvider', () => {
  const debar = (reason = 'Bid rigging established by the audit office') => command('DebarProvider', { reason });
  const expected = {
    type: 'ProviderDebarred' as const,
    data: {
      providerId: PROVIDER_ID,
      reason: 'Bid rigging established by the audit office',
      debarredAt: NOW,
      debarredBy: OFFICER,
    },
  };

  it('debars an active provider', () => {
    const state = given(providerDecider, [registered()]).when(debar()).then([expected]);
    expect(state).toMatchObject({
      status: 'debarred',
      debarment: { reason: 'Bid rigging established by the audit office', debarredAt: NOW },
    });
  });

  it('debars a suspended provider', () => {
    const state = given(providerDecider, [registered(), suspended()]).when(debar()).then([expected]);
    expect(state).not.toHaveProperty('suspension');
  });

  it('refuses to debar twice', () => {
    const error = given(providerDecider, [registered(), debarred])
      .when(debar())
      .thenThrows('provider_already_debarred', 'conflict');
    expect(error.message).toBe(`Provider ${PROVIDER_ID} is already debarred`);
  });

  it('rejects a debarment without a reason', () => {
    given(providerDecider, [registered()]).when(debar('')).thenThrows('reason_required', 'invalid');
  });

  it('refuses to debar an unregistered provider', () => {
    given(providerDecider, []).when(debar()).thenThrows('provider_not_found', 'not_found');
  });
});

describe('provider stream conventions', () => {
  it('names the stream provider-<id>', () => {
    expect(providerStreamId('p-7')).toBe('provider-p-7');
  });

  it('lists every event type', () => {
    expect([...PROVIDER_EVENT_TYPES].sort()).toEqual([
      'ProviderDebarred',
      'ProviderRegistered',
      'ProviderReinstated',
      'ProviderSuspended',
    ]);
  });
});
