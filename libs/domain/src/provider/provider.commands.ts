import type { Command } from '../shared';
import type { ServiceCategory } from '../service-unit/service-unit.values';

/** How to reach the provider. A named contact person is business data, not staff data. */
export interface ProviderContact {
  readonly email?: string;
  readonly phone?: string;
  readonly name?: string;
}

export type RegisterProvider = Command<
  'RegisterProvider',
  {
    readonly providerId: string;
    readonly name: string;
    /** Unified social credit code; lower case is accepted and stored upper-cased. */
    readonly creditCode: string;
    readonly serviceCategories: readonly ServiceCategory[];
    readonly contact: ProviderContact;
    /** Set when the provider is a spun-off service unit. */
    readonly predecessorUnitId?: string;
  }
>;

/** `until` is the last day of the suspension (YYYY-MM-DD), after the command's date. */
export type SuspendProvider = Command<'SuspendProvider', { readonly until: string; readonly reason: string }>;
export type ReinstateProvider = Command<'ReinstateProvider', { readonly reason: string }>;
export type DebarProvider = Command<'DebarProvider', { readonly reason: string }>;

export type ProviderCommand = RegisterProvider | SuspendProvider | ReinstateProvider | DebarProvider;
