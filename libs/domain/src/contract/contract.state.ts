import { type Money } from '../shared';
import { type MeasurementFigures, type SettlementFigures } from './contract.events';
import {
  type ContractChanges,
  type ContractPeriod,
  type SettlementStatus,
  type SlaDefinition,
  type TerminationReason,
  type TerminationRule,
} from './contract.values';

/** Key of a measurement (and of the rectification plan it may open): `<slaId>:<period>`. */
export const measurementKey = (slaId: string, period: string): string => `${slaId}:${period}`;

/** The latest figures of one SLA for one period. */
export interface MeasurementRecord extends MeasurementFigures {
  readonly slaId: string;
  readonly period: string;
  /** True once a correction has superseded the first value. */
  readonly corrected: boolean;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface BreachCount {
  readonly breached: number;
  readonly criticallyBreached: number;
}

export interface RectificationPlan {
  readonly rectificationId: string;
  readonly slaId: string;
  readonly period: string;
  readonly dueDate: string;
  readonly status: 'open' | 'closed';
  readonly openedBy: string;
  readonly openedAt: string;
  readonly evidence?: string;
  readonly closedBy?: string;
  readonly closedAt?: string;
}

export interface SettlementRecord extends SettlementFigures {
  readonly invoiceId: string;
  readonly period: string;
  /** Why the gross charge exceeds the monthly charge in force when the invoice was recorded. */
  readonly overchargeReason?: string;
  readonly status: SettlementStatus;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
  readonly paymentRef?: string;
  readonly paidAmount?: Money;
  readonly paidAt?: string;
}

export interface AmendmentRecord {
  readonly amendmentId: string;
  readonly version: number;
  readonly rationale: string;
  readonly changes: ContractChanges;
  readonly amendedBy: string;
  readonly amendedAt: string;
}

export interface RenewalRecord {
  readonly previousEnd: string;
  readonly newEnd: string;
  readonly rationale: string;
  readonly renewedBy: string;
  readonly renewedAt: string;
}

/** Everything a contract holds whatever its status: the drafted terms as amended, and its history. */
export interface ContractRecord {
  readonly contractId: string;
  readonly unitId: string;
  readonly providerId: string;
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
  readonly amendments: readonly AmendmentRecord[];
  readonly renewals: readonly RenewalRecord[];
  /** Keyed by `measurementKey(slaId, period)`. */
  readonly measurements: Readonly<Record<string, MeasurementRecord>>;
  /** Per SLA, over the latest figures of each period. */
  readonly breachCounts: Readonly<Record<string, BreachCount>>;
  /** Keyed by rectification id. */
  readonly rectifications: Readonly<Record<string, RectificationPlan>>;
  /** Keyed by period YYYY-MM. */
  readonly settlements: Readonly<Record<string, SettlementRecord>>;
}

export interface Signature {
  readonly signedBy: string;
  readonly signedAt: string;
}

export interface NoContract {
  readonly status: 'none';
}
export interface DraftContractState extends ContractRecord {
  readonly status: 'draft';
}
export interface SignedContractState extends ContractRecord, Signature {
  readonly status: 'signed';
}
export interface ActiveContractState extends ContractRecord, Signature {
  readonly status: 'active';
  readonly activatedAt: string;
}
export interface SuspendedContractState extends ContractRecord, Signature {
  readonly status: 'suspended';
  readonly activatedAt: string;
  readonly suspendedAt: string;
  readonly suspendedBy: string;
  readonly suspensionReason: string;
}
export interface ExpiredContractState extends ContractRecord, Signature {
  readonly status: 'expired';
  readonly activatedAt: string;
  readonly expiredAt: string;
}
export interface TerminatedContractState extends ContractRecord, Signature {
  readonly status: 'terminated';
  readonly activatedAt: string;
  readonly terminatedAt: string;
  readonly terminatedBy: string;
  readonly terminationReason: TerminationReason;
  readonly terminationDetail: string;
}

export type ExistingContract =
  | DraftContractState
  | SignedContractState
  | ActiveContractState
  | SuspendedContractState
  | ExpiredContractState
  | TerminatedContractState;
export type ContractState = NoContract | ExistingContract;

export const initialContractState: ContractState = { status: 'none' };
