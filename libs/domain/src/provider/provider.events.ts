import { streamIdOf, type Message } from '../shared';
import type { ServiceCategory } from '../service-unit/service-unit.values';
import type { ProviderContact } from './provider.commands';

/** Events of a provider stream; the type strings are stored and stable forever. */
export type ProviderRegistered = Message<
  'ProviderRegistered',
  {
    readonly providerId: string;
    readonly name: string;
    /** Canonical (upper-case, validated) unified social credit code. */
    readonly creditCode: string;
    readonly serviceCategories: readonly ServiceCategory[];
    readonly contact: ProviderContact;
    readonly predecessorUnitId: string | null;
    readonly registeredAt: string;
    readonly registeredBy: string;
  }
>;
export type ProviderSuspended = Message<
  'ProviderSuspended',
  {
    readonly providerId: string;
    readonly until: string;
    readonly reason: string;
    /** The until-date this suspension replaces when it extends or shortens one in force. */
    readonly previousUntil: string | null;
    readonly suspendedAt: string;
    readonly suspendedBy: string;
  }
>;
export type ProviderReinstated = Message<
  'ProviderReinstated',
  { readonly providerId: string; readonly reason: string; readonly reinstatedAt: string; readonly reinstatedBy: string }
>;
export type ProviderDebarred = Message<
  'ProviderDebarred',
  { readonly providerId: string; readonly reason: string; readonly debarredAt: string; readonly debarredBy: string }
>;

export type ProviderEvent = ProviderRegistered | ProviderSuspended | ProviderReinstated | ProviderDebarred;
export type ProviderEventType = ProviderEvent['type'];

/** Keyed by every event type, so the compiler rejects a list that misses one. */
const EVENT_TYPES: { readonly [T in ProviderEventType]: true } = {
  ProviderRegistered: true,
  ProviderSuspended: true,
  ProviderReinstated: true,
  ProviderDebarred: true,
};

/** Every event type of a provider stream. */
export const PROVIDER_EVENT_TYPES = Object.freeze(Object.keys(EVENT_TYPES) as ProviderEventType[]);

/** The event-store stream of one provider. */
export const providerStreamId = (providerId: string): string => streamIdOf('provider', providerId);
