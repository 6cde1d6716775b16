import { isCalendarDate } from '../shared';
import { invalid } from './provider.errors';
import type { ProviderState } from './provider.state';

export type ProviderEligibility = { readonly eligible: true } | { readonly eligible: false; readonly reason: string };

/**
 * Whether a provider may be awarded a contract or sign one on a given day. Suspended
 * providers are ineligible up to and including their until-date; after it the suspension has
 * lapsed. Debarred providers are never eligible.
 *
 * @param onDate a calendar date (YYYY-MM-DD) or an ISO 8601 instant, whose date part is used
 */
export function providerEligibility(state: ProviderState, onDate: string): ProviderEligibility {
  const day = typeof onDate === 'string' ? onDate.slice(0, 10) : '';
  if (!isCalendarDate(day)) {
    throw invalid('invalid_date', `onDate must be a calendar date written YYYY-MM-DD; got "${String(onDate)}"`, {
      field: 'onDate',
    });
  }
  switch (state.status) {
    case 'not_registered':
      return { eligible: false, reason: 'Provider is not registered' };
    case 'active':
      return { eligible: true };
    case 'suspended':
      return state.suspension.until >= day
        ? {
            eligible: false,
            reason: `Provider is suspended until ${state.suspension.until}: ${state.suspension.reason}`,
          }
        : { eligible: true };
    case 'debarred':
      return {
        eligible: false,
        reason: `Provider was debarred on ${state.debarment.debarredAt.slice(0, 10)}: ${state.debarment.reason}`,
      };
  }
}
