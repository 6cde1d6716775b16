/** Builders for provider specs. Actors are principals (role accounts), never staff names. */
import type { Command, DataOf } from '../shared';
import type { ProviderCommand } from './provider.commands';
import type { ProviderEvent } from './provider.events';

export const PROVIDER_ID = 'provider-1';
export const OFFICER = 'user:procurement-officer-1';
export const NOW = '2025-06-02T10:00:00+08:00';

/** A command of type `T`: for each `T` it is that member of `ProviderCommand`. */
export function command<T extends ProviderCommand['type']>(
  type: T,
  data: DataOf<ProviderCommand, T>,
  actor: string = OFFICER,
  at: string = NOW,
): Command<T, DataOf<ProviderCommand, T>> {
  return { type, data, actor, at };
}

export const registered = (
  overrides: Partial<Extract<ProviderEvent, { type: 'ProviderRegistered' }>['data']> = {},
): ProviderEvent => ({
  type: 'ProviderRegistered',
  data: {
    providerId: PROVIDER_ID,
    name: 'Lingnan Catering Services Co., Ltd.',
    creditCode: '91440300093677087R',
    serviceCategories: ['canteen', 'cleaning'],
    contact: { email: 'tenders@lingnan-catering.example', phone: '+86 755 8888 0000' },
    predecessorUnitId: null,
    registeredAt: '2025-01-06T09:00:00+08:00',
    registeredBy: OFFICER,
    ...overrides,
  },
});

export const suspended = (until = '2025-06-30', suspendedAt = '2025-05-01T09:00:00+08:00'): ProviderEvent => ({
  type: 'ProviderSuspended',
  data: {
    providerId: PROVIDER_ID,
    until,
    reason: 'Food safety inspection failed',
    previousUntil: null,
    suspendedAt,
    suspendedBy: OFFICER,
  },
});

export const debarred: ProviderEvent = {
  type: 'ProviderDebarred',
  data: {
    providerId: PROVIDER_ID,
    reason: 'Bid rigging established by the audit office',
    debarredAt: '2025-05-15T09:00:00+08:00',
    debarredBy: OFFICER,
  },
};
