import type { TerminationRoute } from '../service-unit/service-unit.values';
import { type Message, type Money } from '../shared';
import {
  type ContractChanges,
  type ContractPeriod,
  type SlaDefinition,
  type SlaDirection,
  type SlaOutcome,
  type TerminationReason,
  type TerminationRule,
} from './contract.values';

/**
 * Events of the contract aggregate. The type strings are stored and never change; each event
 * carries who (`…By`) and when (`…At`, from the command) in its data, beside the envelope metadata.
 */

export const CONTRACT_EVENT_TYPES = [
  'ContractDrafted',
  'ContractSigned',
  'ContractActivated',
  'ContractSuspended',
  'ContractResumed',
  'ContractAmended',
  'ContractRenewed',
  'ContractExpired',
  'ContractTerminated',
  'SlaMeasurementRecorded',
  'SlaMeasurementCorrected',
  'RectificationPlanOpened',
  'RectificationPlanClosed',
  'InvoiceRecorded',
  'SettlementRecalculated',
  'SettlementApproved',
  'PaymentRecorded',
] as const;
export type ContractEventType = (typeof CONTRACT_EVENT_TYPES)[number];

interface Parties {
  readonly contractId: string;
  readonly unitId: string;
  readonly providerId: string;
}

export type ContractDrafted = Message<
  'ContractDrafted',
  Parties & {
    readonly agency: string;
    readonly procurementId: string;
    readonly awardId: string;
    readonly totalValue: Money;
    readonly period: ContractPeriod;
    readonly monthlyCharge: Money;
    readonly slas: readonly SlaDefinition[];
    readonly terminationRule: TerminationRule;
    readonly creditCapPercent: number;
    readonly draftedBy: string;
    readonly draftedAt: string;
  }
>;
export type ContractSigned = Message<
  'ContractSigned',
  Parties & { readonly signedBy: string; readonly signedAt: string }
>;
export type ContractActivated = Message<
  'ContractActivated',
  Parties & { readonly period: ContractPeriod; readonly activatedBy: string; readonly activatedAt: string }
>;
export type ContractSuspended = Message<
  'ContractSuspended',
  { readonly contractId: string; readonly reason: string; readonly suspendedBy: string; readonly suspendedAt: string }
>;
export type ContractResumed = Message<
  'ContractResumed',
  { readonly contractId: string; readonly resumedBy: string; readonly resumedAt: string }
>;
export type ContractAmended = Message<
  'ContractAmended',
  {
    readonly contractId: string;
    readonly amendmentId: string;
    /** 1 for the first amendment, then 2, 3 … */
    readonly version: number;
    readonly rationale: string;
    readonly changes: ContractChanges;
    readonly amendedBy: string;
    readonly amendedAt: string;
  }
>;
export type ContractRenewed = Message<
  'ContractRenewed',
  {
    readonly contractId: string;
    readonly previousEnd: string;
    readonly newEnd: string;
    readonly rationale: string;
    readonly renewedBy: string;
    readonly renewedAt: string;
  }
>;
export type ContractExpired = Message<
  'ContractExpired',
  Parties & { readonly expiredBy: string; readonly expiredAt: string }
>;
export type ContractTerminated = Message<
  'ContractTerminated',
  Parties & {
    readonly reason: TerminationReason;
    readonly detail: string;
    /** What becomes of the service unit: re-tendered or taken back in-house. */
    readonly unitRoute: TerminationRoute;
    readonly terminatedBy: string;
    readonly terminatedAt: string;
  }
>;

/** The figures of one evaluation of an SLA for a period. */
export interface MeasurementFigures {
  readonly value: number;
  readonly outcome: SlaOutcome;
  readonly credit: Money;
}

interface EvaluatedAgainst {
  readonly contractId: string;
  readonly slaId: string;
  readonly period: string;
  /** The SLA terms the value was evaluated against, as in force at the time. */
  readonly direction: SlaDirection;
  readonly target: number;
  readonly criticalThreshold: number;
}

export type SlaMeasurementRecorded = Message<
  'SlaMeasurementRecorded',
  EvaluatedAgainst & MeasurementFigures & { readonly recordedBy: string; readonly recordedAt: string }
>;
/** Supersedes the latest figures of the SLA and period; `previous` is what it replaces. */
export type SlaMeasurementCorrected = Message<
  'SlaMeasurementCorrected',
  EvaluatedAgainst &
    MeasurementFigures & {
      readonly reason: string;
      readonly previous: MeasurementFigures;
      readonly correctedBy: string;
      readonly correctedAt: string;
    }
>;
export type RectificationPlanOpened = Message<
  'RectificationPlanOpened',
  {
    readonly contractId: string;
    readonly rectificationId: string;
    readonly slaId: string;
    readonly period: string;
    readonly dueDate: string;
    readonly openedBy: string;
    readonly openedAt: string;
  }
>;
export type RectificationPlanClosed = Message<
  'RectificationPlanClosed',
  {
    readonly contractId: string;
    readonly rectificationId: string;
    readonly evidence: string;
    readonly closedBy: string;
    readonly closedAt: string;
  }
>;

/** Settlement figures of a period: net = gross − credits, never negative. */
export interface SettlementFigures {
  readonly gross: Money;
  /** Sum of the period's per-SLA credits (each already capped by its SLA). */
  readonly slaCredits: Money;
  /** Credits applied: slaCredits limited by the contract-wide cap and by the gross charge. */
  readonly credits: Money;
  readonly net: Money;
}

export type InvoiceRecorded = Message<
  'InvoiceRecorded',
  SettlementFigures & {
    readonly contractId: string;
    readonly invoiceId: string;
    readonly period: string;
    /** Why the gross charge exceeds the monthly charge in force; present exactly when it does. */
    readonly overchargeReason?: string;
    readonly recordedBy: string;
    readonly recordedAt: string;
  }
>;
export type SettlementRecalculated = Message<
  'SettlementRecalculated',
  SettlementFigures & {
    readonly contractId: string;
    readonly invoiceId: string;
    readonly period: string;
    readonly previous: { readonly credits: Money; readonly net: Money };
    readonly recalculatedBy: string;
    readonly recalculatedAt: string;
  }
>;
export type SettlementApproved = Message<
  'SettlementApproved',
  SettlementFigures & {
    readonly contractId: string;
    readonly invoiceId: string;
    readonly period: string;
    readonly approvedBy: string;
    readonly approvedAt: string;
  }
>;
export type PaymentRecorded = Message<
  'PaymentRecorded',
  {
    readonly contractId: string;
    readonly invoiceId: string;
    readonly period: string;
    readonly amount: Money;
    readonly paymentRef: string;
    readonly recordedBy: string;
    readonly paidAt: string;
  }
>;

export type ContractEvent =
  | ContractDrafted
  | ContractSigned
  | ContractActivated
  | ContractSuspended
  | ContractResumed
  | ContractAmended
  | ContractRenewed
  | ContractExpired
  | ContractTerminated
  | SlaMeasurementRecorded
  | SlaMeasurementCorrected
  | RectificationPlanOpened
  | RectificationPlanClosed
  | InvoiceRecorded
  | SettlementRecalculated
  | SettlementApproved
  | PaymentRecorded;
