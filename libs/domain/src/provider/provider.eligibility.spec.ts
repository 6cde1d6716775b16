import { fold } from '../shared';
import { providerDecider } from './provider.decider';
import { providerEligibility } from './provider.eligibility';
import { debarred, registered, suspended } from './provider.fixtures';

describe('providerEligibility', () => {
  it('finds an active provider eligible', () => {
    expect(providerEligibility(fold(providerDecider, [registered()]), '2025-06-02')).toEqual({ eligible: true });
  });

  it('finds an unregistered provider not eligible', () => {
    expect(providerEligibility(providerDecider.initialState, '2025-06-02')).toEqual({
      eligible: false,
      reason: 'Provider is not registered',
    });
  });

  it.each(['2025-06-02', '2025-06-30'])(
    'finds a suspended provider not eligible on %s (up to and including the until-date)',
    (day) => {
      expect(providerEligibility(fold(providerDecider, [registered(), suspended('2025-06-30')]), day)).toEqual({
        eligible: false,
        reason: 'Provider is suspended until 2025-06-30: Food safety inspection failed',
      });
    },
  );

  it('finds a provider eligible again once the suspension has lapsed', () => {
    expect(providerEligibility(fold(providerDecider, [registered(), suspended('2025-06-30')]), '2025-07-01')).toEqual({
      eligible: true,
    });
  });

  it('finds a debarred provider never eligible', () => {
    expect(providerEligibility(fold(providerDecider, [registered(), debarred]), '2035-01-01')).toEqual({
      eligible: false,
      reason: 'Provider was debarred on 2025-05-15: Bid rigging established by the audit office',
    });
  });

  it('accepts an ISO instant and uses its date', () => {
    const state = fold(providerDecider, [registered(), suspended('2025-06-30')]);
    expect(providerEligibility(state, '2025-06-30T23:59:00+08:00').eligible).toBe(false);
    expect(providerEligibility(state, '2025-07-01T00:01:00+08:00').eligible).toBe(true);
  });

  it('rejects a date it cannot read', () => {
    expect(() => providerEligibility(fold(providerDecider, [registered()]), 'tomorrow')).toThrow(
      expect.objectContaining({ code: 'invalid_date', kind: 'invalid' }),
    );
  });
});
