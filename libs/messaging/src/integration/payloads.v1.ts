import type { Money } from '@spinout/domain';

/**
 * Version 1 of the integration payloads: the shapes other systems rely on. They are written for
 * them, not copied from Spinout's internal events, so the domain can change its events (with
 * upcasters) without breaking a consumer. Field names follow OCDS where one exists (`ocid`).
 */

export interface ProcurementRequestedV1 {
  readonly unitId: string;
  readonly ocid: string;
  readonly description: string;
  readonly category: string;
  readonly estimatedValue: Money;
  /** The buyer (OCDS `buyer`): the agency whose service unit is tendered. */
  readonly agency: string;
  readonly requestedAt: string;
}

/** Who and what every contract message is about. */
export interface ContractRefV1 {
  readonly contractId: string;
  readonly unitId: string;
  readonly providerId: string;
  readonly agency: string;
  readonly ocid: string;
  readonly awardId: string;
}

export interface ContractSignedV1 extends ContractRefV1 {
  readonly signedAt: string;
}
export interface ContractActivatedV1 extends ContractRefV1 {
  readonly period: { readonly start: string; readonly end: string };
  readonly activatedAt: string;
}
export interface ContractAmendedV1 extends ContractRefV1 {
  readonly amendmentId: string;
  readonly version: number;
  readonly rationale: string;
  readonly changes: {
    readonly totalValue?: Money;
    readonly periodEnd?: string;
    readonly monthlyCharge?: Money;
    readonly slaIds?: readonly string[];
  };
  readonly amendedAt: string;
}
export interface ContractTerminatedV1 extends ContractRefV1 {
  readonly reason: string;
  readonly detail: string;
  readonly unitRoute: 'retender' | 'insource';
  readonly terminatedAt: string;
}
export interface ContractExpiredV1 extends ContractRefV1 {
  readonly expiredAt: string;
}

export interface ProviderScorecardPublishedV1 {
  readonly providerId: string;
  readonly period: string;
  readonly revision: number;
  readonly score: number;
  /** The score's UK Procurement Act 2023 rating, whatever the service's scheme: v1's meaning. */
  readonly rating: string;
  /** The score's grade in the scheme the scorecard was published in (added within v1, optional). */
  readonly grade?: { readonly scheme: string; readonly code: string };
  readonly measurements: number;
  readonly contracts: number;
  readonly breaches: number;
  readonly criticalBreaches: number;
  readonly serviceCredits: readonly Money[];
  readonly contractScores: ReadonlyArray<{
    readonly contractId: string;
    readonly score: number;
    readonly measurements: number;
  }>;
  readonly publishedAt: string;
}

/** Inbound, from the procurement system. */
export interface TenderPublishedV1 {
  readonly unitId: string;
  readonly ocid: string;
  readonly publishedAt?: string;
}
export interface AwardDecidedV1 {
  readonly unitId: string;
  readonly ocid: string;
  readonly awardId: string;
  readonly providerId: string;
  readonly value: Money;
  readonly contractPeriod?: { readonly start: string; readonly end: string };
}
export interface TenderFailedV1 {
  readonly unitId: string;
  readonly ocid: string;
  readonly reason: string;
}
