import { assertNever, type Decider, firstDuplicate } from '../shared';
import { SERVICE_CATEGORIES } from '../service-unit/service-unit.values';
import type {
  DebarProvider,
  ProviderCommand,
  ProviderContact,
  RegisterProvider,
  ReinstateProvider,
  SuspendProvider,
} from './provider.commands';
import {
  commandDate,
  conflict,
  invalid,
  notFound,
  PROVIDER_ERROR_CODES,
  requireCalendarDate,
  requireOneOf,
  requireText,
  type ProviderErrorCode,
} from './provider.errors';
import { PROVIDER_EVENT_TYPES, type ProviderEvent } from './provider.events';
import { initialProviderState, type ProviderState, type RegisteredProvider } from './provider.state';
import { parseUnifiedSocialCreditCode } from './unified-social-credit-code';

/*
 * A provider: registered legal entity that can be suspended (until a date) or debarred.
 *
 * Decisions recorded here:
 * 1. Debarment is final: a debarred provider is never suspended, reinstated or debarred again.
 * 2. Suspending a provider that is already suspended replaces the until-date (an extension or
 *    a shortening); the event names the until-date it replaces, so nothing is silently lost.
 * 3. `until` is the last day of the suspension and must lie after the command's date; dates
 *    are compared as calendar dates (the command's date is the date part of its ISO time).
 * 4. Uniqueness of the credit code across providers and the link to a spun-off unit are
 *    checked by the application layer, which can read other streams.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,19}$/;

function validContact(contact: ProviderContact | undefined): ProviderContact {
  if (typeof contact !== 'object' || contact === null) {
    throw invalid('invalid_contact', 'contact must be an object with optional email, phone and name', {
      field: 'contact',
    });
  }
  // JSON clients send null for "not given"; treat it like an absent field.
  const email = contact.email ?? undefined;
  const phone = contact.phone ?? undefined;
  const name = contact.name ?? undefined;
  if (email !== undefined && (typeof email !== 'string' || !EMAIL.test(email))) {
    throw invalid('invalid_email', `contact.email "${String(email)}" is not an e-mail address`, {
      field: 'contact.email',
    });
  }
  if (phone !== undefined && (typeof phone !== 'string' || !PHONE.test(phone))) {
    throw invalid('invalid_phone', `contact.phone "${String(phone)}" is not a phone number (digits, spaces, + ( ) -)`, {
      field: 'contact.phone',
    });
  }
  if (name !== undefined) requireText(name, 'contact.name', 'name_required');
  return {
    ...(email !== undefined && { email }),
    ...(phone !== undefined && { phone }),
    ...(name !== undefined && { name }),
  };
}

function decideRegister(command: RegisterProvider, state: ProviderState): ProviderEvent[] {
  if (state.status !== 'not_registered') {
    throw conflict('provider_already_registered', `Provider ${state.providerId} is already registered`, {
      providerId: state.providerId,
    });
  }
  const d = command.data;
  const providerId = requireText(d.providerId, 'providerId', 'provider_id_required');
  const name = requireText(d.name, 'name', 'name_required');
  const creditCode = parseUnifiedSocialCreditCode(d.creditCode);
  if (!Array.isArray(d.serviceCategories) || d.serviceCategories.length === 0) {
    throw invalid('service_categories_required', 'A provider must offer at least one service category', {
      field: 'serviceCategories',
    });
  }
  const serviceCategories = d.serviceCategories.map((category) =>
    requireOneOf(category, SERVICE_CATEGORIES, 'serviceCategories', 'invalid_service_categories'),
  );
  const duplicate = firstDuplicate(serviceCategories);
  if (duplicate !== undefined) {
    throw invalid('duplicate_service_category', `Service category ${duplicate} is listed more than once`, {
      field: 'serviceCategories',
    });
  }
  return [
    {
      type: 'ProviderRegistered',
      data: {
        providerId,
        name,
        creditCode,
        serviceCategories,
        contact: validContact(d.contact),
        predecessorUnitId:
          d.predecessorUnitId == null
            ? null
            : requireText(d.predecessorUnitId, 'predecessorUnitId', 'predecessor_unit_id_required'),
        registeredAt: command.at,
        registeredBy: command.actor,
      },
    },
  ];
}

function requireNotDebarred(provider: RegisteredProvider, action: string): void {
  if (provider.status === 'debarred') {
    throw conflict(
      'provider_debarred',
      `Provider ${provider.providerId} was debarred on ${provider.debarment.debarredAt.slice(0, 10)} and debarment is final; it cannot be ${action}`,
      { providerId: provider.providerId },
    );
  }
}

function decideSuspend(command: SuspendProvider, provider: RegisteredProvider): ProviderEvent[] {
  requireNotDebarred(provider, 'suspended');
  const today = commandDate(command.at);
  const until = requireCalendarDate(command.data.until, 'until');
  if (until <= today) {
    throw invalid('invalid_suspension_end', `A suspension must run until a date after ${today}; got ${until}`, {
      field: 'until',
    });
  }
  const previousUntil =
    provider.status === 'suspended' && provider.suspension.until >= today ? provider.suspension.until : null;
  return [
    {
      type: 'ProviderSuspended',
      data: {
        providerId: provider.providerId,
        until,
        reason: requireText(command.data.reason, 'reason', 'reason_required'),
        previousUntil,
        suspendedAt: command.at,
        suspendedBy: command.actor,
      },
    },
  ];
}

function decideReinstate(command: ReinstateProvider, provider: RegisteredProvider): ProviderEvent[] {
  requireNotDebarred(provider, 'reinstated');
  if (provider.status !== 'suspended') {
    throw conflict(
      'provider_not_suspended',
      `Only a suspended provider can be reinstated; provider is ${provider.status}`,
      {
        currentStatus: provider.status,
      },
    );
  }
  return [
    {
      type: 'ProviderReinstated',
      data: {
        providerId: provider.providerId,
        reason: requireText(command.data.reason, 'reason', 'reason_required'),
        reinstatedAt: command.at,
        reinstatedBy: command.actor,
      },
    },
  ];
}

function decideDebar(command: DebarProvider, provider: RegisteredProvider): ProviderEvent[] {
  if (provider.status === 'debarred') {
    throw conflict('provider_already_debarred', `Provider ${provider.providerId} is already debarred`, {
      providerId: provider.providerId,
    });
  }
  return [
    {
      type: 'ProviderDebarred',
      data: {
        providerId: provider.providerId,
        reason: requireText(command.data.reason, 'reason', 'reason_required'),
        debarredAt: command.at,
        debarredBy: command.actor,
      },
    },
  ];
}

export function decideProvider(command: ProviderCommand, state: ProviderState): ProviderEvent[] {
  if (command.type === 'RegisterProvider') return decideRegister(command, state);
  if (state.status === 'not_registered') {
    throw notFound('provider_not_found', `Provider is not registered; register it before ${command.type}`);
  }
  switch (command.type) {
    case 'SuspendProvider':
      return decideSuspend(command, state);
    case 'ReinstateProvider':
      return decideReinstate(command, state);
    case 'DebarProvider':
      return decideDebar(command, state);
    default:
      return assertNever(command);
  }
}

export function evolveProvider(state: ProviderState, event: ProviderEvent): ProviderState {
  switch (event.type) {
    case 'ProviderRegistered': {
      const { registeredBy: _by, ...profile } = event.data;
      return { status: 'active', ...profile };
    }
    case 'ProviderSuspended': {
      if (state.status === 'not_registered') return state;
      const { until, reason, suspendedAt } = event.data;
      return { ...profileOf(state), status: 'suspended', suspension: { until, reason, suspendedAt } };
    }
    case 'ProviderReinstated':
      return state.status === 'not_registered' ? state : { ...profileOf(state), status: 'active' };
    case 'ProviderDebarred': {
      if (state.status === 'not_registered') return state;
      const { reason, debarredAt } = event.data;
      return { ...profileOf(state), status: 'debarred', debarment: { reason, debarredAt } };
    }
    default:
      return assertNever(event);
  }
}

/** The registered profile without the status-specific parts, to rebuild a union member. */
function profileOf(provider: RegisteredProvider) {
  const { providerId, name, creditCode, serviceCategories, contact, predecessorUnitId, registeredAt } = provider;
  return { providerId, name, creditCode, serviceCategories, contact, predecessorUnitId, registeredAt };
}

export const providerDecider: Decider<ProviderCommand, ProviderEvent, ProviderState, ProviderErrorCode> = {
  initialState: initialProviderState,
  eventTypes: PROVIDER_EVENT_TYPES,
  evolve: evolveProvider,
  decide: decideProvider,
  errorCodes: PROVIDER_ERROR_CODES,
};
