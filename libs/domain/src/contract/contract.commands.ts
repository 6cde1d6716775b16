import type { TerminationRoute } from '../service-unit/service-unit.values';
import { type Command, type Money } from '../shared';
import {
  type ContractChanges,
  type ContractPeriod,
  type SlaDefinition,
  type TerminationReason,
  type TerminationRule,
} from './contract.values';

/**
 * Commands of the contract aggregate. Every command names its contract (`contractId` routes it
 * to the stream `contract-<id>`); actor and time travel on the command envelope.
 * Periods of measurement and settlement are calendar months written YYYY-MM.
 */

export interface DraftContractData {
  readonly contractId: string;
  readonly unitId: string;
  readonly providerId: string;
  readonly agency: string;
  /** OCDS `ocid` of the procurement, e.g. `ocds-213czf-000-00001`. */
  readonly procurementId: string;
  readonly awardId: string;
  readonly totalValue: Money;
  readonly period: ContractPeriod;
  readonly monthlyCharge: Money;
  readonly slas: readonly SlaDefinition[];
  /** Defaults to 3 critical breaches within 12 months. */
  readonly terminationRule?: TerminationRule;
  /** Contract-wide cap on a period's credits, percent of the monthly charge; defaults to 100. */
  readonly creditCapPercent?: number;
}

export type DraftContract = Command<'DraftContract', DraftContractData>;
/** The application layer looks the provider up and says whether it may sign (not suspended or debarred). */
export type SignContract = Command<
  'SignContract',
  { readonly contractId: string; readonly providerEligible: boolean; readonly ineligibleReason?: string }
>;
export type ActivateContract = Command<'ActivateContract', { readonly contractId: string }>;
export type SuspendContract = Command<'SuspendContract', { readonly contractId: string; readonly reason: string }>;
export type ResumeContract = Command<'ResumeContract', { readonly contractId: string }>;
export type AmendContract = Command<
  'AmendContract',
  {
    readonly contractId: string;
    readonly amendmentId: string;
    readonly rationale: string;
    readonly changes: ContractChanges;
  }
>;
export type RenewContract = Command<
  'RenewContract',
  { readonly contractId: string; readonly newEnd: string; readonly rationale: string }
>;
export type ExpireContract = Command<'ExpireContract', { readonly contractId: string }>;
export type TerminateContract = Command<
  'TerminateContract',
  {
    readonly contractId: string;
    readonly reason: TerminationReason;
    readonly detail: string;
    /** What becomes of the service unit; `retender` when absent. */
    readonly unitRoute?: TerminationRoute;
  }
>;

export interface MeasurementData {
  readonly contractId: string;
  readonly slaId: string;
  readonly period: string;
  readonly value: number;
  /** Due date of the rectification plan a critical breach opens; defaults to 30 days after the command date. */
  readonly rectificationDueDate?: string;
}
export type RecordMeasurement = Command<'RecordMeasurement', MeasurementData>;
export type CorrectMeasurement = Command<'CorrectMeasurement', MeasurementData & { readonly reason: string }>;
export type CloseRectificationPlan = Command<
  'CloseRectificationPlan',
  { readonly contractId: string; readonly rectificationId: string; readonly evidence: string }
>;

export type RecordInvoice = Command<
  'RecordInvoice',
  {
    readonly contractId: string;
    readonly invoiceId: string;
    readonly period: string;
    readonly grossCharge: Money;
    /** Why the gross charge exceeds the monthly charge in force; required exactly when it does. */
    readonly overchargeReason?: string;
  }
>;
export type ApproveSettlement = Command<'ApproveSettlement', { readonly contractId: string; readonly period: string }>;
/** Payments are exact: the amount must equal the approved net payable (no partial payments). */
export type RecordPayment = Command<
  'RecordPayment',
  { readonly contractId: string; readonly period: string; readonly amount: Money; readonly paymentRef: string }
>;

export type ContractCommand =
  | DraftContract
  | SignContract
  | ActivateContract
  | SuspendContract
  | ResumeContract
  | AmendContract
  | RenewContract
  | ExpireContract
  | TerminateContract
  | RecordMeasurement
  | CorrectMeasurement
  | CloseRectificationPlan
  | RecordInvoice
  | ApproveSettlement
  | RecordPayment;
