import type {
  ContractActivated,
  ContractAmended,
  ContractExpired,
  ContractSigned,
  ContractTerminated,
  ProcurementRequested,
  ProviderScorecardPublished,
} from '@spinout/domain';
import { FIRST_RATING_SCHEME, ratingOf } from '@spinout/domain';
import { CE_TYPES, type OutboundCeType, type TopicNames } from '../topics';
import type { ContractRefV1, ProcurementRequestedV1, ProviderScorecardPublishedV1 } from './payloads.v1';

/**
 * The mapping from Spinout's internal events to the v1 integration payloads: the one place that
 * decides what the outside world sees. Pure; what an event lacks (the agency of a unit, a
 * contract's parties) is looked up by the caller and passed in.
 */

/** A message ready for Kafka, before headers are written. */
export interface IntegrationMessage {
  readonly topic: string;
  /** The aggregate id: message key and `ce_subject`. */
  readonly key: string;
  readonly type: OutboundCeType;
  readonly payload: object;
}

/** The internal events the relay publishes. */
export type RelayedEvent = ProcurementRequested | ContractLifecycleEvent | ProviderScorecardPublished;

/** The internal event types the relay publishes. */
export const RELAYED_EVENT_TYPES = [
  'ProcurementRequested',
  'ContractSigned',
  'ContractActivated',
  'ContractAmended',
  'ContractTerminated',
  'ContractExpired',
  'ProviderScorecardPublished',
] as const satisfies readonly RelayedEvent['type'][];
export type RelayedEventType = (typeof RELAYED_EVENT_TYPES)[number];

export function procurementRequestedV1(
  event: ProcurementRequested,
  agency: string,
  topics: TopicNames,
): IntegrationMessage {
  const d = event.data;
  const payload: ProcurementRequestedV1 = {
    unitId: d.unitId,
    ocid: d.procurementId,
    description: d.description,
    category: d.category,
    estimatedValue: { amountMinor: d.estimatedValue.amountMinor, currency: d.estimatedValue.currency },
    agency,
    requestedAt: d.requestedAt,
  };
  return { topic: topics.procurementRequests, key: d.unitId, type: CE_TYPES.procurementRequested, payload };
}

export type ContractLifecycleEvent =
  ContractSigned | ContractActivated | ContractAmended | ContractTerminated | ContractExpired;

export function contractLifecycleV1(
  event: ContractLifecycleEvent,
  ref: ContractRefV1,
  topics: TopicNames,
): IntegrationMessage {
  const message = (type: OutboundCeType, payload: object): IntegrationMessage => ({
    topic: topics.contracts,
    key: ref.contractId,
    type,
    payload,
  });
  const base = {
    contractId: ref.contractId,
    unitId: ref.unitId,
    providerId: ref.providerId,
    agency: ref.agency,
    ocid: ref.ocid,
    awardId: ref.awardId,
  };
  switch (event.type) {
    case 'ContractSigned':
      return message(CE_TYPES.contractSigned, { ...base, signedAt: event.data.signedAt });
    case 'ContractActivated':
      return message(CE_TYPES.contractActivated, {
        ...base,
        period: { start: event.data.period.start, end: event.data.period.end },
        activatedAt: event.data.activatedAt,
      });
    case 'ContractAmended': {
      const { changes } = event.data;
      return message(CE_TYPES.contractAmended, {
        ...base,
        amendmentId: event.data.amendmentId,
        version: event.data.version,
        rationale: event.data.rationale,
        changes: {
          ...(changes.totalValue
            ? { totalValue: { amountMinor: changes.totalValue.amountMinor, currency: changes.totalValue.currency } }
            : {}),
          ...(changes.periodEnd ? { periodEnd: changes.periodEnd } : {}),
          ...(changes.monthlyCharge
            ? {
                monthlyCharge: {
                  amountMinor: changes.monthlyCharge.amountMinor,
                  currency: changes.monthlyCharge.currency,
                },
              }
            : {}),
          ...(changes.slas ? { slaIds: changes.slas.map((sla) => sla.slaId) } : {}),
        },
        amendedAt: event.data.amendedAt,
      });
    }
    case 'ContractTerminated':
      return message(CE_TYPES.contractTerminated, {
        ...base,
        reason: event.data.reason,
        detail: event.data.detail,
        unitRoute: event.data.unitRoute ?? 'retender',
        terminatedAt: event.data.terminatedAt,
      });
    case 'ContractExpired':
      return message(CE_TYPES.contractExpired, { ...base, expiredAt: event.data.expiredAt });
  }
}

export function providerScorecardPublishedV1(
  event: ProviderScorecardPublished,
  topics: TopicNames,
): IntegrationMessage {
  const d = event.data;
  const payload: ProviderScorecardPublishedV1 = {
    providerId: d.providerId,
    period: d.period,
    revision: d.revision,
    score: d.score,
    rating: ratingOf('uk_procurement_act', d.score),
    grade: { scheme: d.ratingScheme ?? FIRST_RATING_SCHEME, code: d.rating },
    measurements: d.measurements,
    contracts: d.contracts,
    breaches: d.breaches,
    criticalBreaches: d.criticalBreaches,
    serviceCredits: d.serviceCredits.map((credit) => ({ amountMinor: credit.amountMinor, currency: credit.currency })),
    contractScores: d.contractScores.map((c) => ({
      contractId: c.contractId,
      score: c.score,
      measurements: c.measurements,
    })),
    publishedAt: d.publishedAt,
  };
  return { topic: topics.providerPerformance, key: d.providerId, type: CE_TYPES.providerScorecardPublished, payload };
}
