import type { ServiceCategory } from '../service-unit/service-unit.values';
import type { ProviderContact } from './provider.commands';

export interface ProviderProfile {
  readonly providerId: string;
  readonly name: string;
  readonly creditCode: string;
  readonly serviceCategories: readonly ServiceCategory[];
  readonly contact: ProviderContact;
  readonly predecessorUnitId: string | null;
  readonly registeredAt: string;
}

export interface ProviderSuspension {
  /** Last day of the suspension; from the day after, it has lapsed. */
  readonly until: string;
  readonly reason: string;
  readonly suspendedAt: string;
}

export interface ProviderDebarment {
  readonly reason: string;
  readonly debarredAt: string;
}

export type ProviderState =
  | { readonly status: 'not_registered' }
  | (ProviderProfile & { readonly status: 'active' })
  /** A suspension stays in the state after it lapses (no clock here); see `providerEligibility`. */
  | (ProviderProfile & { readonly status: 'suspended'; readonly suspension: ProviderSuspension })
  | (ProviderProfile & { readonly status: 'debarred'; readonly debarment: ProviderDebarment });

export type RegisteredProvider = Exclude<ProviderState, { status: 'not_registered' }>;

export const initialProviderState: ProviderState = { status: 'not_registered' };
